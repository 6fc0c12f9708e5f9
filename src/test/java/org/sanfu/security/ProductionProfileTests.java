package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.Cookie;
import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.sanfu.SanfuApplication;
import org.sanfu.SanfuTest;
import org.sanfu.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The prod profile: no demo accounts, the first administrator from the environment, JSON logs; and
 * without an administrator, or together with demo, it refuses to start. (Its own context, on its own
 * in-memory database, with the job executor running as in production.)
 */
@SpringBootTest(properties = {SanfuTest.PRIVATE_DATABASE, SanfuTest.UNIQUE_ENGINE,
        "sanfu.admin.username=chief", "sanfu.admin.password=correct horse battery"})
@AutoConfigureMockMvc
@AutoConfigureObservability(tracing = false)
@ActiveProfiles("prod")
@ExtendWith(OutputCaptureExtension.class)
class ProductionProfileTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Environment environment;
    @Autowired
    Flyway flyway;

    @Test
    void theFirstAdministratorIsTheOnlyAccount() throws Exception {
        List<Map<String, Object>> accounts = jdbc.sql("select username, role, department from account").query()
                .listOfRows();
        assertThat(accounts).hasSize(1);
        assertThat(accounts.get(0)).containsEntry("USERNAME", "chief").containsEntry("ROLE", "ADMIN");
        assertThat(jdbc.sql("select password_change_required from account where username = 'chief'")
                .query(Boolean.class).single()).as("the operator's password: its person chooses their own").isTrue();
        assertThat(status("/actuator/prometheus", "chief", "correct horse battery")).isEqualTo(200);
        assertThat(status("/api/inbox", "chief", "wrong")).isEqualTo(401);
        for (String demo : List.of("admin", "staff1", "leader")) {
            assertThat(status("/api/inbox", demo, "demo")).as(demo).isEqualTo(401);
        }
    }

    /**
     * The operator's password travels in a unit file or a shell's history: the first administrator's first page
     * sign-in lands on /account, which asks for a password of its own (PasswordChangeFirst), while HTTP Basic goes on
     * working with it. Not changed here: ReadinessOfANewCountyTests shares this context and its password.
     */
    @Test
    void theFirstAdministratorsFirstPageSignInAsksForAPasswordOfItsOwn() throws Exception {
        MockHttpServletResponse signedIn = mvc.perform(formLogin("/login").user("chief")
                .password("correct horse battery")).andReturn().getResponse();
        assertThat(signedIn.getStatus()).isEqualTo(302);
        Cookie session = signedIn.getCookie("SANFU_SESSION");
        assertThat(session).isNotNull();
        MockHttpServletResponse admin = mvc.perform(get("/admin").cookie(session).accept(MediaType.TEXT_HTML))
                .andReturn().getResponse();
        assertThat(admin.getStatus()).isEqualTo(302);
        assertThat(admin.getRedirectedUrl()).isEqualTo("/account");
        MockHttpServletResponse account = mvc.perform(get("/account").cookie(session).accept(MediaType.TEXT_HTML))
                .andReturn().getResponse();
        assertThat(account.getStatus()).isEqualTo(200);
        assertThat(Jsoup.parse(account.getContentAsString(StandardCharsets.UTF_8)).select("#mustChange").text())
                .startsWith("请先修改密码");
        assertThat(status("/api/admin/readiness", "chief", "correct horse battery")).as("the API is not held up")
                .isEqualTo(200);
    }

    /** In the PostgreSQL pass (pom.xml) this context runs on a new, empty PostgreSQL database. */
    @Test
    void everyMigrationRanOnTheEmptyDatabaseAndNoDemoDataIsThere() throws Exception {
        String database = jdbc.sql("select 1").query((ResultSet row, int n) ->
                row.getStatement().getConnection().getMetaData().getDatabaseProductName()).single();
        assertThat(database).isEqualTo(TestDatabase.onPostgres() ? "PostgreSQL" : "H2");
        long migrations = 0;
        for (String folder : List.of("migration", "vendor/" + (TestDatabase.onPostgres() ? "postgresql" : "h2"))) {
            try (var files = Files.list(Path.of("src/main/resources/db", folder))) {
                migrations += files.filter(f -> f.getFileName().toString().matches("V[\\d_]+__.*\\.sql")).count();
            }
        }
        assertThat(Arrays.stream(flyway.info().applied())
                .filter(m -> "SQL".equals(m.getType().name()) && m.getState().isApplied()).count()).isEqualTo(migrations);
        // and the migrations written in Java (Spring beans Flyway is handed): V45, the enterprises' pinyin order,
        // V48, their names as said, and V56, user names unique in any case
        assertThat(Arrays.stream(flyway.info().applied()).filter(m -> "JDBC".equals(m.getType().name())
                && m.getState().isApplied()).map(m -> m.getVersion().getVersion())).containsExactly("45", "48", "56");
        for (String table : List.of("enterprise", "visit", "ticket", "ticket_event")) {
            assertThat(jdbc.sql("select count(*) from " + table).query(Long.class).single()).as(table).isZero();
        }
    }

    @Test
    void healthShowsTheAdministratorTheDatabaseAndTheJobExecutor() throws Exception {
        String body = mvc.perform(get("/actuator/health").with(httpBasic("chief", "correct horse battery")))
                .andReturn().getResponse().getContentAsString();
        JsonNode components = new ObjectMapper().readTree(body).get("components");
        assertThat(components.at("/db/status").asText()).isEqualTo("UP");
        assertThat(components.at("/jobExecutor/status").asText()).isEqualTo("UP");
        assertThat(mvc.perform(get("/actuator/health")).andReturn().getResponse().getContentAsString())
                .isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void logsAreStructuredJson(CapturedOutput output) throws Exception {
        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        LoggerFactory.getLogger(ProductionProfileTests.class).info("probe 探针");
        assertThat(output.getOut().lines().filter(l -> l.contains("probe 探针")).toList()).singleElement()
                .satisfies(line -> assertThat(line).startsWith("{").endsWith("}").contains("\"ecs\":{\"version\"")
                        .contains("\"log\":{\"level\":\"INFO\""));
        // each line names its node: SANFU_NODE_NAME, else HOSTNAME, else the machine's name (operations.NodeName),
        // never "node":{} (on Linux, whose kernel has a name)
        String node = System.getenv("SANFU_NODE_NAME") != null ? System.getenv("SANFU_NODE_NAME")
                : System.getenv("HOSTNAME") != null ? System.getenv("HOSTNAME")
                : Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        assertThat(node).isNotEmpty();
        assertThat(environment.getProperty("logging.structured.ecs.service.node-name")).isEqualTo(node);
        assertThat(output.getOut().lines().filter(l -> l.contains("probe 探针")).toList()).singleElement()
                .satisfies(line -> assertThat(line).contains("\"node\":{\"name\":\"" + node + "\""));
    }

    @Test
    void withoutAnAdministratorProdRefusesToStart() {
        assertThatThrownBy(() -> start("prod")).satisfies(e -> assertThat(root(e))
                .hasMessageContaining("No administrator account exists").hasMessageContaining("SANFU_ADMIN_PASSWORD"));
    }

    /**
     * On a new database the refusal comes before the database is touched: no table of Flyway's, the engine's or ours
     * is left behind (they were, before FirstAdministratorBeforeSchema), and the next start, with the password,
     * simply goes on and makes the administrator. In the PostgreSQL pass on a new database of the server.
     */
    @Test
    void withoutAnAdministratorProdRefusesANewDatabaseBeforeCreatingAnyTable() throws Exception {
        DriverManagerDataSource database = TestDatabase.newDataSource("first-administrator");
        if (database.getUsername() == null) {
            database.setUsername("sa"); // H2's, as Spring Boot's for an embedded database given none
        }
        List<String> settings = List.of("--spring.datasource.url=" + database.getUrl(),
                "--spring.datasource.username=" + database.getUsername(),
                "--spring.datasource.password=" + Objects.toString(database.getPassword(), ""));
        assertThatThrownBy(() -> run(new String[] {"prod"}, settings.toArray(String[]::new)))
                .satisfies(e -> assertThat(root(e)).hasMessageContaining("No administrator account exists")
                        .hasMessageContaining("SANFU_ADMIN_PASSWORD"));
        assertThat(tables(database)).as("tables left by the refused start").isEmpty();
        List<String> withPassword = new ArrayList<>(settings);
        withPassword.add("--sanfu.admin.password=correct horse battery");
        run(new String[] {"prod"}, withPassword.toArray(String[]::new));
        assertThat(JdbcClient.create(database).sql("select username from account where role = 'ADMIN'")
                .query(String.class).list()).containsExactly("admin");
    }

    private static List<String> tables(DataSource database) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = database.getConnection();
                ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(),
                        "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME"));
            }
        }
        return names;
    }

    @Test
    void prodRefusesTheDemoProfile() {
        assertThatThrownBy(() -> start("prod", "demo")).satisfies(e -> assertThat(root(e))
                .hasMessageContaining("demo and prod"));
    }

    /**
     * A wrong database password, whose cause Spring Boot's report leaves deep in the JSON line's {@code stack_trace},
     * is named by the message of one ERROR line of its own (operations.FailedStart), and neither password is shown.
     */
    @Test
    void aStartThatFailsNamesItsRootCauseInTheMessageOfOneJsonLine(CapturedOutput output) throws Exception {
        String url = "jdbc:h2:mem:sanfu-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection database = DriverManager.getConnection(url, "sanfu", "Right horse 1")) {
            // on H2 in the PostgreSQL pass too: that pass gives an in-memory H2 URL a server database of its own
            assertThatThrownBy(() -> run(new String[] {"prod"}, "--spring.datasource.url=" + url,
                    "--spring.datasource.username=sanfu", "--spring.datasource.password=Wrong horse 2",
                    "--" + TestDatabase.STAY_ON_H2 + "=true"))
                    .isInstanceOf(RuntimeException.class);
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> errors = new ArrayList<>();
        for (String line : output.getOut().lines().filter(l -> l.startsWith("{") && l.contains("\"ERROR\"")).toList()) {
            JsonNode event = json.readTree(line);
            if (event.at("/log/level").asText().equals("ERROR")) {
                errors.add(event);
            }
        }
        assertThat(errors.stream().filter(e -> e.path("message").asText().contains("did not start")).toList())
                .singleElement().satisfies(e -> assertThat(e.path("message").asText()).startsWith(
                        "The service did not start: org.h2.jdbc.JdbcSQLInvalidAuthorizationSpecException: "
                                + "Wrong user name or password [28000-"));
        assertThat(output.getAll()).doesNotContain("Right horse 1").doesNotContain("Wrong horse 2");
    }

    /**
     * The service in these profiles, on an in-memory database (as arguments: they outrank prod's
     * settings). Without Camunda's web apps, whose starter keeps the last application context in a
     * static field: a context that failed to start would be left there for the next one in this JVM.
     */
    private static void start(String... profiles) {
        run(profiles, "--" + SanfuTest.PRIVATE_DATABASE);
    }

    /** As {@link #start}, with the database given in {@code settings}. */
    private static void run(String[] profiles, String... settings) {
        List<String> arguments = new ArrayList<>(List.of(settings));
        arguments.addAll(List.of("--" + SanfuTest.UNIQUE_ENGINE, "--" + SanfuTest.NO_JOB_EXECUTOR,
                "--server.port=0", "--spring.main.banner-mode=off", "--camunda.bpm.webapp.enabled=false"));
        new SpringApplicationBuilder(SanfuApplication.class).profiles(profiles).run(arguments.toArray(String[]::new))
                .close();
    }

    private static Throwable root(Throwable e) {
        return e.getCause() == null ? e : root(e.getCause());
    }

    private int status(String path, String user, String password) throws Exception {
        return mvc.perform(get(path).with(httpBasic(user, password))).andReturn().getResponse().getStatus();
    }
}
