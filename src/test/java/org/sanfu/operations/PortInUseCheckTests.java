package org.sanfu.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanfu.SanfuApplication;
import org.sanfu.SanfuTest;
import org.sanfu.TestDatabase;
import org.springframework.boot.DefaultBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.mock.env.MockEnvironment;

/**
 * A second instance on a port already in use stops in the first second, with the web server's words for it, before
 * the database is touched: its own in-memory database has no table afterwards (it had every migration's, the engine's
 * and a search index's rebuild before, some 50 s on a production database).
 */
@ExtendWith(OutputCaptureExtension.class)
class PortInUseCheckTests {

    @Test
    void aPortInUseStopsTheStartBeforeTheDatabaseIsTouchedNamingThePort(CapturedOutput output) throws Exception {
        String url = "jdbc:h2:mem:sanfu-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection database = DriverManager.getConnection(url, "sa", "");
                ServerSocket running = new ServerSocket(0)) {
            int port = running.getLocalPort();
            assertThatThrownBy(() -> new SpringApplicationBuilder(SanfuApplication.class).profiles("demo").run(
                    "--spring.datasource.url=" + url, "--" + TestDatabase.STAY_ON_H2 + "=true",
                    "--" + SanfuTest.UNIQUE_ENGINE, "--" + SanfuTest.NO_JOB_EXECUTOR, "--server.port=" + port,
                    "--spring.main.banner-mode=off", "--camunda.bpm.webapp.enabled=false").close())
                    .isInstanceOf(PortInUseException.class);
            assertThat(output.getAll().lines().filter(l -> l.contains("The service did not start")).toList())
                    .singleElement().asString().contains("Port " + port + " is already in use");
            try (ResultSet tables = database.createStatement().executeQuery(
                    "select count(*) from information_schema.tables where table_schema = 'PUBLIC'")) {
                tables.next();
                assertThat(tables.getInt(1)).as("no migration ran").isZero();
            }
        }
    }

    /** A free port is let go again for the web server; no web server, port 0 (any) or -1 (none) try nothing. */
    @Test
    void aFreePortIsLetGoAndNothingIsTriedWithoutAPortToListenOn() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0)) {
            free = probe.getLocalPort();
        }
        check(WebApplicationType.SERVLET, "server.port", String.valueOf(free));
        try (ServerSocket webServer = new ServerSocket(free)) {
            assertThat(webServer.isBound()).as("let go").isTrue();
        }
        try (ServerSocket running = new ServerSocket(0)) {
            String inUse = String.valueOf(running.getLocalPort());
            assertThatThrownBy(() -> check(WebApplicationType.SERVLET, "server.port", inUse))
                    .isInstanceOf(PortInUseException.class);
            check(WebApplicationType.NONE, "server.port", inUse);
        }
        check(WebApplicationType.SERVLET, "server.port", "0");
        check(WebApplicationType.SERVLET, "server.port", "-1");
    }

    private static void check(WebApplicationType web, String... settings) {
        SpringApplication application = new SpringApplication();
        application.setWebApplicationType(web);
        MockEnvironment environment = new MockEnvironment();
        for (int i = 0; i < settings.length; i += 2) {
            environment.setProperty(settings[i], settings[i + 1]);
        }
        new PortInUseCheck().onApplicationEvent(new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(),
                application, new String[0], environment));
    }
}
