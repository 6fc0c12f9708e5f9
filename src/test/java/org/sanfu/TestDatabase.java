package org.sanfu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The PostgreSQL pass of the test suite (pom.xml, profile {@code postgres}): when the system property
 * {@code sanfu.test.postgres} holds a JDBC URL of a PostgreSQL server (with user and password, e.g.
 * {@code jdbc:postgresql://localhost:5432/postgres?user=sanfu_test&password=sanfu_test}), every
 * application context a test starts on a private in-memory H2 database ({@link SanfuTest#PRIVATE_DATABASE})
 * gets a new, empty PostgreSQL database instead. Each context thus starts from an empty schema, as on
 * H2, and the same tests prove the same behaviour on both. Without the property nothing changes.
 * In both passes every context also gets a ticket search index of its own (sanfu.search.directory).
 */
public class TestDatabase implements EnvironmentPostProcessor {

    /** The system property naming the server; set by the postgres pass from SANFU_TEST_POSTGRES. */
    public static final String SERVER = "sanfu.test.postgres";

    private static final AtomicInteger CREATED = new AtomicInteger();
    /** sanfu_test_{pid}_{n}: the databases this class makes. */
    private static final Pattern OURS = Pattern.compile("sanfu_test_(\\d+)_\\d+");

    private static final String SEARCH_DIRECTORY = "sanfu.search.directory";

    /** Set on a context that must stay on H2 in the PostgreSQL pass too (one that compares the two). */
    public static final String STAY_ON_H2 = "sanfu.test.stay-on-h2";

    /** Whether this JVM runs the PostgreSQL pass. */
    public static boolean onPostgres() {
        return !System.getProperty(SERVER, "").isBlank();
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        ownSearchIndex(environment);
        String url = environment.getProperty("spring.datasource.url", "");
        if (!onPostgres() || !url.startsWith("jdbc:h2:mem:") || environment.getProperty(STAY_ON_H2, Boolean.class, false)) {
            return;
        }
        String server = System.getProperty(SERVER);
        // as separate settings too: the prod profile's username and password would otherwise be sent
        environment.getPropertySources().addFirst(new MapPropertySource("sanfu-test-postgres", Map.of(
                "spring.datasource.url", inDatabase(server, newDatabase()),
                "spring.datasource.username", parameter(server, "user"),
                "spring.datasource.password", parameter(server, "password"),
                // Spring keeps every context of the run; each pool holding its 10 connections idle, a dozen contexts
                // took the server's 100 and the cluster test's nodes could not start (FATAL: remaining connection
                // slots are reserved...). One kept while idle, the others given back after 10 s without use.
                "spring.datasource.hikari.minimum-idle", "1",
                "spring.datasource.hikari.idle-timeout", "10000")));
    }

    /**
     * Each context (and each child JVM) gets a search index of its own in a new temporary directory,
     * unless its test chose one: the shipped ./data/search would be shared by every context of the run,
     * and an index belongs to one database and is locked by one writer.
     */
    private static void ownSearchIndex(ConfigurableEnvironment environment) {
        String chosen = environment.getProperty(SEARCH_DIRECTORY);
        if (chosen != null && !chosen.equals("./data/search")) {
            return;
        }
        try {
            Path directory = Files.createTempDirectory("sanfu-search-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(directory)));
            environment.getPropertySources().addFirst(new MapPropertySource("sanfu-test-search",
                    Map.of(SEARCH_DIRECTORY, directory.toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory; the system cleans it up eventually
        }
    }

    /**
     * A new empty database on the server, named after this JVM and a counter so that parallel runs
     * on one server never meet. The first one of a JVM first drops those left by test JVMs that
     * have ended, so that a developer's server does not fill up run after run.
     */
    private static String newDatabase() {
        String name = "sanfu_test_" + ProcessHandle.current().pid() + "_" + CREATED.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(System.getProperty(SERVER));
                Statement sql = admin.createStatement()) {
            if (name.endsWith("_1")) {
                dropLeftovers(admin);
            }
            sql.execute("create database " + name + " encoding 'UTF8' template template0");
        } catch (SQLException e) {
            throw new IllegalStateException("The PostgreSQL pass needs a server at " + SERVER + "="
                    + System.getProperty(SERVER) + " whose user may create databases: " + e.getMessage(), e);
        }
        return name;
    }

    private static void dropLeftovers(Connection admin) throws SQLException {
        List<String> ended = new ArrayList<>();
        try (Statement sql = admin.createStatement();
                ResultSet names = sql.executeQuery("select datname from pg_database where datname like 'sanfu_test_%'")) {
            while (names.next()) {
                Matcher ours = OURS.matcher(names.getString(1));
                if (ours.matches() && ProcessHandle.of(Long.parseLong(ours.group(1))).isEmpty()) {
                    ended.add(names.getString(1));
                }
            }
        }
        try (Statement sql = admin.createStatement()) {
            for (String database : ended) {
                sql.execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    /** Command-line settings that put a service (a child JVM, a second context) on a new database of the server. */
    public static List<String> newDatabaseSettings() {
        String server = System.getProperty(SERVER);
        return List.of("--spring.datasource.url=" + inDatabase(server, newDatabase()),
                "--spring.datasource.username=" + parameter(server, "user"),
                "--spring.datasource.password=" + parameter(server, "password"));
    }

    /**
     * A database of its own for a test that migrates or reads one without a Spring context: a new in-memory H2
     * database named after {@code purpose}, or in the PostgreSQL pass a new database of the server.
     */
    public static DriverManagerDataSource newDataSource(String purpose) {
        if (!onPostgres()) {
            return new DriverManagerDataSource("jdbc:h2:mem:" + purpose + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        }
        String server = System.getProperty(SERVER);
        return new DriverManagerDataSource(inDatabase(server, newDatabase()), parameter(server, "user"),
                parameter(server, "password"));
    }

    /** A parameter of the URL's query (user, password), or "" when it has none. */
    private static String parameter(String url, String name) {
        int query = url.indexOf('?');
        if (query >= 0) {
            for (String pair : url.substring(query + 1).split("&")) {
                if (pair.startsWith(name + "=")) {
                    return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return "";
    }

    /** The server's URL with its database replaced, keeping its parameters (user, password). */
    private static String inDatabase(String serverUrl, String database) {
        int query = serverUrl.indexOf('?');
        String base = query < 0 ? serverUrl : serverUrl.substring(0, query);
        String parameters = query < 0 ? "" : serverUrl.substring(query);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        return (slash < 0 ? base : base.substring(0, slash)) + "/" + database + parameters;
    }
}
