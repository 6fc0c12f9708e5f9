package org.sanfu.operations;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.stream.Stream;
import org.sanfu.OneLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * A start that failed says why in one ERROR line: the root cause, its class and message. Spring Boot's own report
 * ("Application run failed") puts it at the bottom of the stack: under the prod profile's JSON logs a wrong database
 * password is the 14th "Caused by" in {@code stack_trace}, which a log collector shows folded, while the message
 * the operator sees says nothing. This line comes first, and the report with the whole chain (or Spring Boot's
 * failure analysis, "APPLICATION FAILED TO START") still follows it.
 * <p>
 * The root cause alone is sometimes the wrong words: a setting refused by the service's own check is wrapped
 * around what the library said ("sanfu.channels.secret-key is no base64" around "Illegal base64 character 2d"). So
 * the line adds the message of the cause nearest the root that says more: one thrown by Sanfu's own code, or Spring
 * Boot's refusal to bind a setting (BindException, BindValidationException), which names it, unless the root is
 * one of those itself; or a JDBC driver's (the host and port it could not reach, where the root says "Connection
 * refused") or the web server's refused port (where the root says "Address already in use"). Not any wrapper's:
 * Spring's bean exceptions repeat their causes' words at length. When the database refused, the line names its URL
 * (without a password) and SANFU_DB_URL.
 * <p>
 * Only messages written to be read in a log: the settings a start refuses are checked so that their values are not
 * in them (FirstAdministratorProperties: the first administrator's password is named, never shown; a BindException
 * names the setting and its type, not the value), and Sanfu's own refusals name a setting, never its value.
 * Registered in META-INF/spring.factories, so that it hears a failure before any bean of the context exists (a
 * setting refused while binding).
 */
public class FailedStart implements ApplicationListener<ApplicationFailedEvent>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(FailedStart.class);

    @Override
    public void onApplicationEvent(ApplicationFailedEvent event) {
        log.error("The service did not start: {}", said(event.getException(),
                event.getApplicationContext() == null ? null : event.getApplicationContext().getEnvironment()));
    }

    /**
     * {@link #rootCause}, and when the database refused (a JDBC driver's SQLException in the chain) which database:
     * its URL as set, without a password in it, and the variable that sets it under the prod profile.
     */
    static String said(Throwable failure, Environment environment) {
        String line = rootCause(failure);
        String url = environment == null ? null : environment.getProperty("spring.datasource.url");
        return url == null || causes(failure).noneMatch(SQLException.class::isInstance) ? line
                : line + "; the database: " + withoutPassword(url) + " (spring.datasource.url; SANFU_DB_URL under the"
                        + " prod profile)";
    }

    /** A JDBC URL with the value of any password in it (password=, pwd=, user:password@) left out. */
    static String withoutPassword(String url) {
        return url.replaceAll("(?i)\\b(password|pwd)=[^&;]*", "$1=***").replaceAll("//([^/@:]*):[^/@]*@", "//$1:***@");
    }

    private static Stream<Throwable> causes(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return Stream.iterate(failure, cause -> cause != null && seen.add(cause), Throwable::getCause);
    }

    /**
     * Before Spring Boot's LoggingApplicationListener, which cleans the logging system up when it hears the same
     * failure.
     */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /**
     * The last cause of the failure as "class: message", and after it, when one above says more (see above), "(cause
     * of class: message)"; on one line ({@link OneLine}: a message's own line breaks as spaces).
     */
    static String rootCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable root = failure;
        Throwable sayingMore = null;
        while (root.getCause() != null && seen.add(root)) {
            if (saysMore(root)) {
                sayingMore = root;
            }
            root = root.getCause();
        }
        String line = described(root);
        // a root that is Sanfu's or the binding's words itself needs no more
        return sayingMore == null || saysMore(root) || line.contains(OneLine.of(sayingMore.getMessage())) ? line
                : line + " (cause of " + described(sayingMore) + ")";
    }

    /** Whether this cause's own message is Sanfu's words, or Spring Boot's naming a setting it could not bind. */
    private static boolean saysMore(Throwable cause) {
        if (cause.getMessage() == null || cause.getMessage().isBlank()) {
            return false;
        }
        // the binding names the setting; a driver's refusal the host and port where the root says "Connection
        // refused"; the web server the port where the root says "Address already in use"
        if (cause instanceof BindException || cause instanceof BindValidationException
                || cause instanceof SQLException || cause instanceof PortInUseException) {
            return true;
        }
        StackTraceElement[] stack = cause.getStackTrace();
        return stack.length > 0 && stack[0].getClassName().startsWith("org.sanfu.");
    }

    private static String described(Throwable cause) {
        String message = cause.getMessage() == null ? "" : OneLine.of(cause.getMessage());
        return message.isEmpty() ? cause.getClass().getName() : cause.getClass().getName() + ": " + message;
    }
}
