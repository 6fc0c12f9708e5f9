package org.sanfu.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * After signing in, the page the user was going to (or the form's page after a time-out), as Spring
 * Security does; but only when the one who signed in may open it. A terminal left on a staff member's
 * timed-out visit form, where a leader then signs in, takes the leader home rather than to a 403 page,
 * and what the staff member typed is dropped there and then (KeptForms), not left waiting in the
 * leader's session for the next one to sign in. Checked against the pages' rules by path and role
 * (SecurityConfig); a page whose controller refuses a particular record still answers its own 403.
 */
final class WayBackAfterSignIn extends SavedRequestAwareAuthenticationSuccessHandler {

    private final RequestCache wayBack = new HttpSessionRequestCache();
    /** Looked up at sign-in: the evaluator is made from the filter chains, this one among them. */
    private final ObjectProvider<WebInvocationPrivilegeEvaluator> privileges;

    WayBackAfterSignIn(ObjectProvider<WebInvocationPrivilegeEvaluator> privileges) {
        this.privileges = privileges;
        setRequestCache(wayBack);
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws ServletException, IOException {
        SavedRequest saved = wayBack.getRequest(request, response);
        if (saved != null && !mayOpen(request, saved.getRedirectUrl(), authentication)) {
            wayBack.removeRequest(request, response);
            KeptForms.drop(request.getSession(false));
            clearAuthenticationAttributes(request);
            getRedirectStrategy().sendRedirect(request, response, getDefaultTargetUrl());
            return;
        }
        super.onAuthenticationSuccess(request, response, authentication);
    }

    /**
     * Whether the user may open the page: a saved request's address is whole (with the context path), a
     * form's page (ExpiredFormWayBack) is within the application, as a redirect to it is written.
     */
    private boolean mayOpen(HttpServletRequest request, String page, Authentication authentication) {
        URI uri;
        try {
            uri = new URI(page);
        } catch (URISyntaxException notAPage) {
            return false;
        }
        String path = uri.getRawPath();
        String context = request.getContextPath();
        if (uri.isAbsolute()) {
            if (path == null || !path.startsWith(context + "/")) {
                return false;
            }
            path = path.substring(context.length());
        }
        return path != null && path.startsWith("/")
                && privileges.getObject().isAllowed(context, path, "GET", authentication);
    }
}
