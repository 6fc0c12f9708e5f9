package org.sanfu.security;

import java.util.LinkedHashMap;
import java.util.Map;
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
        // the people's names are made up, as a county's would be set on /admin
        Map<Accounts.Account, String> demo = new LinkedHashMap<>();
        demo.put(account("staff1", Role.STAFF, null), "王晓明");
        demo.put(account("staff2", Role.STAFF, null), "李娜");
        demo.put(account("dispatch", Role.DISPATCH, "DISPATCH"), "陈静");
        demo.put(account("commerce", Role.DEPT, "COMMERCE"), "张伟");
        demo.put(account("finance", Role.DEPT, "FINANCE"), "刘洋");
        demo.put(account("transport", Role.DEPT, "TRANSPORT"), "赵磊");
        demo.put(account("customs", Role.DEPT, "CUSTOMS"), "孙丽");
        demo.put(account("hrss", Role.DEPT, "HRSS"), "周强");
        demo.put(account("justice", Role.DEPT, "JUSTICE"), "吴敏");
        demo.put(account("leader", Role.LEADER, null), "郑国华");
        demo.put(account("admin", Role.ADMIN, null), "何军");
        // those who send enterprises feedback links: the page gives their number (made up, as the names)
        Map<String, String> phones = Map.of("staff1", "0576-8888 1201", "staff2", "0576-8888 1202",
                "dispatch", "0576-8888 1200");
        String hash = null;
        for (Map.Entry<Accounts.Account, String> entry : demo.entrySet()) {
            Accounts.Account account = entry.getKey();
            if (!accounts.exists(account.username())) {
                hash = hash == null ? encoder.encode("demo") : hash;
                accounts.create(new Accounts.Account(account.username(), hash, account.role(), account.department()));
                accounts.rename(account.username(), entry.getValue());
                if (phones.containsKey(account.username())) {
                    accounts.changePhone(account.username(), phones.get(account.username()));
                }
                log.info("demo account {} ({}) created", account.username(), account.role());
            }
        }
    }

    private static Accounts.Account account(String username, Role role, String department) {
        return new Accounts.Account(username, null, role, department);
    }
}
