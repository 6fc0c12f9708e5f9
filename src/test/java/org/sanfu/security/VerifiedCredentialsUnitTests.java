package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

class VerifiedCredentialsUnitTests {

    private final AtomicInteger checks = new AtomicInteger();

    /** Stands in for the BCrypt check: "demo" is the only right password. */
    private final AuthenticationProvider passwords = new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication a) {
            checks.incrementAndGet();
            if (!"demo".equals(a.getCredentials())) {
                throw new BadCredentialsException("bad credentials");
            }
            return UsernamePasswordAuthenticationToken.authenticated(a.getName(), null, List.of());
        }

        @Override
        public boolean supports(Class<?> type) {
            return true;
        }
    };

    private final VerifiedCredentials cache = new VerifiedCredentials(passwords);

    private static Authentication basic(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }

    @Test
    void aVerifiedPasswordIsNotCheckedAgainWhileRemembered() {
        Authentication first = cache.authenticate(basic("leader", "demo"));
        Authentication second = cache.authenticate(basic("leader", "demo"));
        assertThat(second).isSameAs(first);
        assertThat(checks).hasValue(1);
    }

    @Test
    void aWrongPasswordIsAlwaysCheckedAndNeverRemembered() {
        cache.authenticate(basic("leader", "demo"));
        assertThatThrownBy(() -> cache.authenticate(basic("leader", "guess"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> cache.authenticate(basic("leader", "guess"))).isInstanceOf(BadCredentialsException.class);
        assertThat(checks).hasValue(3);
    }

    @Test
    void oneUsersRememberedPasswordDoesNotSignInAnother() {
        cache.authenticate(basic("leader", "demo"));
        Authentication other = cache.authenticate(basic("admin", "demo"));
        assertThat(other.getName()).isEqualTo("admin");
        assertThat(checks).hasValue(2);
    }
}
