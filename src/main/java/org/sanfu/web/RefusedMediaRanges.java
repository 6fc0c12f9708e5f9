package org.sanfu.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code q=0} in {@code Accept} means "not this" (RFC 9110, 12.4.2), but Spring MVC's negotiation takes
 * such a range like any other: {@code Accept: application/json;q=0} was answered in JSON. Under /api the
 * ranges refused so are taken out of the header before the negotiation; when nothing is left, the header
 * names a type no endpoint gives, so the endpoint answers 406 listing what it does give, as for any other
 * Accept it cannot meet. A header that does not parse is left to Spring MVC's own answer.
 */
@Component
class RefusedMediaRanges extends OncePerRequestFilter {

    /** A type no endpoint produces: what remains of an Accept header that refused every type it named. */
    static final String NOTHING = "application/x.refused-all";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // the path first: every request passes here, and only the API's few that refuse a type go on
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return true;
        }
        String accept = accept(request);
        return accept == null || !accept.contains("q=0") && !accept.contains("Q=0");
    }

    /** All the request's Accept headers as one list, as the negotiation reads them; null without any. */
    private static String accept(HttpServletRequest request) {
        List<String> headers = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        return headers.isEmpty() ? null : String.join(", ", headers);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String accepted = accepted(accept(request));
        chain.doFilter(accepted == null ? request : new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? accepted : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return HttpHeaders.ACCEPT.equalsIgnoreCase(name)
                        ? Collections.enumeration(List.of(accepted)) : super.getHeaders(name);
            }
        }, response);
    }

    /** The header without its ranges of quality 0; null when it has none, or does not parse. */
    static String accepted(String accept) {
        List<MediaType> ranges;
        try {
            ranges = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return null;
        }
        List<MediaType> kept = ranges.stream().filter(range -> range.getQualityValue() > 0).toList();
        if (kept.size() == ranges.size()) {
            return null;
        }
        return kept.isEmpty() ? NOTHING : MediaType.toString(kept);
    }
}
