package org.sanfu.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
 * <p>
 * On the pages ({@code disabledSaid}) a session ended because its account was disabled goes to
 * {@code /login?disabled}, which says so: only the holder of that session learns it, so the sign-in form still
 * answers a disabled account as it answers a wrong password, and a guesser learns nothing of which accounts exist.
 * An account whose password an administrator set is marked on the request ({@link #PASSWORD_CHANGE_REQUIRED}) for
 * PasswordChangeFirst.
 * <p>
 * Why this and not a SessionRegistry that expires the user's sessions: a registry lives in one node's
 * memory and knows neither the sessions of the other nodes sharing the database nor sessions kept by
 * Spring Session JDBC, and it must be told of every change. Reading the account on each request is
 * right on every node, whatever changed the account, at the cost of one indexed read per page.
 */
final class SignedInAccountCheck extends OncePerRequestFilter {

    /** The request attribute (true) of a session whose person must first choose their own password. */
    static final String PASSWORD_CHANGE_REQUIRED = SignedInAccountCheck.class.getName() + ".passwordChangeRequired";
    /** Where a page's session ended by its account's being disabled lands. */
    static final String DISABLED_LANDING = "/login?disabled";

    private final Accounts accounts;
    private final SecurityContextRepository contexts;
    private final boolean disabledSaid;

    SignedInAccountCheck(Accounts accounts, SecurityContextRepository contexts, boolean disabledSaid) {
        this.accounts = accounts;
        this.contexts = contexts;
        this.disabledSaid = disabledSaid;
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
                if (disabledSaid && now.isPresent() && !now.get().enabled()) {
                    response.setStatus(HttpStatus.SEE_OTHER.value());
                    response.setHeader(HttpHeaders.LOCATION, request.getContextPath() + DISABLED_LANDING);
                    return;
                }
            } else {
                if (now.get().passwordChangeRequired()) {
                    request.setAttribute(PASSWORD_CHANGE_REQUIRED, Boolean.TRUE);
                }
                SanfuUser current = SanfuUser.of(now.get());
                if (!current.caller().equals(user.caller())) {
                    signInAgain(current, signedIn, contexts, request, response);
                }
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * The request, and its session when {@code contexts} keeps one, signed in as the account is now (the same
     * details, e.g. the address), in place of {@code before}.
     */
    static void signInAgain(SanfuUser now, Authentication before, SecurityContextRepository contexts,
            HttpServletRequest request, HttpServletResponse response) {
        UsernamePasswordAuthenticationToken fresh =
                UsernamePasswordAuthenticationToken.authenticated(now, null, now.getAuthorities());
        fresh.setDetails(before == null ? null : before.getDetails());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(fresh);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
