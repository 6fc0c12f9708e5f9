package org.sanfu.security;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.sanfu.Actors;
import org.sanfu.security.AccountAdministration.PasswordFault;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * A first administrator's password that no account could ever have (empty, blank, fewer than 8 characters), or a user
 * name no account could have ({@link FirstAdministratorProperties#USERNAME_RULE}), stops the start before the database
 * is touched: bound with the other settings, they were refused only after every migration and the engine's schema had
 * run on an empty database, in Spring Boot's words for a bean's property. The rest of every password's rule (at most
 * 72 bytes of UTF-8, no control character) is held where the account is made ({@link FirstAdministrator}): a
 * deployment whose administrator exists never uses the value, and one started with a longer secret, or with a line
 * break left by a secrets file, must go on starting; whether one exists is known only from the database. So is
 * whether a missing password is needed (the prod profile without any administrator): a restart of a county whose
 * administrator exists starts without it, so its absence is still refused only once the database has been read
 * (after the migrations, on an empty one).
 * <p>
 * Heard when the environment is ready, after Spring Boot has set the logging up, so that operations.FailedStart's
 * line names the variable; the password's value is never shown, the user name's is (it is no secret, and the
 * operator sees what was read). Registered in META-INF/spring.factories.
 */
public class FirstAdministratorPasswordCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>,
        Ordered {

    /** What no account's password may be, whether an administrator exists or not. */
    private static final Set<PasswordFault> NEVER_VALID = EnumSet.of(PasswordFault.REQUIRED, PasswordFault.TOO_SHORT);
    private static final Pattern USERNAME = Pattern.compile(FirstAdministratorProperties.USERNAME_PATTERN);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Binder.get(event.getEnvironment()).bind("sanfu.admin.password", String.class).ifBound(password -> {
            PasswordFault fault = AccountAdministration.passwordFault(password);
            if (NEVER_VALID.contains(fault)) {
                throw new IllegalStateException(FirstAdministrator.PASSWORD_VARIABLE + " (sanfu.admin.password) is "
                        + (fault == PasswordFault.REQUIRED ? "empty" : "too short") + ": " + FirstAdministrator.RULE
                        + "; its value is not shown. Unset it where an administrator exists.");
            }
        });
        Binder.get(event.getEnvironment()).bind("sanfu.admin.username", String.class).ifBound(username -> {
            if (!USERNAME.matcher(username).matches()) {
                throw new IllegalStateException("SANFU_ADMIN_USERNAME (sanfu.admin.username) '" + username
                        + "' is no user name: " + FirstAdministratorProperties.USERNAME_RULE + ".");
            }
            if (username.equalsIgnoreCase(Actors.SYSTEM)) {
                // as AccountAdministration refuses it: a ticket's history shows that actor as the service itself
                throw new IllegalStateException("SANFU_ADMIN_USERNAME (sanfu.admin.username) '" + username
                        + "' is reserved: a ticket's history names the service itself so. Choose another user name.");
            }
        });
    }

    /** After the logging is set up, and after operations.DemoProfileCheck, whose refusal says more. */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 2;
    }
}
