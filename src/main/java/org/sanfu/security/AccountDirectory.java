package org.sanfu.security;

import java.util.List;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** What other features may ask about accounts; never a password hash. */
@Service
public class AccountDirectory {

    /** A user name is at most this long (the account table's column): a longer one is nobody's. */
    public static final int USERNAME_MAX = 64;

    /**
     * An account as other features see it: its user name, role and department (DEPT and DISPATCH), and
     * whether it may sign in (a disabled account signs in nowhere).
     */
    public record Person(String username, Role role, String department, boolean enabled) {}

    private final Accounts accounts;
    private final PasswordEncoder encoder;

    AccountDirectory(Accounts accounts, PasswordEncoder encoder) {
        this.accounts = accounts;
        this.encoder = encoder;
    }

    /**
     * Whether this user name is an account that has been disabled: a person who left, whom no enterprise is newly given
     * as its resident specialist.
     */
    public boolean isDisabled(String username) {
        return username != null && accounts.find(username).map(a -> !a.enabled()).orElse(false);
    }

    public Optional<Person> find(String username) {
        return username == null ? Optional.empty() : accounts.find(username).map(AccountDirectory::person);
    }

    /**
     * As {@link #find}, the account's row locked until the caller's transaction ends (a handover's receiving
     * specialist is not disabled or given another role while the work moves to it).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Person> lock(String username) {
        return username == null ? Optional.empty() : accounts.lock(username).map(AccountDirectory::person);
    }

    /** Every account, by user name. */
    public List<Person> all() {
        return accounts.all().stream().map(AccountDirectory::person).toList();
    }

    /**
     * Whether the password is this account's and the account is enabled (for sign-in forms other than
     * Sanfu's own, e.g. Camunda's).
     */
    public boolean passwordMatches(String username, String password) {
        return username != null && password != null && accounts.find(username)
                .map(a -> a.enabled() && encoder.matches(password, a.passwordHash())).orElse(false);
    }

    private static Person person(Accounts.Account a) {
        return new Person(a.username(), a.role(), a.department(), a.enabled());
    }
}
