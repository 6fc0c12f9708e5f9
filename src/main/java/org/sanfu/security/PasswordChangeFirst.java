package org.sanfu.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A person whose password an administrator set (a new account, or 重设密码 on /admin) chooses their own before
 * anything else: signed in to the pages, every request but /account, its form, signing out and the pages' own
 * files is sent to {@code /account} (302 for a GET, 303 for a form, which is not done), which says 请先修改密码.
 * Placed after SignedInAccountCheck, which marks such a session's request; it sees only a session's sign-in, so
 * HTTP Basic (the API, and a script on the operators' endpoints) goes on working: machines use the API, and an
 * integrator's account is not held up by a page it never opens.
 */
final class PasswordChangeFirst extends OncePerRequestFilter {

    static final String ACCOUNT_PAGE = "/account";

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();
    /** What such a session may still ask for: the page to change it, signing out, the pages' files. */
    private static final List<RequestMatcher> STILL_OPEN = List.of(
            PATHS.matcher(HttpMethod.GET, ACCOUNT_PAGE),
            // a HEAD of the page it sends every other request to: else its own redirect, for ever
            PATHS.matcher(HttpMethod.HEAD, ACCOUNT_PAGE),
            PATHS.matcher(HttpMethod.POST, AccountPage.PASSWORD_FORM),
            PATHS.matcher(HttpMethod.POST, "/logout"),
            PATHS.matcher(HttpMethod.GET, "/login"),
            PATHS.matcher(HttpMethod.GET, "/session"),
            PATHS.matcher(HttpMethod.GET, "/css/**"),
            PATHS.matcher(HttpMethod.GET, "/js/**"),
            PATHS.matcher(HttpMethod.GET, "/webjars/**"),
            PATHS.matcher(HttpMethod.GET, "/dashboard.css"));

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (Boolean.TRUE.equals(request.getAttribute(SignedInAccountCheck.PASSWORD_CHANGE_REQUIRED))
                && STILL_OPEN.stream().noneMatch(open -> open.matches(request))) {
            boolean read = HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
            response.setStatus(read ? HttpStatus.FOUND.value() : HttpStatus.SEE_OTHER.value());
            response.setHeader(HttpHeaders.LOCATION, request.getContextPath() + ACCOUNT_PAGE);
            return;
        }
        chain.doFilter(request, response);
    }
}
