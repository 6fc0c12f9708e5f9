package org.sanfu.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import java.util.Map;
import org.sanfu.web.Page;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;

/** The sign-in form (templates/login.html); Spring Security checks what it posts to /login. Anyone. */
@Page
class SignInPage {

    /** The session attribute that carries a refused sign-in's user name back to the form. */
    static final String LAST_USERNAME = SignInPage.class.getName() + ".username";

    @GetMapping("/login")
    String login(HttpServletRequest request, Model model) {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn != null && !(signedIn instanceof AnonymousAuthenticationToken) && signedIn.isAuthenticated()) {
            return "redirect:/";
        }
        if (request.getParameterMap().containsKey("logout")) {
            // where the sign-out led: a stale tab's form posted in this session keeps nothing for the next sign-in
            ExpiredFormWayBack.signedOut(request);
        }
        HttpSession session = request.getSession(false);
        if (request.getParameterMap().containsKey("error") && session != null) {
            // the user name typed before the refusal, so that only the password is typed again
            model.addAttribute("username", session.getAttribute(LAST_USERNAME));
        }
        // a form posted after its session timed out: what was typed waits for the sign-in
        model.addAttribute("formKept", request.getParameterMap().containsKey("expired") && KeptForms.waiting(session));
        return "login";
    }

    /**
     * A sign-in the form's check refused: back to the form with its message (/login?error); while the
     * account or address is locked (SignInAttempts), the form at once with status 429, Retry-After and
     * the minutes left, since a redirect could carry neither.
     */
    static AuthenticationFailureHandler refused(ViewResolver views) {
        AuthenticationFailureHandler wrong = new SimpleUrlAuthenticationFailureHandler("/login?error");
        return (request, response, e) -> {
            if (!(e instanceof SignInLocked locked)) {
                String username = request.getParameter("username");
                if (username != null && username.length() <= AccountDirectory.USERNAME_MAX) {
                    request.getSession().setAttribute(LAST_USERNAME, username);
                }
                wrong.onAuthenticationFailure(request, response, e);
                return;
            }
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(locked.retryAfterSeconds()));
            try {
                View form = views.resolveViewName("login", Locale.SIMPLIFIED_CHINESE);
                form.render(Map.of("lockedMinutes", locked.minutes()), request, response);
            } catch (Exception unrendered) {
                throw new IllegalStateException("cannot render the sign-in form", unrendered);
            }
        };
    }
}
