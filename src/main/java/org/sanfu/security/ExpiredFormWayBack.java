package org.sanfu.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
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

    /**
     * The session attribute (true) marking the session a sign-out led to (the sign-in form at /login?logout makes
     * it, for its CSRF token): a stale tab's form posted in it is the signed-out person's, and whoever signs in
     * there next is not to get it back.
     */
    static final String SIGNED_OUT = ExpiredFormWayBack.class.getName() + ".signedOut";

    private ExpiredFormWayBack() {}

    /** Marks the browser's session as the one its sign-out led to ({@link #SIGNED_OUT}). */
    static void signedOut(HttpServletRequest request) {
        request.getSession(true).setAttribute(SIGNED_OUT, Boolean.TRUE);
    }

    /**
     * Keeps the page the form was on, when the Referer names one of this site's pages, and then what was
     * typed, when the form is one {@link KeptForms} keeps: the way back is then the form's own page (the
     * Referer may be the address a refused form was shown at, which a GET does not answer). Nothing, neither
     * form nor page, in a session a sign-out led to: a session that timed out, or one begun since without a
     * sign-out (a feedback link rated in that browser), is the same person back at the form; one after a
     * sign-out is the next person at the terminal.
     */
    static void remember(HttpServletRequest request, KeptForms forms) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SIGNED_OUT) != null) {
            return;
        }
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
