package org.sanfu.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Outside the demo profile no account has a known password, so the first administrator's comes from
 * the environment: created once, when no ADMIN account exists, before the web server opens. In the
 * {@code prod} profile a service without any administrator refuses to start. Several nodes starting
 * together on one database may race; the losers find the winner's account and carry on.
 * <p>
 * Its person chooses their own password at the first page sign-in (PasswordChangeFirst), as for any account whose
 * password someone else set: the operator's is in a unit file, a secrets file or a shell's history. HTTP Basic is
 * not held up by it, so a script of the operator's goes on working with it.
 */
@Component
class FirstAdministrator implements SmartInitializingSingleton {

    static final String PASSWORD_VARIABLE = "SANFU_ADMIN_PASSWORD";
    /** Every password's rule (AccountAdministration.passwordFault), as the refusals of the first one's say it. */
    static final String RULE = "the first administrator's password follows the rule of every password: "
            + AccountAdministration.MIN_PASSWORD_LENGTH + " characters at least, at most "
            + AccountAdministration.MAX_PASSWORD_BYTES + " bytes of UTF-8, no control characters";
    /** The prod profile's refusal without an administrator and without a password to make one. */
    static final String NO_ADMINISTRATOR = "No administrator account exists. Set the environment variable "
            + PASSWORD_VARIABLE + " (sanfu.admin.password; " + RULE + ") and optionally "
            + "SANFU_ADMIN_USERNAME (default 'admin') to create the first administrator at start-up.";
    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    private final Accounts accounts;
    private final PasswordEncoder encoder;
    private final FirstAdministratorProperties settings;
    private final Environment environment;

    FirstAdministrator(Accounts accounts, PasswordEncoder encoder, FirstAdministratorProperties settings,
            Environment environment) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.settings = settings;
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (accounts.anyWithRole(Role.ADMIN)) {
            return;
        }
        if (settings.password() == null) {
            if (environment.matchesProfiles("prod")) {
                throw new IllegalStateException(NO_ADMINISTRATOR);
            }
            return;
        }
        if (AccountAdministration.passwordFault(settings.password()) != null) {
            // named, never shown (an operator's next try, a character more, would be nearly the password in the log)
            throw new IllegalStateException("sanfu.admin.password (" + PASSWORD_VARIABLE + ") is refused, so no first "
                    + "administrator is created: " + RULE + " (its value is not shown)");
        }
        if (accounts.existsIgnoringCase(settings.username())) { // the index of V56 would refuse Admin beside admin
            throw new IllegalStateException("sanfu.admin.username '" + settings.username() + "' is an account that is "
                    + "not an administrator; choose another name for the first administrator (SANFU_ADMIN_USERNAME).");
        }
        try {
            accounts.create(new Accounts.Account(settings.username(), encoder.encode(settings.password()), Role.ADMIN,
                    null, true, true));
            log.info("first administrator '{}' created from sanfu.admin.password", settings.username());
        } catch (DuplicateKeyException e) {
            if (!accounts.anyWithRole(Role.ADMIN)) {
                throw e;
            }
        }
    }
}
