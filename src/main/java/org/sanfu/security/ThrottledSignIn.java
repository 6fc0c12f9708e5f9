package org.sanfu.security;

import org.sanfu.Typed;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Puts SignInAttempts in front of the password check of every chain: a locked account or address is
 * refused before the cache of verified credentials and before BCrypt, so neither a remembered password
 * nor a guess gets past the lock, and a locked guesser costs no hashing. The address is the
 * connection's (request.getRemoteAddr(), as WebAuthenticationDetails keeps it): a client's
 * X-Forwarded-For is trusted only when Spring's forward-headers strategy is configured for a proxy in
 * front (server.forward-headers-strategy), never read here. The user name is taken as meant
 * ({@link Typed#folded}, as an account is created with it): ｓｔａｆｆ１ typed with a Chinese input method, or a name
 * pasted with a no-break space after it, is staff1, for the lock, the check and the account alike; its case stays as
 * typed (sign-in is exact in case).
 */
record ThrottledSignIn(AuthenticationProvider check, SignInAttempts attempts) implements AuthenticationProvider {

    @Override
    public Authentication authenticate(Authentication typed) {
        Authentication authentication = asMeant(typed);
        String account = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web
                ? web.getRemoteAddress() : null;
        attempts.lockedFor(account, address).ifPresent(remaining -> {
            throw new SignInLocked(remaining);
        });
        Authentication result;
        try {
            result = check.authenticate(authentication);
        } catch (InternalAuthenticationServiceException broken) {
            throw broken; // the accounts could not be read: no fault of the client's
        } catch (AuthenticationException refused) {
            attempts.failed(account, address);
            throw refused;
        }
        if (result != null && result.isAuthenticated()) {
            attempts.succeeded(account, address);
        }
        return result;
    }

    private static Authentication asMeant(Authentication typed) {
        if (!(typed instanceof UsernamePasswordAuthenticationToken token) || token.isAuthenticated()
                || !(token.getPrincipal() instanceof String name)) {
            return typed;
        }
        String folded = Typed.folded(name);
        if (folded.equals(name)) {
            return typed;
        }
        UsernamePasswordAuthenticationToken meant = UsernamePasswordAuthenticationToken.unauthenticated(folded,
                token.getCredentials());
        meant.setDetails(token.getDetails());
        return meant;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return check.supports(authentication);
    }
}
