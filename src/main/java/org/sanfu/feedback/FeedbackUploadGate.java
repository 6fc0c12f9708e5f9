package org.sanfu.feedback;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import org.sanfu.web.ReadFormRequest;
import org.sanfu.web.UploadLimits;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import org.springframework.web.util.UrlPathHelper;

/**
 * The feedback page takes files from people without an account ({@link FeedbackFiles}: three of 10 MB), so its body is
 * read only for a rating that could be recorded: a POST to a live link whose ticket waits for feedback, from an address
 * the page's limit admits. Anything else under /f sent as multipart (a made-up or spent token, another method, an
 * address over its limit) goes on as an empty form, its body never read: the page then answers as it does to any such
 * request (410 with whom to turn to, 405, 429), and nobody can make the service receive, store and copy 30 MB with a
 * token they do not hold. Before every other filter, since the first one that reads a parameter reads the whole body
 * (the 413 check, the CSRF filter, the multipart resolver). And at most {@code sanfu.feedback-links.max-concurrent-uploads}
 * such bodies are read at the same moment: each address is held to its limit, but many addresses together, each with a
 * live link, could make the node read as many bodies of 30 MB at once. One more goes on as an empty form too, marked
 * {@link #BUSY}, which the page answers 503 (系统繁忙，请稍后再提交) without waiting for the others. A rating without
 * files (a body of at most {@link #SMALL} bytes, declared) takes no permit: the bound is for files, and a few slow
 * uploads must not turn away every other enterprise's rating. Nor is a link's body read twice at once: one link records
 * one rating, and whoever holds it could otherwise take every permit with slow bodies of their own; its second goes on
 * as an empty form marked {@link #BUSY} too.
 */
class FeedbackUploadGate extends OncePerRequestFilter {

    /** Set when this request took its token from the page's limit here, so that the page does not take a second. */
    static final String ADMITTED = FeedbackUploadGate.class.getName() + ".admitted";
    /** Set when this request's form could be taken but as many are being read as may be: the page answers 503. */
    static final String BUSY = FeedbackUploadGate.class.getName() + ".busy";

    private final FeedbackPageThrottle throttle;
    private final FeedbackLinkService links;
    /** A permit for each body with files read now; taken without waiting, given back when the request is answered. */
    final Semaphore reading;
    /** The links whose body is being read now. */
    private final Set<String> linksBeingRead = ConcurrentHashMap.newKeySet();
    /** A body this small (declared) holds no file worth bounding: a grade and a comment, the form's fields. */
    static final long SMALL = 64 * 1024;

    FeedbackUploadGate(FeedbackPageThrottle throttle, FeedbackLinkService links, int maxConcurrentUploads) {
        this.throttle = throttle;
        this.links = links;
        this.reading = new Semaphore(maxConcurrentUploads);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!UploadLimits.isMultipart(request)) {
            chain.doFilter(request, response);
            return;
        }
        // the path as the page reads it (decoded), so that a token sent percent-encoded is the same link
        Matcher rating = FeedbackFiles.RATING.matcher(UrlPathHelper.defaultInstance.getPathWithinApplication(request));
        boolean takes = false;
        try {
            if ("POST".equals(request.getMethod()) && rating.matches()) {
                boolean admitted = throttle.admit(request.getRemoteAddr());
                request.setAttribute(ADMITTED, admitted);
                takes = admitted && links.takesRating(rating.group(1));
            }
        } catch (RuntimeException unknown) {
            // the database not answering: not a reason to read 30 MB; the page meets the same fault and answers it
            logger.warn("Could not tell whether a feedback link takes a rating; its form goes on unread", unknown);
        }
        if (takes) {
            String token = rating.group(1);
            long length = request.getContentLengthLong();
            boolean small = length >= 0 && length <= SMALL;
            // a queue would hold the connection, and the enterprise's phone, for as long as the others take
            if (linksBeingRead.add(token)) {
                try {
                    if (small || reading.tryAcquire()) {
                        try {
                            chain.doFilter(request, response);
                        } finally {
                            if (!small) {
                                reading.release();
                            }
                        }
                        return;
                    }
                } finally {
                    linksBeingRead.remove(token);
                }
            }
            request.setAttribute(BUSY, true);
        }
        // the body stays unread: the connection is not kept for another request behind it
        response.setHeader(HttpHeaders.CONNECTION, "close");
        chain.doFilter(new EmptyForm(request), response);
    }

    /**
     * The request as a form with no fields but its query's: its type urlencoded, its length 0, its body nothing, and
     * never the container's parts (reading them would read the body).
     */
    private static final class EmptyForm extends ReadFormRequest {

        EmptyForm(HttpServletRequest request) {
            super(request, new byte[0], UriComponentsBuilder.newInstance().query(request.getQueryString()).build()
                    .getQueryParams().entrySet().stream().collect(Collectors.toMap(e -> decoded(e.getKey()),
                            e -> e.getValue().stream().map(v -> v == null ? "" : decoded(v)).toList(), (a, b) -> a,
                            LinkedHashMap::new)));
        }

        @Override
        public String getContentType() {
            return MediaType.APPLICATION_FORM_URLENCODED_VALUE;
        }

        @Override
        public int getContentLength() {
            return 0;
        }

        @Override
        public long getContentLengthLong() {
            return 0;
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? getContentType()
                    : HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name) ? "0" : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) || HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(getHeader(name))) : super.getHeaders(name);
        }

        @Override
        public Collection<Part> getParts() {
            return List.of();
        }

        @Override
        public Part getPart(String name) {
            return null;
        }

        private static String decoded(String encoded) {
            try {
                return UriUtils.decode(encoded.replace('+', ' '), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return encoded;
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        /** Before Spring Security's filters, whose first under /f (the 413 check) reads a multipart body. */
        @Bean
        FilterRegistrationBean<FeedbackUploadGate> feedbackUploadGate(FeedbackPageThrottle throttle,
                FeedbackLinkService links, FeedbackLinkProperties settings, SecurityProperties security) {
            FilterRegistrationBean<FeedbackUploadGate> registration = new FilterRegistrationBean<>(
                    new FeedbackUploadGate(throttle, links, settings.maxConcurrentUploads()));
            registration.addUrlPatterns("/f/*");
            registration.setOrder(security.getFilter().getOrder() - 1);
            return registration;
        }
    }
}
