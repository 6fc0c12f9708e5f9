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
 *     72 bytes of UTF-8, no control characters); without it none is
 *     created, and the prod profile refuses to start while no ADMIN account exists
 */
@ConfigurationProperties("sanfu.admin")
@Validated
public record FirstAdministratorProperties(
        @DefaultValue("admin") @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}",
                message = "must be 1 to 64 letters, digits, '.', '_' or '-'") String username,
        String password) {

    /**
     * The password held to the rule every password follows ({@link AccountAdministration#passwordFault}: 8 characters
     * at least, at most 72 bytes of UTF-8, which is all BCrypt reads of it, no control character nor lone surrogate),
     * checked here rather than on the password itself: a constraint on it would have Spring Boot's start-up failure
     * print the value refused, and an operator who then adds a character would leave nearly the administrator's
     * password in the log. This way the report names {@code sanfu.admin.password-allowed} with the value false. Before,
     * it was 8 to 200 characters of its own: one past 72 bytes, which BCrypt does not take, passed, and so did one
     * holding a tab or a line break, which no sign-in form gives back.
     */
    @AssertTrue(message = "sanfu.admin.password must follow the rule of every password: 8 characters at least, at "
            + "most 72 bytes of UTF-8, no control characters (its value is not shown)")
    public boolean isPasswordAllowed() {
        return password == null || AccountAdministration.passwordFault(password) == null;
    }
}
