package org.sanfu.operations;

import java.util.List;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * A start under the demo profile (the default one: no profile given) with the production profile's environment set
 * is refused. The prod profile is one argument an operator can leave out (a systemd unit's ExecStart without
 * {@code --spring.profiles.active=prod}); the service then ran on the demo's H2 file under ./data/ with its accounts
 * whose password is "demo", healthy on every address, and nothing said so. SANFU_DB_URL and the others are read by the
 * prod profile only, so their being set says the operator meant production.
 * <p>
 * Heard when the environment is ready, just after Spring Boot has set the logging up (so {@link FailedStart}'s line
 * is written, in the profile's format), before any bean exists: nothing has opened the database yet. The variables are
 * looked for in the Environment, where the operating system's are one source among the others (a test gives them as
 * properties). Registered in META-INF/spring.factories.
 */
public class DemoProfileCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    /** What the prod profile reads from the environment (config/application-prod.yml); nothing else does. */
    static final List<String> PRODUCTION_VARIABLES = List.of("SANFU_DB_URL", "SANFU_DB_USERNAME", "SANFU_DB_PASSWORD",
            "SANFU_ADMIN_PASSWORD");

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        String refusal = refusal(event.getEnvironment());
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
    }

    /** Why this environment may not start, or null. Names the variables set, never their values. */
    static String refusal(ConfigurableEnvironment environment) {
        if (!environment.matchesProfiles("demo")) {
            return null;
        }
        List<String> set = PRODUCTION_VARIABLES.stream().filter(environment::containsProperty).toList();
        if (set.isEmpty()) {
            return null;
        }
        String how = environment.getActiveProfiles().length == 0 ? "by default: no profile was given" : "asked for";
        return "the demo profile is active (" + how + ", with its accounts whose password is 'demo' and the H2 file "
                + "under ./data/) but " + String.join(", ", set) + (set.size() == 1 ? " is" : " are")
                + " set, which only the prod profile reads: start with --spring.profiles.active=prod (or "
                + "SPRING_PROFILES_ACTIVE=prod), or unset " + (set.size() == 1 ? "it" : "them") + " to try the demo";
    }

    /** Just after {@link LoggingApplicationListener}, so that the refusal is logged. */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
