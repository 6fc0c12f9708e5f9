package org.sanfu.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sanfu.admin.*}: the first administrator, created at start-up when no ADMIN account exists.
 * Meant to come from the environment ({@code SANFU_ADMIN_USERNAME}, {@code SANFU_ADMIN_PASSWORD}).
 *
 * @param username the first administrator's user name
 * @param password the first administrator's password (8 characters at least); without it none is
 *     created, and the prod profile refuses to start while no ADMIN account exists
 */
@ConfigurationProperties("sanfu.admin")
@Validated
public record FirstAdministratorProperties(
        @DefaultValue("admin") @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}",
                message = "must be 1 to 64 letters, digits, '.', '_' or '-'") String username,
        @Size(min = 8, max = 200, message = "must be 8 to 200 characters") String password) {
}
