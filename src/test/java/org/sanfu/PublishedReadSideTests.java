package org.sanfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sanfu.enterprise.EnterpriseFacts;
import org.sanfu.ticket.TicketFacts;
import org.sanfu.visit.VisitFacts;

/**
 * Stats and reports read other modules' data only through what those modules publish (the views
 * named by {@link TicketFacts}, {@link VisitFacts}, {@link EnterpriseFacts}, or their public
 * services), never another module's tables nor Camunda's. Spring Modulith sees Java dependencies
 * only; SQL in a string is checked here, against every table our migrations create.
 */
class PublishedReadSideTests {

    private static final Path MAIN = Path.of("src/main/java/org/sanfu");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    /** The tables each reading module owns itself and may query. */
    private static final List<Reader> READERS = List.of(
            new Reader("stats", Set.of("figure_day", "figure_month", "figure_all_time", "figure_state", "talk",
                    "ranking_roll")),
            new Reader("report", Set.of("briefing")));

    private static final Pattern READ = Pattern.compile("\\b(?:from|join|update|into)\\s+([a-z_][a-z0-9_]*)\\b");

    record Reader(String module, Set<String> ownTables) {}

    @Test
    void statsAndReportsQueryNoTableOfAnotherModule() throws IOException {
        Set<String> tables = tables();
        List<String> violations = new ArrayList<>();
        for (Reader reader : READERS) {
            for (Path file : files(MAIN.resolve(reader.module()), ".java")) {
                for (String name : readNames(Files.readString(file, StandardCharsets.UTF_8))) {
                    boolean foreign = tables.contains(name) && !reader.ownTables().contains(name);
                    if (foreign || name.startsWith("act_")) {
                        violations.add(file + " reads " + name);
                    }
                }
            }
        }
        assertThat(violations).as("read the published views instead").isEmpty();
    }

    @Test
    void theCheckSeesTablesAndViews() throws IOException {
        // so that the check above can fail: the tables are found, and a query on one is caught
        assertThat(tables()).contains("ticket", "ticket_co_department", "ticket_event", "visit", "enterprise");
        assertThat(readNames("jdbc.sql(\"select t.* from ticket t\n join ticket_co_department c on \" + x)"))
                .containsExactly("ticket", "ticket_co_department");
        assertThat(readNames(Files.readString(MAIN.resolve("stats/TicketFigures.java")))).contains(TicketFacts.VIEW);
    }

    @Test
    void thePublishedViewsAreCreatedByAMigration() throws IOException {
        String sql = migrations();
        for (String view : List.of(TicketFacts.VIEW, VisitFacts.VIEW, EnterpriseFacts.VIEW)) {
            assertThat(sql).as(view).containsPattern("create view " + view + "\\b");
        }
    }

    private static List<String> readNames(String source) {
        List<String> names = new ArrayList<>();
        Matcher m = READ.matcher(source.toLowerCase(Locale.ROOT));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Set<String> tables() throws IOException {
        Set<String> tables = new TreeSet<>();
        Matcher m = Pattern.compile("create table\\s+([a-z_][a-z0-9_]*)").matcher(migrations());
        while (m.find()) {
            tables.add(m.group(1));
        }
        return tables;
    }

    private static String migrations() throws IOException {
        StringBuilder sql = new StringBuilder();
        for (Path file : files(MIGRATIONS, ".sql")) {
            sql.append(Files.readString(file, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT)).append('\n');
        }
        return sql.toString();
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
