package org.sanfu.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.sanfu.Sql;
import org.sanfu.enterprise.CreditCode;
import org.sanfu.ticket.DerivedFromTickets;
import org.sanfu.ticket.TicketFacts;
import org.sanfu.ticket.TicketStatus;
import org.sanfu.ticket.search.AnotherNodesIndex;
import org.sanfu.ticket.search.TicketIndex;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The data generator on a database of its own (a context of its own): a few thousand tickets whose
 * fields, history and process state agree with each other and with what the service itself would
 * have written, open ones that the service acts on over the API, and the derived modules rebuilt.
 */
@SanfuTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = "sanfu.test.context=generator")
@Import(GeneratorTests.Derived.class)
class GeneratorTests {

    private static final int COUNT = 5_000;

    @Autowired
    DataGenerator generator;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Api api;
    @Autowired
    Derived derived;
    @Autowired
    ApplicationContext context;

    DataGenerator.Result result;
    Instant now;
    /** Other nodes of a cluster on the same database: one stopped while the generator ran, one running. */
    Path stoppedNode;
    TicketIndex runningNode;

    /** Stands for the figures and search index other modules derive from the tickets. */
    @TestConfiguration
    static class Derived implements DerivedFromTickets {
        final AtomicInteger rebuilt = new AtomicInteger();

        @Override
        public void rebuildFromTickets() {
            rebuilt.incrementAndGet();
        }
    }

    /**
     * The generator's year ends at the service's now, and its random choices follow the days it covers:
     * which statuses are open at the end depends on the hour. Fixed here, so that every run makes the
     * same tickets: a Wednesday at nine, when some of the day before still wait for dispatch (at half
     * past ten none did, and a run at that hour failed).
     */
    static final Instant NOW = OffsetDateTime.parse("2026-11-25T09:00:00+08:00").toInstant();

    @BeforeAll
    void generate() throws Exception {
        ClockUtil.setCurrentTime(Date.from(NOW));
        stoppedNode = Files.createTempDirectory("sanfu-search-stopped-node-");
        TicketIndex stopped = AnotherNodesIndex.start(context, stoppedNode);
        AnotherNodesIndex.awaitReady(stopped);
        stopped.stop();
        runningNode = AnotherNodesIndex.start(context, Files.createTempDirectory("sanfu-search-running-node-"));
        AnotherNodesIndex.awaitReady(runningNode);
        result = generator.generate(COUNT);
        now = result.now();
    }

    @AfterAll
    void realTimeAgain() {
        ClockUtil.reset();
        if (runningNode != null) {
            runningNode.stop();
        }
    }

    @Test
    void makesTheTicketsVisitsAndEnterprisesAskedForAndRebuildsWhatIsDerivedFromThem() {
        assertThat(result.tickets()).isEqualTo(COUNT);
        assertThat(count("select count(*) from ticket")).isEqualTo(COUNT);
        assertThat(count("select count(*) from enterprise")).isGreaterThanOrEqualTo(DataGenerator.ENTERPRISES);
        assertThat(count("select count(distinct town) from ticket")).isEqualTo(10);
        assertThat(jdbc.sql("select credit_code from enterprise").query(String.class).list()).allMatch(CreditCode::isValid);
        assertThat(count("select count(*) from visit")).isEqualTo(result.visits()).isLessThan(COUNT);
        assertThat(derived.rebuilt).hasValue(1);
    }

