package org.sanfu.operations;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * A start that failed says why in one ERROR line: the root cause, its class and message. Spring Boot's own report
 * ("Application run failed") puts it at the bottom of the stack: under the prod profile's JSON logs a wrong database
 * password is the 14th "Caused by" in {@code stack_trace}, which a log collector shows folded, while the message
 * the operator sees says nothing. This line comes first, and the report with the whole chain (or Spring Boot's
 * failure analysis, "APPLICATION FAILED TO START") still follows it.
 * <p>
 * Only the root cause's own message, which Spring Boot's report prints already: the settings a start refuses are
 * checked so that their values are not in it (FirstAdministratorProperties: the first administrator's password is
 * named, never shown). Registered in META-INF/spring.factories, so that it hears a failure before any bean of the
 * context exists (a setting refused while binding).
 */
public class FailedStart implements ApplicationListener<ApplicationFailedEvent>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(FailedStart.class);

    @Override
    public void onApplicationEvent(ApplicationFailedEvent event) {
        log.error("The service did not start: {}", rootCause(event.getException()));
    }

    /**
     * Before Spring Boot's LoggingApplicationListener, which cleans the logging system up when it hears the same
     * failure.
     */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** The last cause of the failure as "class: message", on one line (a message's own line breaks as spaces). */
    static String rootCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable root = failure;
        while (root.getCause() != null && seen.add(root)) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getName()
                : root.getClass().getName() + ": " + OneLine.of(message);
    }
}
