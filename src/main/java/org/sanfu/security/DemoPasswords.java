package org.sanfu.security;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether this server still lets anyone in with the password the README publishes: the demo profile (which creates
 * the demo accounts and seals the channels' secrets with a known key) and the demo accounts still signing in with
 * {@link DemoAccounts#PASSWORD}, whatever the profile now: a county that tried the service on the demo profile and
 * then started it with prod keeps those accounts in its database.
 * <p>
 * Only the user names the demo profile creates are looked at, not every account: each look is a password check
 * (BCrypt, tens of milliseconds of a core) and /admin asks on every opening. Untouched demo accounts share one hash
 * (DemoAccounts hashes once), and a hash's answer never changes, so each distinct hash is checked once and its
 * answer kept while an account still has it: at most the eleven demo accounts' hashes are remembered.
 */
@Component
public class DemoPasswords {

    /** The profile that creates the demo accounts; the default when none is set (config/application.yml). */
    public static final String DEMO_PROFILE = "demo";

    private final Accounts accounts;
    private final PasswordEncoder encoder;
    private final Environment environment;
    private final Map<String, Boolean> demoHashes = new ConcurrentHashMap<>();

    DemoPasswords(Accounts accounts, PasswordEncoder encoder, Environment environment) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.environment = environment;
    }

    /** Whether the demo profile is active (by default when no profile is set). */
    public boolean demoProfileActive() {
        return environment.matchesProfiles(DEMO_PROFILE);
    }

    /** The enabled demo accounts that still sign in with the demo password, by user name. */
    @Transactional(readOnly = true)
    public List<String> enabledWithDemoPassword() {
        List<Accounts.Account> enabled = accounts.enabledAmong(DemoAccounts.usernames());
        Set<String> hashes = new HashSet<>();
        enabled.forEach(account -> hashes.add(account.passwordHash()));
        demoHashes.keySet().retainAll(hashes);
        return enabled.stream().filter(account -> demoHashes.computeIfAbsent(account.passwordHash(),
                DemoPasswords.this::isDemoPassword)).map(Accounts.Account::username).toList();
    }

    /** A hash the encoder does not know (a row written by hand, no {id}) is no demo password, not a 500 on /admin. */
    private boolean isDemoPassword(String hash) {
        try {
            return encoder.matches(DemoAccounts.PASSWORD, hash);
        } catch (IllegalArgumentException unknownEncoding) {
            return false;
        }
    }
}
