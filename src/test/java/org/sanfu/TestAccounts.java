package org.sanfu;

import org.sanfu.security.AccountAdministration;
import org.sanfu.security.Caller;
import org.sanfu.security.NewAccount;
import org.sanfu.security.Role;

/**
 * An account a test sets up, created through AccountAdministration's one rule as /admin's 新建账号 form creates it, by
 * the demo administrator: its person must choose their own password at their first page sign-in, as any account's.
 */
public final class TestAccounts {

    /** Who creates them, in the log: the demo administrator, as on /admin. */
    private static final Caller ADMINISTRATOR = new Caller("admin", Role.ADMIN, null);

    private TestAccounts() {
    }

    /** An account of this role, of this department (DEPT's; null for the others), without a name or telephone. */
    public static void create(AccountAdministration accounts, String username, String role, String department,
            String password) {
        create(accounts, username, null, null, role, department, password);
    }

    /** As {@link #create(AccountAdministration, String, String, String, String)}, with its person's name and telephone. */
    public static void create(AccountAdministration accounts, String username, String displayName, String phone,
            String role, String department, String password) {
        accounts.create(ADMINISTRATOR, new NewAccount(username, role, department, displayName, phone, password));
    }

    /** The person's name (姓名) of an account, as /admin's 姓名 form gives it, by the demo administrator. */
    public static void rename(AccountAdministration accounts, String username, String displayName) {
        accounts.rename(ADMINISTRATOR, username, displayName);
    }
}