    /**
     * Closed tickets go in with no task and so with no row in the change log: another node's index lists them
     * only because it is rebuilt, at its node's start or, while its node runs, at its next read of the log.
     */
    @Test
    void everyNodesTicketIndexListsEveryGeneratedTicket() throws Exception {
        long tickets = count("select count(*) from ticket");
        TicketIndex restarted = AnotherNodesIndex.start(context, stoppedNode);
        try {
            AnotherNodesIndex.awaitReady(restarted);
            assertThat(AnotherNodesIndex.listed(restarted)).as("a node stopped during the run, started again")
                    .isEqualTo(tickets);
        } finally {
            restarted.stop();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (AnotherNodesIndex.listed(runningNode) != tickets && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(AnotherNodesIndex.listed(runningNode)).as("a node that ran meanwhile").isEqualTo(tickets);
    }

    @Test
    void everyStatusIsThereMostOldTicketsClosedAFewOpen() {
        List<String> statuses = jdbc.sql("select distinct status from ticket").query(String.class).list();
        for (TicketStatus status : TicketStatus.values()) {
            assertThat(statuses).as("status " + status).contains(status.name());
        }
        long open = count("select count(*) from ticket where status <> 'CLOSED'");
        assertThat(open).isEqualTo(result.open()).isPositive().isLessThan(COUNT / 5);
        assertThat(count("select count(*) from ticket where status <> 'CLOSED' and reported_at < ?",
                Sql.ts(now.minusSeconds(90L * 86400)))).isLessThan(open / 3);
        for (String satisfaction : List.of("SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED", "UNRATED")) {
            assertThat(count("select count(*) from ticket where satisfaction = ?", satisfaction)).as(satisfaction).isPositive();
        }
        assertThat(count("select count(*) from ticket where return_count > 0")).isPositive();
        // the daily digest finds what was overdue on a past day by this class (V12), as the service keeps it
        assertThat(count("select count(*) from ticket where closed_at is not null and overdue_since is not null")).isPositive()
                .isEqualTo(count("select count(*) from ticket where overdue_span_class is not null"));
        assertThat(count("select count(*) from ticket where reopen_count > 0")).isPositive();
        assertThat(count("select count(*) from ticket where escalation_level is not null")).isPositive();
        assertThat(count("select count(*) from ticket_co_department")).isPositive();
        assertThat(count("select count(*) from ticket_contribution")).isPositive();
        assertThat(count("select count(*) from ticket where resolved_on_site")).isPositive();
        assertThat(count("select count(*) from ticket where overdue")).isPositive();
        assertThat(count("select count(*) from ticket where not overdue and status = 'CLOSED'")).isPositive();
        assertThat(count("select count(*) from ticket where reported_at > ?", Sql.ts(now))).isZero();
    }

    @Test
    void theFiguresAgreeWithTheTimes() {
        assertThat(count("select count(*) from ticket where status = 'CLOSED' and (closed_at is null or hours_to_close is null)")).isZero();
        assertThat(count("select count(*) from ticket where status <> 'CLOSED' and (closed_at is not null or hours_to_close is not null)")).isZero();
        assertThat(count("select count(*) from ticket where closed_at < reported_at or closed_at > ?", Sql.ts(now))).isZero();
        // on time exactly when the action came no later than its deadline
        assertThat(count("select count(*) from ticket where signed_at is not null and signed_on_time <> (signed_at <= sign_deadline)")).isZero();
        assertThat(count("select count(*) from ticket where replied_at is not null and not resolved_on_site "
                + "and replied_at >= reply_clock_start and replied_on_time <> (replied_at <= reply_deadline)")).isZero();
        assertThat(count("select count(*) from ticket where (signed_on_time = false or replied_on_time = false) and not overdue")).isZero();
        assertThat(count("select count(*) from ticket where overdue <> (overdue_since is not null)")).isZero();
        assertThat(count("select count(*) from ticket where overdue and overdue_since > ?", Sql.ts(now))).isZero();
        // an open clock past its deadline is marked, one before it is not
        assertThat(count("select count(*) from ticket where status = 'ASSIGNED' and sign_deadline < ? and not sign_overdue",
                Sql.ts(now.minusSeconds(60)))).isZero();
        assertThat(count("select count(*) from ticket where status = 'ASSIGNED' and sign_deadline > ? and sign_overdue",
                Sql.ts(now))).isZero();
        assertThat(count("select count(*) from ticket where status in ('DISPATCHING', 'ASSIGNED', 'IN_PROGRESS', 'ESCALATED') "
                + "and reply_deadline < ? and not reply_overdue", Sql.ts(now.minusSeconds(60)))).isZero();
        assertThat(count("select count(*) from ticket where overdue and (select count(*) from ticket_event e where "
                + "e.ticket_id = ticket.id and (e.action = 'overdue' or e.detail = '超过签收时限')) = 0 "
                + "and replied_on_time is not false")).isZero();
        // the running clocks need attention later; stopped ones never
        assertThat(count("select count(*) from ticket where status = 'ASSIGNED' and not sign_overdue and sign_clock_next is null")).isZero();
        assertThat(count("select count(*) from ticket where status <> 'ASSIGNED' and sign_clock_next is not null")).isZero();
        assertThat(count("select count(*) from ticket where status in ('REPLIED', 'CLOSED') and reply_clock_next is not null")).isZero();
        assertThat(count("select count(*) from ticket where status = 'REPLIED' and (feedback_clock_next is null or feedback_clock_next <> feedback_due)")).isZero();
        assertThat(count("select count(*) from ticket where status <> 'REPLIED' and feedback_clock_next is not null")).isZero();
        assertThat(count("select count(*) from ticket where satisfaction = 'UNRATED' and closed_at <= feedback_due")).isZero();
        assertThat(count("select count(*) from ticket where lead_department is null and status not in ('DISPATCHING') "
                + "and not resolved_on_site")).isZero();
    }

    @Test
    void everyTicketHasItsHistoryInTimeOrderEndingInItsStatus() {
        assertThat(count("select count(*) from ticket t where not exists (select 1 from ticket_event e where e.ticket_id = t.id)")).isZero();
        assertThat(count("select count(*) from (select at, lag(at) over (partition by ticket_id order by id) as before "
                + "from ticket_event) x where before > at")).isZero();
        assertThat(jdbc.sql("select t.id || ' ' || t.status || ' ' || e.action || ' ' || e.to_status from ticket t "
                + "join ticket_event e on e.id = (select max(id) from ticket_event where ticket_id = t.id) "
                + "where e.to_status <> t.status").query(String.class).list()).isEmpty();
        assertThat(count("select count(*) from ticket t where (select min(id) from ticket_event e where e.ticket_id = t.id) "
                + "<> (select id from ticket_event e where e.ticket_id = t.id and e.action = 'report')")).isZero();
        assertThat(count("select count(*) from ticket_event where at > ?", Sql.ts(now))).isZero();
        assertThat(count("select count(*) from ticket t where status = 'CLOSED' and not exists (select 1 from ticket_event e "
                + "where e.ticket_id = t.id and e.to_status = 'CLOSED' and e.at = t.closed_at)")).isZero();
        assertThat(count("select count(*) from ticket t where signed_at is not null and not exists (select 1 from ticket_event e "
                + "where e.ticket_id = t.id and e.action = 'sign' and e.at = t.signed_at)")).isZero();
        assertThat(count("select count(*) from ticket where return_count <> (select count(*) from ticket_event e "
                + "where e.ticket_id = ticket.id and e.action = 'return')")).isZero();
        // the departments that held the lead and those that returned it, as the service keeps them
        assertThat(count("select count(*) from ticket where (return_count > 0) <> (returned_by is not null)")).isZero();
        assertThat(count("select count(*) from ticket where assigned_at is not null and (lead_departments is null"
                + " or ',' || lead_departments || ',' not like '%,' || lead_department || ',%')")).isZero();
        assertThat(count("select count(*) from ticket where status <> 'DISPATCHING' and returned_by is not null"
                + " and lead_departments not like '%,%'")).as("a return upheld gives the lead to another").isZero();
        // the signs owed by the leads whose turns ended: late, or unsigned past the deadline, before a return
        List<String> signTurns = jdbc.sql("select lead_departments || '|' || sign_turns from ticket where sign_turns"
                + " is not null").query(String.class).list();
        assertThat(signTurns).as("returned past the sign deadline").isNotEmpty().allSatisfy(row -> {
            List<String> leads = List.of(row.substring(0, row.indexOf('|')).split(","));
            assertThat(TicketFacts.signTurns(row.substring(row.indexOf('|') + 1)))
                    .allSatisfy(turn -> assertThat(leads).contains(turn.department()));
        });
        assertThat(count("select count(*) from ticket where reopen_count <> (select count(*) from ticket_event e "
                + "where e.ticket_id = ticket.id and e.action = 'feedback' and e.to_status = 'IN_PROGRESS')")).isZero();
        List<String> actions = jdbc.sql("select distinct action from ticket_event").query(String.class).list();
        assertThat(actions).contains("report", "route", "resolve-on-site", "assign", "sign", "return", "contribute", "reply",
                "escalate", "escalation-reply", "feedback", "rule", "remind", "overdue", "close-unrated");
    }

    @Test
    void openTicketsWaitInTheirProcessAndClosedOnesDoNot() {
        assertThat(count("select count(*) from ticket t where status <> 'CLOSED' and (process_instance_id is null "
                + "or not exists (select 1 from ticket_task k where k.ticket_id = t.id))")).isZero();
        assertThat(count("select count(*) from ticket_task k join ticket t on t.id = k.ticket_id where t.status = 'CLOSED'")).isZero();
        assertThat(count("select count(*) from ticket_task k join ticket t on t.id = k.ticket_id "
                + "where t.status = 'ASSIGNED' and (k.task_key <> 'Task_Sign' or k.candidate_group <> t.lead_department)")).isZero();
    }

    @Test
    @Order(Integer.MAX_VALUE) // it changes tickets the others look at
    void theServiceActsOnGeneratedOpenTickets() {
        // one with co-departments could not be replied to yet
        long assigned = id("select id from ticket t where status = 'ASSIGNED' and not exists "
                + "(select 1 from ticket_co_department c where c.ticket_id = t.id) order by id desc");
        String lead = jdbc.sql("select lead_department from ticket where id = ?").param(assigned).query(String.class).single();
        JsonNode signed = api.act(String.valueOf(assigned), "sign", Story.user(lead), null);
        assertThat(signed.get("status").asText()).isEqualTo("IN_PROGRESS");
        JsonNode replied = api.act(String.valueOf(assigned), "reply", Story.user(lead),
                Map.of("resolution", "已协调解决", "outcome", "RESOLVED"));
        assertThat(replied.get("status").asText()).isEqualTo("REPLIED");

        long waiting = id("select id from ticket where status = 'REPLIED' order by id desc");
        JsonNode closed = api.act(String.valueOf(waiting), "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");

        long dispatching = id("select id from ticket where status = 'DISPATCHING' order by id desc");
        JsonNode routed = api.act(String.valueOf(dispatching), "assign", "dispatch", Map.of("leadDepartment", "COMMERCE"));
        assertThat(routed.get("status").asText()).isEqualTo("ASSIGNED");

        long ruled = id("select id from ticket where status = 'SUPERVISION' order by id desc");
        JsonNode struck = api.act(String.valueOf(ruled), "rule", "leader", Map.of("decision", "CLOSE", "note", "已协调"));
        assertThat(struck.get("status").asText()).isEqualTo("CLOSED");

        long escalated = id("select id from ticket where status = 'ESCALATED' order by id desc");
        JsonNode answered = api.act(String.valueOf(escalated), "escalation-reply", "dispatch",
                Map.of("resolution", "省专班已协调", "outcome", "PARTIAL"));
        assertThat(answered.get("status").asText()).isEqualTo("REPLIED");

        Long parts = jdbc.sql("select t.id from ticket t where status = 'IN_PROGRESS' and exists (select 1 from ticket_task k "
                + "where k.ticket_id = t.id and k.task_key = 'Task_Contribute') order by id desc").query(Long.class).list()
                .stream().findFirst().orElse(null);
        if (parts != null) {
            String co = jdbc.sql("select candidate_group from ticket_task where ticket_id = ? and task_key = 'Task_Contribute'")
                    .param(parts).query(String.class).list().get(0);
            String partLead = jdbc.sql("select lead_department from ticket where id = ?").param(parts).query(String.class).single();
            assertThat(api.post("/api/tickets/" + parts + "/reply", Story.user(partLead),
                    Map.of("resolution", "已解决", "outcome", "RESOLVED")).status()).isEqualTo(409);
            api.act(String.valueOf(parts), "contribute", Story.user(co), Map.of("opinion", "同意"));
        }
        JsonNode inbox = api.get("/api/inbox", "transport").json();
        assertThat(inbox.get("total").asLong()).isPositive();
    }

    @Test
    void theCommandTakesOnlyAPositiveCountAndThenServesNothingAndRunsNoJobs() {
        assertThat(GenerateCommand.count("1000000")).isEqualTo(1_000_000);
        assertThat(GenerateCommand.count("12")).isEqualTo(12);
        for (String bad : List.of("0", "-5", "abc", "", "1e6", "100000001", "99999999999", "1.5")) {
            assertThat(GenerateCommand.count(bad)).as(bad).isNull();
        }
        assertThat(GenerateCommand.chinese(org.sanfu.Message.of("sanfu.generator.count", "value", "zero")))
                .contains("zero").contains("事项数");

        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource("--generate=1000", "--server.port=8080"));
        new GenerateCommand().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("server.port")).isEqualTo("-1");
        assertThat(environment.getProperty("camunda.bpm.job-execution.enabled")).isEqualTo("false");
        assertThat(environment.getProperty(GenerateCommand.COUNT, Integer.class)).isEqualTo(1000);

        StandardEnvironment service = new StandardEnvironment();
        new GenerateCommand().postProcessEnvironment(service, new SpringApplication());
        assertThat(service.containsProperty(GenerateCommand.COUNT)).isFalse();
    }

    private long id(String sql) {
        return jdbc.sql(sql).query(Long.class).list().get(0);
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
