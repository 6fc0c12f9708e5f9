package org.sanfu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanfu.calendar.Holidays;
import org.sanfu.calendar.WorkingDayCalendar;

/**
 * The service in a child JVM on the shipped default H2 file database, stopped and started again:
 * "a 2xx answer survives kill -9", "changing a row of routing.dmn and restarting changes the routing",
 * and a day off added to the holiday file moves the running deadlines at the next start.
 */
class RestartIntegrationTests {

    private ServiceProcess service;

    @TempDir
    Path data;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private void start() throws Exception {
        start(null);
    }

    /**
     * In an empty directory: the packaged config/application.yml and its default database URL
     * (./data/sanfu) apply exactly as shipped.
     *
     * @param overrides a directory put first on the class path (a changed bpmn/ folder), or null
     * @param arguments more command-line settings
     */
    private void start(Path overrides, String... arguments) throws Exception {
        service = ServiceProcess.start(data, overrides, arguments);
    }

    private void killHard() throws InterruptedException {
        service.killHard();
    }

    private HttpResponse<String> call(String method, String path, String user, Object body) throws Exception {
        return service.call(method, path, user, body);
    }

    private JsonNode ok(HttpResponse<String> response, int status) throws Exception {
        return ServiceProcess.ok(response, status);
    }

    /**
     * Two claims on one restart, since each start of a child costs CI some fifteen seconds: what was
     * answered with success before a {@code kill -9} is all there after it, and a row of routing.dmn changed
     * while the service was down routes the next ticket (and only the next).
     */
    @Test
    void everythingAnsweredSurvivesKillMinus9AndAChangedRowOfTheRoutingTableTakesEffectAtTheNextStart()
            throws Exception {
        start();
        String code = Api.creditCode();
        ok(call("POST", "/api/enterprises", "staff1", Map.of("creditCode", code, "name", "浙江肯得机电股份有限公司",
                "town", "路桥区", "exporter", true, "key", false)), 201);
        List<Map<String, Object>> problems = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            problems.add(Api.problem("CONTAINER", "集装箱紧张 " + i));
        }
        JsonNode visit = ok(call("POST", "/api/visits", "staff1",
                Map.of("enterpriseCreditCode", code, "problems", problems)), 201);
        String signedId = visit.get("tickets").get(0).get("id").asText();
        assertThat(visit.get("tickets").get(0).get("leadDepartment").asText()).isEqualTo("TRANSPORT");
        ok(call("POST", "/api/tickets/" + signedId + "/sign", "transport", Map.of()), 200);

        killHard();
        start(routingChanged());

