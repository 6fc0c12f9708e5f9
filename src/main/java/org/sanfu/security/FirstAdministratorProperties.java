package org.sanfu.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sanfu.admin.*}: the first administrator, created at start-up when no ADMIN account exists.
 * Meant to come from the environment ({@code SANFU_ADMIN_USERNAME}, {@code SANFU_ADMIN_PASSWORD}).
 *
 * @param username the first administrator's user name; one no account could have stops the start before the
 *     database is touched ({@link FirstAdministratorPasswordCheck})
 * @param password the first administrator's password, by every password's rule (8 characters at least, at most
 *     72 bytes of UTF-8, no control characters: {@link FirstAdministrator} holds it to the whole rule when it makes
 *     the account; one no account could have, shorter than 8 characters, stops the start before the database is
 *     touched: {@link FirstAdministratorPasswordCheck}); without it none is created, and the prod profile refuses to
 *     start while no ADMIN account exists
 */
@ConfigurationProperties("sanfu.admin")
@Validated
public record FirstAdministratorProperties(
        @DefaultValue("admin") @NotBlank @Pattern(regexp = FirstAdministratorProperties.USERNAME_PATTERN,
                message = "must be " + FirstAdministratorProperties.USERNAME_RULE) String username,
        String password) {

    /** Every account's user name (AccountAdministration's too). */
    static final String USERNAME_PATTERN = "[A-Za-z0-9._-]{1,64}";
    static final String USERNAME_RULE = "1 to 64 letters, digits, '.', '_' or '-'";
}
