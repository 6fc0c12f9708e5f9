package org.sanfu;

import java.util.List;
import org.sanfu.ticket.DerivedFromTickets;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SanfuApplication {

    /** Recomputes everything pre-computed from the tickets (README, "Data at scale"), then exits. */
    static final String REBUILD_FIGURES = "--rebuild-figures";

    public static void main(String[] args) {
        if (List.of(args).contains(REBUILD_FIGURES)) {
            System.exit(SpringApplication.exit(rebuildFigures(args)));
        }
        SpringApplication.run(SanfuApplication.class, args);
    }

    /**
     * The service on the same database and settings but listening on no port (server.port -1: the web
     * beans exist, no connector opens) and running no jobs, for a command run while it is stopped.
     */
    static ConfigurableApplicationContext offline(String[] args) {
        return new SpringApplicationBuilder(SanfuApplication.class)
                .properties("server.port=-1", "camunda.bpm.job-execution.enabled=false").run(args);
    }

    private static ConfigurableApplicationContext rebuildFigures(String[] args) {
        ConfigurableApplicationContext context = offline(args);
        for (DerivedFromTickets derived : context.getBeansOfType(DerivedFromTickets.class).values()) {
            long started = System.nanoTime();
            derived.rebuildFromTickets();
            LoggerFactory.getLogger(SanfuApplication.class).info("rebuilt {} from the tickets in {} ms",
                    org.springframework.util.ClassUtils.getUserClass(derived).getSimpleName(), (System.nanoTime() - started) / 1_000_000);
        }
        return context;
    }
}
