package org.sanfu.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.sanfu.Typed;
import org.sanfu.web.ActionBody;
import org.sanfu.web.ApiAccess;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an administrator does to accounts over the API (ADMIN, checked here once the account is found); the /admin
 * page does the rest.
 */
@RestController
@RequestMapping("/api/accounts")
@Tag(name = "Accounts", description = "账号: one's own password, and what administrators do to accounts")
class AccountController {

    private final AccountAdministration accounts;

    AccountController(AccountAdministration accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/{username}/unlock")
    @Operation(summary = "Lift an account's lock after too many failed sign-ins",
            description = "The account signs in again at once and its failures are forgotten; 204 also when it was "
                    + "not locked. A lock of the client's address is not lifted: it ends with its window.")
    @ApiAccess(value = "ADMIN", errors = {400, 403, 404})
    ResponseEntity<Void> unlock(@PathVariable String username, Caller caller, ActionBody body) {
        // the account as meant, as sign-in and creation take it (Typed.folded): ｓｔａｆｆ１ in the path is staff1
        username = Typed.folded(username);
        // API.md's order: an unknown account is 404 for every person (SecurityConfig lets every person this far),
        // then any role but ADMIN 403, then a body that is not JSON 400 naming "body"; nothing done on any of them
        accounts.requireKnown(username);
        caller.require(Role.ADMIN);
        body.requireReadable();
        accounts.unlock(username);
        return ResponseEntity.noContent().build();
    }
}
