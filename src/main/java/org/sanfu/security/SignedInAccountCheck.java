package org.sanfu.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A page session holds the account as it was at sign-in. Before each request of the pages' chain this
 * reads the account again (one lookup by primary key) and
 * <ul>
 *   <li>ends the session when the account was disabled, removed, or given a new password: the request
 *       goes on signed out, so a page redirects to /login and a form is refused;</li>
 *   <li>carries on with the account as it is now when its role or department changed.</li>
 * </ul>
 * Why this and not a SessionRegistry that expires the user's sessions: a registry lives in one node's
 * memory and knows neither the sessions of the other nodes sharing the database nor sessions kept by
 * Spring Session JDBC, and it must be told of every change. Reading the account on each request is
 * right on every node, whatever changed the account, at the cost of one indexed read per page.
 */
final class SignedInAccountCheck extends OncePerRequestFilter {

    private final Accounts accounts;
    private final SecurityContextRepository contexts;

    SignedInAccountCheck(Accounts accounts, SecurityContextRepository contexts) {
        this.accounts = accounts;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn != null && signedIn.getPrincipal() instanceof SanfuUser user) {
            Optional<Accounts.Account> now = accounts.find(user.getUsername());
            if (now.isEmpty() || !now.get().enabled() || !now.get().passwordHash().equals(user.getPassword())) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            } else {
                SanfuUser current = SanfuUser.of(now.get());
                if (!current.caller().equals(user.caller())) {
                    UsernamePasswordAuthenticationToken fresh =
                            UsernamePasswordAuthenticationToken.authenticated(current, null, current.getAuthorities());
                    fresh.setDetails(signedIn.getDetails());
                    SecurityContext context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(fresh);
                    SecurityContextHolder.setContext(context);
                    contexts.saveContext(context, request, response);
                }
            }
        }
        chain.doFilter(request, response);
    }
}
