package org.sanfu.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.sanfu.Typed;
import org.sanfu.security.AccountAdministration;
import org.sanfu.security.AccountDirectory;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.web.ActionBody;
import org.sanfu.web.ApiAccess;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * 工作交接 over the API (ADMIN, checked here once the account is found, as security's AccountController does for the
 * other writes on an account). Here, not in the security module: the enterprise and ticket modules depend on it.
 */
@RestController
@RequestMapping("/api/accounts")
@Tag(name = "Accounts", description = "账号: one's own password, and what administrators do to accounts")
class HandoverController {

    /** {@code POST /api/accounts/{username}/handover}: to whom the account's work goes. */
    record Handover(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = AccountDirectory.USERNAME_MAX,
            description = "the user name of an enabled STAFF account other than the one handed over") String to) {}

    private final AccountAdministration accounts;
    private final HandingOverWork handovers;

    HandoverController(AccountAdministration accounts, HandingOverWork handovers) {
        this.accounts = accounts;
        this.handovers = handovers;
    }

    @PostMapping("/{username}/handover")
    @Operation(summary = "Hand an account's work to another service specialist (工作交接)",
            description = "In one transaction every enterprise whose `specialist` is the account gets `to`, and every "
                    + "open ticket (not CLOSED) it logged at a visit or a forum gets `to` as its `reporter`, each with a "
                    + "`handover` event in its history; closed tickets keep theirs, and the office's entries stay "
                    + "its own. The account may be enabled or disabled. Sent again, "
                    + "it moves nothing and answers 0s.")
    @ApiAccess(value = "ADMIN", errors = {400, 403, 404, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = Handover.class)))
    HandingOverWork.HandedOver handOver(@PathVariable String username, Caller caller, ActionBody body) {
        // the account as meant, as sign-in and creation take it (Typed.folded): ｓｔａｆｆ１ in the path is staff1
        username = Typed.folded(username);
        // API.md's order: an unknown account is 404 for every person (SecurityConfig lets every person this far),
        // then any role but ADMIN 403, then the body 400
        accounts.requireKnown(username);
        caller.require(Role.ADMIN);
        return handovers.handOver(caller, username, body.as(Handover.class).to());
    }
}
