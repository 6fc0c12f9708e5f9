package org.sanfu.security;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The demo profile's accounts of API.md, all with password "demo". No other profile has them.
 * Created before the web server opens, so no request can arrive before them.
 */
@Component
@Profile("demo")
class DemoAccounts implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    private final Accounts accounts;
    private final PasswordEncoder encoder;
    private final Environment environment;

    DemoAccounts(Accounts accounts, PasswordEncoder encoder, Environment environment) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (environment.matchesProfiles("prod")) {
            throw new IllegalStateException("The profiles demo and prod are both active: demo would create accounts "
                    + "whose password everyone knows. Run production with the prod profile alone.");
        }
        List<Accounts.Account> demo = List.of(
                account("staff1", Role.STAFF, null),
                account("staff2", Role.STAFF, null),
                account("dispatch", Role.DISPATCH, "DISPATCH"),
                account("commerce", Role.DEPT, "COMMERCE"),
                account("finance", Role.DEPT, "FINANCE"),
                account("transport", Role.DEPT, "TRANSPORT"),
                account("customs", Role.DEPT, "CUSTOMS"),
                account("hrss", Role.DEPT, "HRSS"),
                account("justice", Role.DEPT, "JUSTICE"),
                account("leader", Role.LEADER, null),
                account("admin", Role.ADMIN, null));
        String hash = null;
        for (Accounts.Account account : demo) {
            if (!accounts.exists(account.username())) {
                hash = hash == null ? encoder.encode("demo") : hash;
                accounts.create(new Accounts.Account(account.username(), hash, account.role(), account.department()));
                log.info("demo account {} ({}) created", account.username(), account.role());
            }
        }
    }

    private static Accounts.Account account(String username, Role role, String department) {
        return new Accounts.Account(username, null, role, department);
    }
}
