package org.sanfu.security;

import java.time.Duration;
import java.util.Optional;
import org.sanfu.Message;
import org.sanfu.web.InvalidInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * A signed-in person sets their own password (/account, POST /api/account/password), so that no administrator
 * knows it. The current password must be given and right; a wrong one counts as a failed sign-in of the account
 * and the address (SignInAttempts), so a session left open is no way to guess it, and while the account is locked
 * it is not checked at all. The new one follows the administrators' rules
 * ({@link AccountAdministration#passwordFault}) and differs from the current one; the page asks for it twice.
 * <p>
 * The change clears the account's {@code password_change_required}. Its old password signs in nowhere from the next
 * request on: the remembered checks of HTTP Basic hold the hash that matched and fall through to the full check
 * (VerifiedCredentials), and every session signed in with the old hash ends (SignedInAccountCheck), so the
 * person's other sessions end; the page keeps its own (AccountPage).
 * <p>
 * Faults are 400 naming {@code currentPassword}, {@code newPassword} or {@code confirmPassword}, every one at once,
 * with messages {@code sanfu.account.*} ({@code min} and {@code max} the password's bounds); nothing is changed.
 */
@Service
class ChangingOwnPassword {

    private static final Logger log = LoggerFactory.getLogger(ChangingOwnPassword.class);

    static final String CURRENT_REQUIRED = "sanfu.account.current-password.required";
    static final String CURRENT_WRONG = "sanfu.account.current-password.wrong";
    static final String NEW_REQUIRED = "sanfu.account.new-password.required";
    static final String NEW_TOO_SHORT = "sanfu.account.new-password.too-short";
    static final String NEW_TOO_LONG = "sanfu.account.new-password.too-long";
    static final String NEW_CONTROL = "sanfu.account.new-password.control";
    static final String NEW_UNCHANGED = "sanfu.account.new-password.unchanged";
    static final String CONFIRM_REQUIRED = "sanfu.account.confirm-password.required";
    static final String CONFIRM_DIFFERS = "sanfu.account.confirm-password.differs";
    static final String LOCKED = "sanfu.security.locked";

    private final Accounts accounts;
    private final PasswordEncoder encoder;
    private final SignInAttempts attempts;

    ChangingOwnPassword(Accounts accounts, PasswordEncoder encoder, SignInAttempts attempts) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.attempts = attempts;
    }

    /**
     * The caller's new password, typed twice on the page ({@code confirmation} null: not asked, the API);
     * {@code address} is the client's, counted with a wrong current password as a sign-in's is.
     */
    void change(Caller caller, String address, String current, String newPassword, String confirmation) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        AccountAdministration.PasswordFault fault = AccountAdministration.passwordFault(newPassword);
        if (fault != null) {
            errors.add("newPassword", message(switch (fault) {
                case REQUIRED -> NEW_REQUIRED;
                case TOO_SHORT -> NEW_TOO_SHORT;
                case TOO_LONG -> NEW_TOO_LONG;
                case CONTROL -> NEW_CONTROL;
            }));
        }
        if (confirmation != null && fault != AccountAdministration.PasswordFault.REQUIRED) {
            if (confirmation.isEmpty()) {
                errors.add("confirmPassword", Message.of(CONFIRM_REQUIRED));
            } else if (!confirmation.equals(newPassword)) {
                errors.add("confirmPassword", Message.of(CONFIRM_DIFFERS));
            }
        }
        Accounts.Account account = accounts.find(caller.username()).orElseThrow(
                () -> new IllegalStateException("the signed-in account " + caller.username() + " is gone"));
        boolean proven = false;
        if (current == null || current.isEmpty()) {
            errors.add("currentPassword", Message.of(CURRENT_REQUIRED));
        } else {
            Optional<Duration> locked = attempts.lockedFor(account.username(), address);
            if (locked.isPresent()) {
                errors.add("currentPassword", Message.of(LOCKED, "minutes", new SignInLocked(locked.get()).minutes()));
            } else if (encoder.matches(current, account.passwordHash())) {
                proven = true;
                attempts.succeeded(account.username(), address);
            } else {
                attempts.failed(account.username(), address);
                errors.add("currentPassword", Message.of(CURRENT_WRONG));
            }
        }
        if (proven && fault == null && newPassword.equals(current)) {
            errors.add("newPassword", Message.of(NEW_UNCHANGED));
        }
        errors.throwIfAny();
        if (!accounts.changeOwnPassword(account.username(), account.passwordHash(), encoder.encode(newPassword))) {
            // an administrator (or another session of theirs) set another password meanwhile: the one given is old
            throw InvalidInput.of("currentPassword", Message.of(CURRENT_WRONG));
        }
        // as an administrator's new password is logged: who changed a password and when is the audit's question (the
        // first administrator's, set from the environment, most of all), never the password
        log.info("Account '{}' chose a new password", account.username());
    }

    private static Message message(String key) {
        return Message.of(key, "min", AccountAdministration.MIN_PASSWORD_LENGTH,
                "max", AccountAdministration.MAX_PASSWORD_BYTES);
    }
}
