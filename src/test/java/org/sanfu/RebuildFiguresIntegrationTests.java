package org.sanfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --rebuild-figures}, run in the service's directory while it is stopped, recomputes the
 * pre-computed figures from the tickets: here after they were wrecked behind the service's back, as a
 * restored backup of the ticket tables alone or another tool's rows would leave them. And a service that
 * starts catches all time up with the months, which nodes of an earlier version kept without it.
 */
class RebuildFiguresIntegrationTests {

    @TempDir
    Path directory;

    @Test
    void theCommandRecomputesTheFiguresFromTheTicketsAndExits() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(directory, null)) {
            String code = Api.creditCode();
            ServiceProcess.ok(service.call("POST", "/api/enterprises", "staff1", Map.of("creditCode", code,
                    "name", "重算企业", "town", "重算镇")), 201);
            ServiceProcess.ok(service.call("POST", "/api/visits", "staff1", Map.of("enterpriseCreditCode", code,
                    "problems", List.of(Api.problem("CONTAINER", "集装箱紧张"), Api.problem("FINANCING", "融资难"),
                            Api.problem("OTHER", "厂区道路")))), 201);
            service.killHard();
        }
        List<String> figures = rows();
        assertThat(figures).as("the service counted its three tickets").hasSizeGreaterThanOrEqualTo(6);
        try (Connection db = database(); Statement sql = db.createStatement()) {
            sql.executeUpdate("update figure_day set total = total + 40, closed = 7");
            sql.executeUpdate("delete from figure_month");
            sql.executeUpdate("update figure_all_time set closed = closed + 2");
        }
        assertThat(rows()).isNotEqualTo(figures);

        assertThat(ServiceProcess.command(directory, "--rebuild-figures"))
                .as(Files.readString(directory.resolve("command.log"))).isZero();

        assertThat(rows()).isEqualTo(figures);
        assertThat(Files.readString(directory.resolve("command.log"))).contains("rebuilt FigureRollup");
    }

    @Test
    void aStartingServiceAddsToAllTimeWhatTheMonthsHoldBeyondIt() throws Exception {
        String code = Api.creditCode();
        try (ServiceProcess service = ServiceProcess.start(directory, null)) {
            ServiceProcess.ok(service.call("POST", "/api/enterprises", "staff1", Map.of("creditCode", code,
                    "name", "升级企业", "town", "升级镇")), 201);
            ServiceProcess.ok(service.call("POST", "/api/visits", "staff1", Map.of("enterpriseCreditCode", code,
                    "problems", List.of(Api.problem("CONTAINER", "集装箱紧张"), Api.problem("LABOR", "招工难")))), 201);
            service.killHard();
        }
        List<String> allTime = rows("figure_all_time");
        assertThat(allTime).as("the service counted its two tickets").hasSize(2);
        // as nodes of the version before all time leave it: the tickets they filed and changed are in the months only
        try (Connection db = database(); Statement sql = db.createStatement()) {
            sql.executeUpdate("delete from figure_all_time where category = 'LABOR'");
            sql.executeUpdate("update figure_all_time set assigned = assigned - 1, signed = signed + 3");
        }
        assertThat(rows("figure_all_time")).isNotEqualTo(allTime);

        Path caughtUp;
        try (ServiceProcess service = ServiceProcess.start(directory, null)) {
            caughtUp = service.log();
            service.killHard();
        }
        assertThat(rows("figure_all_time")).isEqualTo(allTime);
        assertThat(Files.readString(caughtUp)).contains("all-time figures lagged behind the months in 2 group(s)");
        Path again;
        try (ServiceProcess service = ServiceProcess.start(directory, null)) {
            again = service.log();
            service.killHard();
        }
        assertThat(Files.readString(again)).as("nothing left to catch up").doesNotContain("lagged behind");
    }

    private Connection database() throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + directory.resolve("data/sanfu"), "sa", "");
    }

    private List<String> rows() throws Exception {
        return rows("figure_day", "figure_month", "figure_all_time");
    }

    private List<String> rows(String... tables) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection db = database(); Statement sql = db.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = sql.executeQuery("select * from " + table + " order by 1, 2, 3, 4, 5")) {
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(table);
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            row.append(' ').append(rs.getString(i));
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
        return rows;
    }
}
