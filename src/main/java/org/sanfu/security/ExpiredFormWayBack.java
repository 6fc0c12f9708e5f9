package org.sanfu.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.security.web.savedrequest.SimpleSavedRequest;

/**
 * A page's form posted after its session timed out is sent to sign in again (/login?expired). Signed in,
 * the user goes back to the page the form was on, not to the start: that page (the Referer, which the
 * pages' same-origin Referrer-Policy sends) is kept in the new session as the request to return to, as
 * Spring Security keeps a page asked for before signing in. The form itself is not sent again: an action
 * must be seen before it is taken. What was typed comes back in the form, on the form's own page, when
 * its feature declares it ({@link KeptForms}).
 */
final class ExpiredFormWayBack {

    /** Where HttpSessionRequestCache, the pages' request cache, keeps the request to return to. */
    static final String SAVED_REQUEST = "SPRING_SECURITY_SAVED_REQUEST";

    private ExpiredFormWayBack() {}

    /**
     * Keeps the page the form was on, when the Referer names one of this site's pages, and then what was
     * typed, when the form is one {@link KeptForms} keeps: the way back is then the form's own page (the
     * Referer may be the address a refused form was shown at, which a GET does not answer).
     */
    static void remember(HttpServletRequest request, KeptForms forms) {
        String page = pageOf(request.getHeader("Referer"), request.getHeader("Host"));
        if (page != null) {
            String formPage = forms.keep(request);
            request.getSession(true).setAttribute(SAVED_REQUEST,
                    new SimpleSavedRequest(formPage != null ? formPage : page));
        }
    }

    /** The Referer's path and query if it is a page of the host the form was posted to; else null. */
    static String pageOf(String referer, String host) {
        if (referer == null || host == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(referer);
        } catch (URISyntaxException notAUri) {
            return null;
        }
        String path = uri.getRawPath();
        if (!host.equalsIgnoreCase(uri.getRawAuthority()) || path == null || !path.startsWith("/")
                || path.startsWith("//") || path.startsWith("/login") || path.startsWith("/logout")
                || path.startsWith("/api/")) {
            return null;
        }
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
