package org.sanfu.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.sanfu.web.ApiAccess;
import org.sanfu.web.JsonBodies;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What every person does to their own account over the API (any role; a channel's key is no person: 403). */
@RestController
@RequestMapping("/api/account")
@Tag(name = "Accounts", description = "账号: one's own password, and what administrators do to accounts")
class OwnAccountController {

    /** {@code POST /api/account/password}: the password the caller has now and the one they choose. */
    record NewOwnPassword(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The password the account has now")
            String currentPassword,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = AccountAdministration.MIN_PASSWORD_LENGTH,
                    description = "At least 8 characters and at most 72 bytes of UTF-8; not the current one")
            String newPassword) {}

    private final ChangingOwnPassword passwords;
    private final JsonBodies bodies;

    OwnAccountController(ChangingOwnPassword passwords, JsonBodies bodies) {
        this.passwords = passwords;
        this.bodies = bodies;
    }

    @PostMapping(path = "/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change one's own password",
            description = "The caller's password, for every role. A wrong `currentPassword` counts as a failed "
                    + "sign-in (locks as they do). The old password signs in nowhere from the next request on, and "
                    + "the person's page sessions end; a password an administrator set is no longer to be changed at "
                    + "the next page sign-in.")
    @ApiAccess(value = {"STAFF", "DISPATCH", "DEPT", "LEADER", "ADMIN"}, errors = {400, 403})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = NewOwnPassword.class)))
    ResponseEntity<Void> changePassword(@RequestBody JsonNode body, Caller caller, HttpServletRequest request) {
        NewOwnPassword change = bodies.read(body, NewOwnPassword.class);
        passwords.change(caller, request.getRemoteAddr(), change.currentPassword(), change.newPassword(), null);
        return ResponseEntity.noContent().build();
    }
}
