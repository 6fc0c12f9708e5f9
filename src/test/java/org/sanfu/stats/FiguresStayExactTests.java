package org.sanfu.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuProperties;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The pre-computed figures stay exactly what counting the tickets gives, whatever happens to the
 * tickets: a seeded random walk of well over a thousand actions (visits from every source, problems
 * filed by a channel, every action a ticket offers,
 * returns, reopens, rulings, extensions and escalations included) with the clock moving and the
 * deadline sweep running (reminders, overdue, close-unrated), checked along the way for every grouping
 * over many periods and filters, and at the end row by row against a rebuild from the tickets.
 */
@SanfuTest
class FiguresStayExactTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Where the visits come from: the figures are kept per source too. */
    private static final String[] SOURCES = {"VISIT", "FORUM", "HOTLINE", "ONLINE"};
    private static final String[] CATEGORIES = {"CONTAINER", "LOGISTICS", "FINANCING", "CREDIT_INSURANCE",
        "TRADE_FAIR", "POLICY", "CUSTOMS", "LABOR", "LEGAL", "OTHER"};
    private static final String[] HANDLING = {"COMMERCE", "FINANCE", "TRANSPORT", "CUSTOMS", "HRSS", "JUSTICE"};

    @Autowired
    Api api;
    @Autowired
    TicketFigures figures;
    @Autowired
    FigureRollup rollup;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SanfuProperties properties;
    @Autowired
    ClosingTimes closingTimes;

    private final Random random = new Random(20261201);

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void everyFigureEqualsCountingTheTicketsAfterThousandsOfRandomActions() {
        Instant now = OffsetDateTime.parse("2017-03-01T09:00:00+08:00").toInstant();
        ClockUtil.setCurrentTime(Date.from(now));
        Instant start = now;
        List<String> enterprises = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            enterprises.add(api.enterprise("精确企业" + i, "精确镇" + (i % 3)));
        }
        List<String> tickets = new ArrayList<>();
        Map<String, Integer> taken = new TreeMap<>();
        String channelKey = channelKey();
        for (int step = 0; step < 1500; step++) {
            int dice = random.nextInt(100);
            if (dice < 3) {
                // a channel files a problem by machine: no visit, its code as source, reported a while ago
                String enterprise = enterprises.get(random.nextInt(enterprises.size()));
                tickets.add(intake(channelKey, enterprise, now.minus(Duration.ofMinutes(random.nextInt(60 * 72))),
                        random.nextInt(4) == 0 ? null : CATEGORIES[random.nextInt(CATEGORIES.length)], step));
                taken.merge("intake", 1, Integer::sum);
            } else if (dice < 10 || tickets.size() < 5) {
                List<Map<String, Object>> problems = new ArrayList<>();
                for (int p = random.nextInt(3); p >= 0; p--) {
                    problems.add(Api.problem(CATEGORIES[random.nextInt(CATEGORIES.length)], "随机问题" + step));
                }
                api.visit(enterprises.get(random.nextInt(enterprises.size())), SOURCES[random.nextInt(SOURCES.length)],
                        problems)
                        .forEach(t -> tickets.add(t.get("id").asText()));
            } else if (dice < 20) {
                now = now.plus(Duration.ofMinutes(30 + random.nextInt(60 * 40)));
                ClockUtil.setCurrentTime(Date.from(now));
                api.sweepDeadlines();
                taken.merge("(time passes)", 1, Integer::sum);
            } else {
                String action = actOnce(tickets.get(random.nextInt(tickets.size())));
                if (action != null) {
                    taken.merge(action, 1, Integer::sum);
                }
            }
            if (step % 300 == 299) {
                assertSameAsCounting(start, now);
            }
        }
        long fromMemory = closingTimes.answered()[0];
        assertSameAsCounting(start, now);
        assertThat(closingTimes.answered()[0]).as("the medians came from memory, checked against counting")
                .isGreaterThan(fromMemory);
        assertThat(taken.values().stream().mapToInt(Integer::intValue).sum()).as("actions %s", taken).isGreaterThan(1000);
        assertThat(taken).as("every kind of action happened")
                .containsKeys("intake", "assign", "sign", "return", "reply", "feedback", "extend", "approve-extension",
                        "reject-extension", "escalate", "escalation-reply", "supervise", "rule", "contribute");
        assertThat(jdbc.queryForObject("select count(*) from ticket_event where action in ('overdue', 'close-unrated')",
                Long.class)).as("timers marked tickets overdue and closed them unrated").isPositive();
        assertThat(jdbc.queryForObject("select count(*) from ticket where reopen_count > 0", Long.class)).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from ticket where returned_by is not null"
                + " and lead_departments <> returned_by", Long.class))
                .as("tickets returned by one department and led by another since").isPositive();
        assertThat(jdbc.queryForObject("select count(*) from ticket where sign_turns is not null", Long.class))
                .as("tickets whose lead changed after a sign was due of the lead before").isPositive();

        Map<String, List<Object>> incremental = rows();
        rollup.rebuildFromTickets();
        assertThat(rows()).as("every row of the rollup as a rebuild from the tickets makes it").isEqualTo(incremental);
    }

    /** A channel created by admin; its key. */
    private String channelKey() {
        Api.Response created = api.post("/api/channels", "admin", Map.of("code", "EXACT_12345", "name", "精确热线"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().get("key").asText();
    }

    /** A problem filed by the channel; the new ticket's id. */
    private String intake(String key, String enterprise, Instant reportedAt, String category, int step) {
        Map<String, Object> body = new HashMap<>();
        body.put("externalId", "EXACT-" + step);
        body.put("enterpriseCreditCode", enterprise);
        body.put("reportedAt", reportedAt.toString());
        if (category != null) {
            body.put("category", category);
        }
        body.put("title", "渠道问题" + step);
        body.put("urgency", random.nextInt(5) == 0 ? "URGENT" : "NORMAL");
        Api.Response filed = api.perform(MockMvcRequestBuilders.post("/api/intake").header("X-Channel-Key", key)
                .contentType(MediaType.APPLICATION_JSON).characterEncoding(StandardCharsets.UTF_8)
                .content(api.write(body)), null);
        assertThat(filed.status()).as(filed.text()).isEqualTo(201);
        return filed.json().get("id").asText();
    }

    /** One action the ticket offers someone now, taken by them; null when nobody may act but comment. */
    private String actOnce(String id) {
        JsonNode ticket = api.get("/api/tickets/" + id, "dispatch").json();
        List<String> users = new ArrayList<>(List.of("dispatch", "staff1", "leader"));
        if (ticket.hasNonNull("leadDepartment")) {
            users.add(ticket.get("leadDepartment").asText().toLowerCase());
        }
        ticket.path("coDepartments").forEach(d -> users.add(d.asText().toLowerCase()));
        List<String[]> offered = new ArrayList<>();
        // a leader may supervise every open ticket: taken as often as the rest, it would crowd them out
        boolean superviseNow = random.nextInt(8) == 0;
        for (String user : users) {
            api.get("/api/tickets/" + id, user).json().path("allowedActions").forEach(a -> {
                if (!a.asText().equals("comment") && (superviseNow || !a.asText().equals("supervise"))) {
                    offered.add(new String[] {user, a.asText()});
                }
            });
        }
        if (offered.isEmpty()) {
            return null;
        }
        String[] pick = offered.get(random.nextInt(offered.size()));
        Api.Response r = api.post("/api/tickets/" + id + "/" + pick[1], pick[0], body(pick[1], ticket));
        assertThat(r.status()).as("%s by %s on %s: %s", pick[1], pick[0], ticket, r.text()).isIn(200, 409);
        return r.status() == 200 ? pick[1] : null;
    }

    private Map<String, Object> body(String action, JsonNode ticket) {
        String lead = ticket.path("leadDepartment").asText(HANDLING[0]);
        String other = HANDLING[random.nextInt(HANDLING.length)];
        return switch (action) {
            case "assign" -> {
                String to = random.nextInt(3) == 0 && !lead.isEmpty() ? lead : other;
                String co = HANDLING[random.nextInt(HANDLING.length)];
                yield random.nextInt(4) == 0 && !co.equals(to)
                        ? Map.of("leadDepartment", to, "coDepartments", List.of(co), "note", "分派")
                        : Map.of("leadDepartment", to, "note", "分派");
            }
            case "return" -> Map.of("reason", "不属本部门职责");
            case "contribute" -> Map.of("opinion", "会办意见");
            case "reply", "escalation-reply" -> Map.of("resolution", "已协调",
                    "outcome", List.of("RESOLVED", "PARTIAL", "CANNOT_RESOLVE").get(random.nextInt(3)));
            case "extend" -> Map.of("workingDays", 1 + random.nextInt(5), "reason", "需要协调");
            case "escalate" -> Map.of("level", random.nextBoolean() ? "CITY" : "PROVINCE", "reason", "需上级协调");
            case "feedback" -> Map.of("satisfaction",
                    List.of("SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED", "DISSATISFIED").get(random.nextInt(4)),
                    "comment", "企业意见");
            case "supervise" -> Map.of("reason", "领导督办");
            case "rule" -> random.nextBoolean() ? Map.of("decision", "CLOSE", "note", "领导裁定销号")
                    : Map.of("decision", "REASSIGN", "leadDepartment", other, "note", "改派");
            default -> Map.of();
        };
    }

    /** Every grouping over all time, each month, random spans of days, and with each kind of filter. */
    private void assertSameAsCounting(Instant start, Instant now) {
        List<TicketFilter> filters = new ArrayList<>();
        filters.add(new TicketFilter(null, null, null, null, null));
        // all time of one department, category or town (not drawn: the walk's random numbers stay as they were)
        filters.add(new TicketFilter(null, null, HANDLING[0], null, null));
        filters.add(new TicketFilter(null, null, null, CATEGORIES[0], "精确镇1"));
        LocalDate first = start.atZone(SHANGHAI).toLocalDate().minusDays(3);
        LocalDate last = now.atZone(SHANGHAI).toLocalDate().plusDays(1);
        for (LocalDate month = first.withDayOfMonth(1); !month.isAfter(last); month = month.plusMonths(1)) {
            filters.add(TicketFilter.reportedBetween(instant(month), instant(month.plusMonths(1))));
        }
        long span = Math.max(1, last.toEpochDay() - first.toEpochDay());
        for (int i = 0; i < 6; i++) {
            LocalDate from = first.plusDays(random.nextLong(span));
            LocalDate to = from.plusDays(1 + random.nextLong(span));
            filters.add(new TicketFilter(random.nextBoolean() ? instant(from) : null, instant(to),
                    random.nextBoolean() ? HANDLING[random.nextInt(HANDLING.length)] : null,
                    random.nextBoolean() ? CATEGORIES[random.nextInt(CATEGORIES.length)] : null,
                    random.nextBoolean() ? "精确镇" + random.nextInt(3) : null));
        }
        for (TicketFilter filter : filters) {
            TicketFigures.Grouped grouped = figures.grouped(filter, TicketFigures.Grouping.values());
            for (TicketFigures.Grouping grouping : TicketFigures.Grouping.values()) {
                Map<String, Figures.Counts> counted = new HashMap<>(figures.recomputed(filter, grouping));
                // counting nothing still answers one row; a department's turns alone make a group
                counted.values().removeIf(c -> c.total() == 0 && c.assigned() == 0);
                assertThat(new HashMap<>(grouped.by(grouping))).as("%s by %s", filter, grouping).isEqualTo(counted);
            }
        }
    }

    private Instant instant(LocalDate day) {
        return day.atStartOfDay(properties.zone()).toInstant();
    }

    /** The rollup's rows that count anything, by key. */
    private Map<String, List<Object>> rows() {
        Map<String, List<Object>> rows = new LinkedHashMap<>();
        for (String table : List.of("figure_day", "figure_month", "figure_all_time")) {
            // the key's columns (the period but for all time; department, category, town, source), then the counts
            int keyColumns = table.equals("figure_all_time") ? 4 : 5;
            jdbc.query("select * from " + table + " where total <> 0 or turns <> 0 order by 1, 2, 3, 4" + (keyColumns == 5 ? ", 5" : ""),
                    rs -> {
                        StringBuilder key = new StringBuilder(table);
                        for (int i = 1; i <= keyColumns; i++) {
                            key.append(' ').append(rs.getString(i));
                        }
                        List<Object> values = new ArrayList<>();
                        for (int i = keyColumns + 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            values.add(rs.getLong(i));
                        }
                        rows.put(key.toString(), values);
                    });
        }
        return rows;
    }
}
