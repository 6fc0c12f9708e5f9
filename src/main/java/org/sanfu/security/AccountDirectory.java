package org.sanfu.security;

import org.springframework.stereotype.Service;

/** What other features may ask about accounts. */
@Service
public class AccountDirectory {

    private final Accounts accounts;

    AccountDirectory(Accounts accounts) {
        this.accounts = accounts;
    }

    /** Whether this user name belongs to service staff (an enterprise's resident specialist must). */
    public boolean isStaff(String username) {
        return accounts.find(username).map(a -> a.role() == Role.STAFF).orElse(false);
    }
}