        JsonNode tickets = ok(call("GET", "/api/tickets?enterprise=" + code, "leader", null), 200);
        assertThat(tickets.get("total").asInt()).isEqualTo(5);
        JsonNode signed = ok(call("GET", "/api/tickets/" + signedId, "leader", null), 200);
        assertThat(signed.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(signed.get("enterpriseName").asText()).isEqualTo("浙江肯得机电股份有限公司");
        // the tickets routed before the change keep their department
        assertThat(signed.get("leadDepartment").asText()).isEqualTo("TRANSPORT");
        JsonNode history = ok(call("GET", "/api/tickets/" + signedId + "/history", "leader", null), 200);
        assertThat(history.findValuesAsText("action")).containsExactly("report", "route", "sign");

        JsonNode replied = ok(call("POST", "/api/tickets/" + signedId + "/reply", "transport",
                Map.of("resolution", "已协调舱位", "outcome", "RESOLVED")), 200);
        assertThat(replied.get("status").asText()).isEqualTo("REPLIED");
        String other = visit.get("tickets").get(4).get("id").asText();
        assertThat(ok(call("POST", "/api/tickets/" + other + "/sign", "transport", Map.of()), 200)
                .get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(Files.exists(data.resolve("data/sanfu.mv.db"))).isTrue();

        JsonNode after = ok(call("POST", "/api/visits", "staff1", Map.of("enterpriseCreditCode", code,
                "problems", List.of(Api.problem("CONTAINER", "舱位不足")))), 201).get("tickets").get(0);
        assertThat(after.get("leadDepartment").asText()).isEqualTo("CUSTOMS");
        assertThat(after.get("coDepartments").get(0).asText()).isEqualTo("TRANSPORT");
        JsonNode routed = ok(call("GET", "/api/tickets/" + after.get("id").asText() + "/history", "leader", null), 200);
        assertThat(routed.get(1).get("detail").asText()).contains("答复时限 2 个工作日");
    }

    /**
     * A class-path folder with bpmn/ as shipped but for one row of routing.dmn: the county decides that
     * customs leads container problems, co-handled by transport, in 2 days.
     */
    private Path routingChanged() throws IOException {
        Path overrides = data.resolve("overrides");
        Files.createDirectories(overrides.resolve("bpmn"));
        Files.copy(Path.of("bpmn/ticket.bpmn"), overrides.resolve("bpmn/ticket.bpmn"));
        String dmn = Files.readString(Path.of("bpmn/routing.dmn"), StandardCharsets.UTF_8);
        String containerRow = dmn.substring(dmn.indexOf("<rule id=\"Rule_Container\">"),
                dmn.indexOf("</rule>", dmn.indexOf("<rule id=\"Rule_Container\">")));
        String changedRow = containerRow
                .replace("<text>\"TRANSPORT\"</text>", "<text>\"CUSTOMS\"</text>")
                .replace("<outputEntry id=\"Rule_Container_Co\"><text></text>",
                        "<outputEntry id=\"Rule_Container_Co\"><text>\"TRANSPORT\"</text>")
                .replace("<outputEntry id=\"Rule_Container_ReplyLimit\"><text>5</text>",
                        "<outputEntry id=\"Rule_Container_ReplyLimit\"><text>2</text>");
        assertThat(changedRow).isNotEqualTo(containerRow);
        Files.writeString(overrides.resolve("bpmn/routing.dmn"), dmn.replace(containerRow, changedRow),
                StandardCharsets.UTF_8);
        return overrides;
    }

    @Test
    void timersWaitingInTheDatabaseFireOnceAfterACrashAndRestart() throws Exception {
        Instant visitedAt = reminderDueButNotOverdue(5);
        assertThat(visitedAt).isBefore(Instant.now());

        start(null, "--camunda.bpm.job-execution.enabled=false");
        String code = Api.creditCode();
        ok(call("POST", "/api/enterprises", "staff1", Map.of("creditCode", code, "name", "椒江外贸企业")), 201);
        String id = ok(call("POST", "/api/visits", "staff1", Map.of("enterpriseCreditCode", code,
                "visitedAt", visitedAt.atOffset(ZoneOffset.ofHours(8)).toString(),
                "problems", List.of(Api.problem("LOGISTICS", "运费上涨")))), 201)
                .get("tickets").get(0).get("id").asText();
        Thread.sleep(1000);
        assertThat(actions(id)).doesNotContain("remind");
        killHard();

        // The deadline sweep runs every minute from its deployment, which the first start did not reach.
        // Down longer than that, as a crashed server would be: its next run falls due while it is down.
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("data/sanfu"), "sa", "");
                Statement sql = db.createStatement()) {
            assertThat(sql.executeUpdate("update ACT_RU_JOB set DUEDATE_ = dateadd(MINUTE, -1, DUEDATE_)"
                    + " where PROCESS_DEF_KEY_ = 'deadline-sweep'")).isEqualTo(1);
        }
        // the job executor is told to look for due jobs every two seconds rather than backing off to a
        // minute while idle
        start(null, "--camunda.bpm.job-execution.max-wait=2000");
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!actions(id).contains("remind") && System.nanoTime() < until) {
            Thread.sleep(500);
        }
        Thread.sleep(2000); // both reminder points were due: give the second its chance to (wrongly) speak
        JsonNode history = ok(call("GET", "/api/tickets/" + id + "/history", "leader", null), 200);
        assertThat(history.findValuesAsText("action")).containsExactly("report", "route", "remind");
        assertThat(history.get(2).get("detail").asText()).as("only the latest point is said").contains("75%");
        JsonNode ticket = ok(call("GET", "/api/tickets/" + id, "leader", null), 200);
        assertThat(ticket.get("overdue").asBoolean()).isFalse();
    }

    @Test
    void aHolidayAddedToTheFileMovesTheRunningDeadlinesAtTheNextStart() throws Exception {
        WorkingDayCalendar shipped = shippedCalendar();
        start();
        String code = Api.creditCode();
        ok(call("POST", "/api/enterprises", "staff1", Map.of("creditCode", code, "name", "台州港物流企业")), 201);
        JsonNode reported = ok(call("POST", "/api/visits", "staff1", Map.of("enterpriseCreditCode", code,
                "problems", List.of(Api.problem("CONTAINER", "订舱难")))), 201).get("tickets").get(0);
        String id = reported.get("id").asText();
        Instant reportedAt = instant(ok(call("GET", "/api/tickets/" + id, "leader", null), 200), "reportedAt");
        killHard();

        // the office adds a day off: the next working day, which both clocks still have ahead
        LocalDate dayOff = shipped.dayOf(shipped.plusWorkingDays(reportedAt, 1));
        Path file = data.resolve("config/holidays.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, withDayOff(Files.readString(Path.of("config/holidays.yml"), StandardCharsets.UTF_8),
                dayOff), StandardCharsets.UTF_8);
        WorkingDayCalendar changed;
        try (InputStream in = Files.newInputStream(file)) {
            changed = new WorkingDayCalendar(ZoneId.of("Asia/Shanghai"), LocalTime.of(8, 30), LocalTime.of(17, 30),
                    Holidays.read(in));
        }
        assertThat(changed.isWorkingDay(dayOff)).isFalse();
        start();

        JsonNode ticket = ok(call("GET", "/api/tickets/" + id, "leader", null), 200);
        assertThat(instant(ticket, "signDeadline")).isEqualTo(changed.plusWorkingDays(reportedAt, 1))
                .isAfter(shipped.plusWorkingDays(reportedAt, 1));
        assertThat(instant(ticket, "replyDeadline")).isEqualTo(changed.plusWorkingDays(reportedAt, 5))
                .isAfter(shipped.plusWorkingDays(reportedAt, 5));
        JsonNode history = ok(call("GET", "/api/tickets/" + id + "/history", "leader", null), 200);
        assertThat(history.findValuesAsText("action")).containsExactly("report", "route", "recount", "recount");
        assertThat(history.get(2).get("detail").asText()).startsWith("节假日安排调整，签收期限由 ");
        assertThat(history.get(3).get("detail").asText()).startsWith("节假日安排调整，答复期限由 ");
    }

    private static Instant instant(JsonNode ticket, String field) {
        return OffsetDateTime.parse(ticket.get(field).asText()).toInstant();
    }

    /** The holiday file with this day off added to its year's entry (a new entry for a year not on file). */
    private static String withDayOff(String file, LocalDate day) {
        String entry = "- year: " + day.getYear() + "\n";
        String holiday = "    - { name: 测试假日, from: " + day + ", to: " + day + " }\n";
        int year = file.indexOf(entry);
        if (year < 0) {
            return file + entry + "  notice: 测试通知\n  holidays:\n" + holiday;
        }
        int list = file.indexOf("  holidays:\n", year) + "  holidays:\n".length();
        return file.substring(0, list) + holiday + file.substring(list);
    }

    private static WorkingDayCalendar shippedCalendar() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("config/holidays.yml"))) {
            return new WorkingDayCalendar(ZoneId.of("Asia/Shanghai"), LocalTime.of(8, 30), LocalTime.of(17, 30),
                    Holidays.read(in));
        }
    }

    /**
     * A moment to log a visit at, now, so that 75% of a reply limit of this many working days has
     * passed (both reminders are due) but not the deadline, by the calendar on file.
     */
    static Instant reminderDueButNotOverdue(int limitDays) throws IOException {
        WorkingDayCalendar calendar = shippedCalendar();
        Instant now = Instant.now();
        for (int hours = 1; hours < 24 * 30; hours++) {
            Instant candidate = now.minus(Duration.ofHours(hours));
            Instant deadline = calendar.plusWorkingDays(candidate, limitDays);
            if (calendar.pointOf(candidate, deadline, 75).isBefore(now.minus(Duration.ofMinutes(5)))
                    && deadline.isAfter(now.plus(Duration.ofHours(1)))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no such moment in the last 30 days");
    }

    private List<String> actions(String ticketId) throws Exception {
        return ok(call("GET", "/api/tickets/" + ticketId + "/history", "leader", null), 200).findValuesAsText("action");
    }
}
