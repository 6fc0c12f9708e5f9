package org.sanfu;

import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SanfuApplication {

    /** Recomputes everything pre-computed from the tickets (operations.RebuildFigures), then exits. */
    static final String REBUILD_FIGURES = "rebuild-figures";

    public static void main(String[] args) {
        if (List.of(args).contains("--" + REBUILD_FIGURES)) {
            System.exit(command(REBUILD_FIGURES, args));
        }
        SpringApplication.run(SanfuApplication.class, args);
    }

    /**
     * Runs a command while the service is stopped: its context on the same database and settings but
     * listening on no port (server.port -1: the web beans exist, no connector opens) and running no
     * jobs; the module that owns the command runs it as the context starts (sanfu.command names it;
     * this class names no module, so that no module depends on another through it). Returns the exit code.
     */
    static int command(String name, String[] args) {
        return SpringApplication.exit(new SpringApplicationBuilder(SanfuApplication.class)
                .properties("server.port=-1", "camunda.bpm.job-execution.enabled=false", "sanfu.command=" + name)
                .run(args));
    }
}
