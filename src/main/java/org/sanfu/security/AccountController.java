package org.sanfu.security;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.sanfu.DomainException;
import org.sanfu.Typed;
import org.sanfu.web.ActionBody;
import org.sanfu.web.ApiAccess;
import org.sanfu.web.Created;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an administrator does to accounts over the API (ADMIN): create, list and read them, change a person's name,
 * telephone, role or department, set a new password, disable and enable, unlock (and hand over,
 * admin.HandoverController). Each goes through AccountAdministration, as /admin's forms do, so the form and the API
 * hold one rule. Writes on an account named in the path check ADMIN here once the account is found (an unknown one
 * is 404 for every person, API.md's order; SecurityConfig lets every person this far); creating and listing are
 * ADMIN's in SecurityConfig.
 */
@RestController
@RequestMapping("/api/accounts")
@Tag(name = "Accounts", description = "账号: one's own password, and what administrators do to accounts")
class AccountController {

    private final AccountAdministration accounts;
    private final EnterprisesLookedAfter lookedAfter;

    AccountController(AccountAdministration accounts, EnterprisesLookedAfter lookedAfter) {
        this.accounts = accounts;
        this.lookedAfter = lookedAfter;
    }

    /**
     * (Addition) The account as {@code GET} gives it, with how many enterprises still name it their specialist: a role
     * change keeps them until handed over, as /admin's form warns.
     */
    record ChangedAccount(@JsonUnwrapped AccountAdministration.ManagedAccount account,
            @Schema(description = "(addition) how many enterprises still name the account their specialist "
                    + "(驻企服务专员), kept until handed over (/handover)") long enterprisesKept) {}

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create an account, as /admin's 新建账号 form does",
            description = "Enabled, with the password given; its person chooses their own at their first sign-in to "
                    + "the pages (`passwordChangeRequired`), HTTP Basic is not held up by it. Every field at fault is "
                    + "named at once (400); a user name an account has, in any case, is 409. Nothing is stored on "
                    + "either. The answer is the account, never its password.")
    @ApiAccess(value = "ADMIN", errors = {400, 403, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = NewAccount.class)))
    @ApiResponse(responseCode = "201", description = "The account, at the address of Location",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = AccountAdministration.ManagedAccount.class)))
    ResponseEntity<AccountAdministration.ManagedAccount> create(Caller caller, ActionBody body,
            HttpServletRequest request) {
        NewAccount account = body.as(NewAccount.class);
        try {
            accounts.create(caller, account);
        } catch (AccountAdministration.UsernameTaken e) {
            // the form shows it by its field; the API answers a duplicate 409, as for a channel or an enterprise
            throw new DomainException.Exists(e.faults().get(0).reason());
        }
        AccountAdministration.ManagedAccount created = accounts.account(Typed.folded(account.username()));
        return ResponseEntity.created(Created.below(request, created.username())).body(created);
    }

    @GetMapping
    @Operation(summary = "List the accounts", description = "By user name, paged; never a password or its hash.")
    @ApiAccess(value = "ADMIN", errors = {400, 403})
    PageResult<AccountAdministration.ManagedAccount> list(@RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return PageResult.of(accounts.all(), PageParams.of(page, size));
    }

    @GetMapping("/{username}")
    @Operation(summary = "Read an account", description = "As the list gives it.")
    @ApiAccess(value = "ADMIN", errors = {403, 404})
    AccountAdministration.ManagedAccount account(@PathVariable String username, Caller caller) {
        username = Typed.folded(username);
        accounts.requireKnown(username);
        caller.require(Role.ADMIN);
        return accounts.account(username);
    }

    @PostMapping("/{username}/disable")
    @Operation(summary = "Disable an account, as /admin's 停用 does",
            description = "It signs in nowhere from its next request on; its enterprises and open tickets stay its "
                    + "own until handed over (`/handover`). 204 also when it was disabled. Your own account and the "
                    + "last enabled administrator are 409.")
    @ApiAccess(value = "ADMIN", errors = {400, 403, 404, 409})
    ResponseEntity<Void> disable(@PathVariable String username, Caller caller, ActionBody body) {
        username = knownThenAdmin(username, caller, body);
        accounts.disable(caller, username);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{username}/enable")
    @Operation(summary = "Enable an account, as /admin's 启用 does",
            description = "It signs in again from its next request on, with its password and role as they were. 204 "
                    + "also when it was enabled.")
    @ApiAccess(value = "ADMIN", errors = {400, 403, 404})
    ResponseEntity<Void> enable(@PathVariable String username, Caller caller, ActionBody body) {
        username = knownThenAdmin(username, caller, body);
        accounts.enable(caller, username);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{username}/unlock")
    @Operation(summary = "Lift an account's lock after too many failed sign-ins",
            description = "The account signs in again at once and its failures are forgotten; 204 also when it was "
                    + "not locked. A lock of the client's address is not lifted: it ends with its window.")
    @ApiAccess(value = "ADMIN", errors = {400, 403, 404})
    ResponseEntity<Void> unlock(@PathVariable String username, Caller caller, ActionBody body) {
        accounts.unlock(knownThenAdmin(username, caller, body));
        return ResponseEntity.noContent().build();
    }

    @PatchMapping(path = "/{username}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change an account's name, telephone, role or department, as /admin's forms do",
            description = "Any of the fields, in one go: one left out stays as it is, blank or null takes a name, "
                    + "telephone or department away. A role sent alone keeps a DEPT account's department while it "
                    + "stays DEPT. The rules are creation's (every field at fault named at once, 400, a field the "
                    + "request does not take among them); taking the administrator's role from yourself or from the "
                    + "last enabled administrator is 409. Nothing changes on either. The answer is the account, as "
                    + "`GET /api/accounts/{username}` gives it; (addition) with `enterprisesKept`, how many enterprises "
                    + "still name it their specialist.")
    @ApiAccess(value = "ADMIN", errors = {400, 403, 404, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = AccountChange.class)))
    ChangedAccount change(@PathVariable String username, Caller caller, ActionBody body) {
        String name = knownThenAdmin(username, caller, body);
        AccountChange sent = body.exactly(AccountChange.class);
        // a field sent as null takes its value away, as blank does; one left out is left as it is
        AccountChange change = new AccountChange(given(body, "displayName", sent.displayName()),
                given(body, "phone", sent.phone()), given(body, "role", sent.role()),
                given(body, "department", sent.department()));
        try {
            accounts.change(caller, name, change);
        } catch (AccountAdministration.AdministratorKept e) {
            // the form shows it by the role field; the API refuses it 409, as disabling such an account
            throw new DomainException.NotNow(e.faults().get(0).reason());
        }
        return new ChangedAccount(accounts.account(name), lookedAfter.countLookedAfterBy(name));
    }

    private static String given(ActionBody body, String field, String value) {
        return value == null && body.has(field) ? "" : value;
    }

    @PostMapping(path = "/{username}/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Set a new password for an account, as /admin's 设置新密码 does",
            description = "By creation's rules. The old password signs in nowhere from the next request on and the "
                    + "account's page sessions end; its person chooses their own at the next sign-in to the pages "
                    + "(`passwordChangeRequired`), HTTP Basic is not held up by it. A lock of failed sign-ins stays "
                    + "(`/unlock` lifts it). The password is never answered or logged.")
    @ApiAccess(value = "ADMIN", errors = {400, 403, 404})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = NewPassword.class)))
    ResponseEntity<Void> resetPassword(@PathVariable String username, Caller caller, ActionBody body) {
        String name = knownThenAdmin(username, caller, body);
        accounts.resetPassword(caller, name, body.exactly(NewPassword.class).password());
        return ResponseEntity.noContent().build();
    }

    /** {@code POST /api/accounts/{username}/password}: the password an administrator sets. */
    record NewPassword(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = AccountAdministration.MIN_PASSWORD_LENGTH,
                    description = "At least 8 characters and at most 72 bytes of UTF-8; its person chooses their own "
                            + "at their next sign-in to the pages")
            String password) {

        /** Never the password: a record's own text would show it wherever the request is printed. */
        @Override
        public String toString() {
            return "NewPassword[password=(not shown)]";
        }
    }

    /**
     * The account named in the path, as meant (as sign-in and creation take it, Typed.folded: ｓｔａｆｆ１ is staff1),
     * checked in API.md's order: unknown is 404 for every person, then any role but ADMIN 403, then a body that is not
     * JSON 400 naming "body"; nothing done on any of them.
     */
    private String knownThenAdmin(String username, Caller caller, ActionBody body) {
        String name = Typed.folded(username);
        accounts.requireKnown(name);
        caller.require(Role.ADMIN);
        body.requireReadable();
        return name;
    }
}
