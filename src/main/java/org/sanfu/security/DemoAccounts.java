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
 * The demo profile's accounts of API.md, all with password "demo". No other profile creates them (a database
 * first run with demo keeps them: DemoPasswords finds those still signing in with it).
 * Created before the web server opens, so no request can arrive before them.
 */
@Component
@Profile("demo")
class DemoAccounts implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    /** The password every demo account is created with, as the README prints it. */
    static final String PASSWORD = "demo";

    /** One demo account; the people's names are made up, as a county's would be set on /admin. */
    private record Seed(String username, Role role, String department, String name, String phone) {}

    // those who send enterprises feedback links have a telephone the page gives (made up, as the names)
    private static final List<Seed> SEEDS = List.of(
            new Seed("staff1", Role.STAFF, null, "王晓明", "0576-8888 1201"),
            new Seed("staff2", Role.STAFF, null, "李娜", "0576-8888 1202"),
            new Seed("dispatch", Role.DISPATCH, "DISPATCH", "陈静", "0576-8888 1200"),
            new Seed("commerce", Role.DEPT, "COMMERCE", "张伟", null),
            new Seed("finance", Role.DEPT, "FINANCE", "刘洋", null),
            new Seed("transport", Role.DEPT, "TRANSPORT", "赵磊", null),
            new Seed("customs", Role.DEPT, "CUSTOMS", "孙丽", null),
            new Seed("hrss", Role.DEPT, "HRSS", "周强", null),
            new Seed("justice", Role.DEPT, "JUSTICE", "吴敏", null),
            new Seed("leader", Role.LEADER, null, "郑国华", null),
            new Seed("admin", Role.ADMIN, null, "何军", null));

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
        String hash = null;
        for (Seed seed : SEEDS) {
            if (!accounts.exists(seed.username())) {
                hash = hash == null ? encoder.encode(PASSWORD) : hash;
                accounts.create(new Accounts.Account(seed.username(), hash, seed.role(), seed.department()));
                accounts.rename(seed.username(), seed.name());
                if (seed.phone() != null) {
                    accounts.changePhone(seed.username(), seed.phone());
                }
                log.info("demo account {} ({}) created", seed.username(), seed.role());
            }
        }
    }

    /** The user names this profile creates, in its order: DemoPasswords looks for them whatever the profile. */
    static List<String> usernames() {
        return SEEDS.stream().map(Seed::username).toList();
    }
}
