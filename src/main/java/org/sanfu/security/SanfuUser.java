package org.sanfu.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The principal of a signed-in request. */
final class SanfuUser implements UserDetails {

    /**
     * Fixed, so that a release adding a field or a method here still reads the sign-ins kept in the database's sessions
     * (a computed one changes with any of them and signs every session out at the upgrade, see
     * UnreadableSessionAttributes).
     */
    private static final long serialVersionUID = 1L;

    private final Caller caller;
    private final String passwordHash;
    private final boolean enabled;

    SanfuUser(Caller caller, String passwordHash, boolean enabled) {
        this.caller = caller;
        this.passwordHash = passwordHash;
        this.enabled = enabled;
    }

    static SanfuUser of(Accounts.Account account) {
        return new SanfuUser(new Caller(account.username(), account.role(), account.department()),
                account.passwordHash(), account.enabled());
    }

    Caller caller() {
        return caller;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return caller.username();
    }

    /** A disabled account is refused by the password check (DaoAuthenticationProvider): 401, or /login?error. */
    @Override
    public boolean isEnabled() {
        return enabled;
    }
}
