package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The first administrator's password is held to the rule every password follows (passwordFault: at most 72 bytes of
 * UTF-8, which is all BCrypt reads, no control character nor lone surrogate) when the account is made from it, the
 * refusal naming the setting, never the value; and it is not held to it where an administrator exists, whose
 * deployment never uses it (a line break left by a secrets file must not stop a start that worked before). One no
 * account could have (fewer than 8 characters) stops the start before the database is touched (ConfigurationTests).
 */
class FirstAdministratorUnitTests {

    private final Accounts accounts = mock(Accounts.class);

    private FirstAdministrator with(String password) {
        return new FirstAdministrator(accounts, new BCryptPasswordEncoder(4),
                new FirstAdministratorProperties("admin", password), new MockEnvironment());
    }

    @Test
    void aPasswordOutsideEveryPasswordsRuleMakesNoAdministratorAndIsNamedNeverShown() {
        when(accounts.anyWithRole(Role.ADMIN)).thenReturn(false);
        for (String refused : List.of("Zq7-长长长长长长长长长长长长长长长长长长长长长长长长长", "Zq7-with\ttab",
                "Zq7-with-line-break\n", "Zq7-lone\ud800x")) {
            assertThat(refused.length()).as("8 characters at least, as the start takes").isGreaterThanOrEqualTo(8);
            assertThatThrownBy(() -> with(refused).afterSingletonsInstantiated()).as(refused)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("sanfu.admin.password")
                    .hasMessageContaining("SANFU_ADMIN_PASSWORD")
                    .hasMessageNotContaining("Zq7-");
        }
        verify(accounts, never()).create(any());
        // the rule's own edge: 72 bytes of UTF-8 make the account
        with("Zq7-" + "x".repeat(68)).afterSingletonsInstantiated();
        verify(accounts).create(any());
    }

    @Test
    void whereAnAdministratorExistsThePasswordIsNotUsedAndNotHeldToTheRule() {
        when(accounts.anyWithRole(Role.ADMIN)).thenReturn(true);
        with("Zq7-with-line-break\n").afterSingletonsInstantiated();
        verify(accounts, never()).create(any());
    }
}
