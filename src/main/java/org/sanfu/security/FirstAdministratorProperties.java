package org.sanfu.security;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sanfu.admin.*}: the first administrator, created at start-up when no ADMIN account exists.
 * Meant to come from the environment ({@code SANFU_ADMIN_USERNAME}, {@code SANFU_ADMIN_PASSWORD}).
 *
 * @param username the first administrator's user name
 * @param password the first administrator's password, by every password's rule (8 characters at least, at most
 *     72 bytes of UTF-8, no control characters: {@link FirstAdministrator} holds it to the whole rule when it makes
 *     the account); without it none is created, and the prod profile refuses to start while no ADMIN account exists
 */
@ConfigurationProperties("sanfu.admin")
@Validated
public record FirstAdministratorProperties(
        @DefaultValue("admin") @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}",
                message = "must be 1 to 64 letters, digits, '.', '_' or '-'") String username,
        String password) {

    /**
     * The password's length, checked here rather than on the password itself: a constraint on it would have Spring
     * Boot's start-up failure print the value refused, and an operator who then adds a character would leave nearly
     * the administrator's password in the log. This way the report names {@code sanfu.admin.password-within-length}
     * with the value false. The rest of every password's rule is held where the account is made ({@link
     * FirstAdministrator}), not here: a deployment whose administrator exists never uses this value, and one that
     * started with a longer one (a generated secret, a line break left by a secrets file) must go on starting.
     */
    @AssertTrue(message = "sanfu.admin.password must be 8 to 200 characters (its value is not shown)")
    public boolean isPasswordWithinLength() {
        return password == null || password.length() >= 8 && password.length() <= 200;
    }
}
