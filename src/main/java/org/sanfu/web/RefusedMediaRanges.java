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
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code q=0} in {@code Accept} means "not this" (RFC 9110, 12.4.2), but Spring MVC's negotiation takes
 * such a range like any other: {@code Accept: application/json;q=0} was answered in JSON. Under /api the
 * ranges refused so are taken out of the header before the negotiation; when nothing is left, the header
 * names a type no endpoint gives, so the endpoint answers 406 listing what it does give, as for any other
 * Accept it cannot meet. A header that does not parse is left to Spring MVC's own answer.
 *
 * <p>A range's {@code charset} parameter is taken out too: every answer under /api is UTF-8 (JSON is, RFC 8259
 * 8.1, and application/json defines no charset parameter, 11), so {@code application/json;charset=latin1} asks
 * for the application/json the API gives, and is answered in it, in UTF-8. Left in, it made Jackson's converter
 * refuse the answer only once the handler had run: a write committed, then answered 406 (or wrote UTF-16 when
 * asked for it). Taken out before the header is parsed, so that a charset Java does not know changes nothing
 * either. Runs before {@link JsonOnlyWrites}, which judges the header as rewritten here.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class RefusedMediaRanges extends OncePerRequestFilter {

    /** A type no endpoint produces: what remains of an Accept header that refused every type it named. */
    static final String NOTHING = "application/x.refused-all";

    /** A range's charset parameter, its value quoted or not. */
    private static final Pattern CHARSET = Pattern.compile(";\\s*charset\\s*=\\s*(\"[^\"]*\"|[^;]*)",
            Pattern.CASE_INSENSITIVE);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // the path first: every request passes here, and only the API's few that refuse a type or name a charset go on
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return true;
        }
        String accept = accept(request);
        if (accept == null) {
            return true;
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        return !lower.contains("q=0") && !lower.contains("charset");
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

    /**
     * The header without its ranges of quality 0 and its ranges' charsets; null when it has neither, or does
     * not parse without its charsets.
     */
    static String accepted(String accept) {
        String withoutCharsets;
        List<MediaType> ranges;
        try {
            withoutCharsets = String.join(", ", MimeTypeUtils.tokenize(accept).stream()
                    .map(range -> CHARSET.matcher(range).replaceAll("")).toList());
            ranges = MediaType.parseMediaTypes(withoutCharsets);
        } catch (InvalidMimeTypeException | InvalidMediaTypeException e) {
            return null;
        }
        List<MediaType> kept = ranges.stream().filter(range -> range.getQualityValue() > 0).toList();
        if (kept.size() == ranges.size()) {
            return CHARSET.matcher(accept).find() ? withoutCharsets : null;
        }
        return kept.isEmpty() ? NOTHING : MediaType.toString(kept);
    }
}
