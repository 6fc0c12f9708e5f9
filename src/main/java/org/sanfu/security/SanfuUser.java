package org.sanfu.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The principal of a signed-in request. */
final class SanfuUser implements UserDetails {

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
