package org.sanfu.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The pages' way back after signing in remembers only where the user was going: a page opened in the browser, not
 * what a page fetched by itself. A ticket page left open past the session's time-out still loads its pictures
 * (lazily, as they scroll into view); remembered, the last of them would be where sign-in leads, the bare picture
 * instead of the ticket. Browsers say what a request is for ({@code Sec-Fetch-Dest}: {@code document} for a page,
 * {@code image}, {@code script}, {@code style}... for a page's parts); a request without it (an older browser, a test)
 * is taken as a page, as before. Otherwise as Spring Security's own choice: GET only, not a script's request
 * ({@code X-Requested-With}), nor one asking for JSON, a multipart form or an event stream, nor the icon.
 */
final class PageNavigations {

    private static final RequestMatcher NOT_A_PAGE = accepting(MediaType.APPLICATION_JSON, MediaType.MULTIPART_FORM_DATA,
            MediaType.TEXT_EVENT_STREAM);

    private PageNavigations() {}

    static RequestCache cache() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(PageNavigations::remembered);
        return cache;
    }

    static boolean remembered(HttpServletRequest request) {
        String destination = request.getHeader("Sec-Fetch-Dest");
        return "GET".equals(request.getMethod()) && (destination == null || "document".equals(destination))
                && !"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
                && !request.getRequestURI().contains("/favicon.") && !NOT_A_PAGE.matches(request);
    }

    private static RequestMatcher accepting(MediaType... types) {
        MediaTypeRequestMatcher matcher = new MediaTypeRequestMatcher(types);
        matcher.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return matcher;
    }
}
