package org.sanfu.generator;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.sanfu.PinyinOrder;
import org.sanfu.SanfuProperties;
import org.sanfu.Sql;
import org.sanfu.calendar.WorkingDayCalendar;
import org.sanfu.catalog.Catalog;
import org.sanfu.enterprise.CreditCode;
import org.sanfu.enterprise.NameAsSaid;
import org.sanfu.routing.Routing;
import org.sanfu.routing.RoutingDecision;
import org.sanfu.sla.SlaProperties;
import org.sanfu.ticket.DerivedFromTickets;
import org.sanfu.ticket.OpenTicketProcesses;
import org.sanfu.ticket.Source;
import org.sanfu.ticket.TicketFacts;
import org.sanfu.ticket.TicketStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills the database with realistic tickets for trying the service at scale ({@code --generate=N},
 * README "Data at scale"): a year of reports ending now on working days, ten towns, 5,000
 * enterprises, the visits that carry the tickets, and each ticket's life as {@link Story} tells it,
 * written straight into the tables the service writes, in multi-row batches committed every few
 * thousand tickets. Open tickets then get their process, waiting where their status says, and the
 * modules that derive data from tickets rebuild it.
 */
@Component
public class DataGenerator {

    private static final Logger log = LoggerFactory.getLogger(DataGenerator.class);

    static final int ENTERPRISES = 5_000;
    /** Tickets simulated and committed together. */
    private static final int CHUNK = 5_000;
    /** Open tickets whose processes start in one transaction. */
    private static final int PROCESS_BATCH = 500;
    private static final long SEED = 20_260_113L;
    private static final Map<String, Integer> CATEGORY_WEIGHTS = Map.of("CONTAINER", 14, "LOGISTICS", 10,
            "FINANCING", 15, "CREDIT_INSURANCE", 7, "TRADE_FAIR", 8, "POLICY", 12, "CUSTOMS", 9, "LABOR", 13,
            "LEGAL", 6, "OTHER", 6);
    private static final int STAFF = 20;

    /** What a run made, for the command's last line, and the "now" its year ends at. */
    public record Result(long tickets, long open, long visits, int enterprises, long events, Instant now, Duration took) {}

    private record Open(long id, TicketStatus status, String lead, boolean partsOpen) {}

    private record Chunk(List<GeneratedVisit> visits, List<GeneratedTicket> tickets) {}

    private static final Chunk END = new Chunk(List.of(), List.of());

    private final DataSource dataSource;
    private final Clock clock;
    private final WorkingDayCalendar calendar;
    private final Catalog catalog;
    private final Routing routing;
    private final SlaProperties sla;
    private final ZoneId zone;
    private final OpenTicketProcesses processes;
    private final TransactionTemplate transaction;
    private final ObjectProvider<DerivedFromTickets> derived;

    DataGenerator(DataSource dataSource, Clock clock, WorkingDayCalendar calendar, Catalog catalog, Routing routing,
            SlaProperties sla, SanfuProperties properties, OpenTicketProcesses processes,
            PlatformTransactionManager transactions, ObjectProvider<DerivedFromTickets> derived) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.calendar = calendar;
        this.catalog = catalog;
        this.routing = routing;
        this.sla = sla;
        this.zone = properties.zone();
        this.processes = processes;
        this.transaction = new TransactionTemplate(transactions);
        this.derived = derived;
    }

    /** Adds {@code count} tickets (and 5,000 enterprises with their visits) to what the database holds. */
    public Result generate(int count) throws Exception {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        long started = System.nanoTime();
        Instant now = clock.instant();
        List<Open> open = new ArrayList<>();
        long tickets;
        long visits;
        long events;
        List<GeneratedEnterprise> enterprises;
        try (Connection db = dataSource.getConnection(); Connection historyDb = dataSource.getConnection()) {
            db.setAutoCommit(false);
            historyDb.setAutoCommit(false);
            enterprises = enterprises(db, now);
            Writer writer = new Writer(db, historyDb);
            BlockingQueue<Chunk> stories = new ArrayBlockingQueue<>(2);
            FutureTask<Void> producer = background("generator-stories", () -> produce(count, now, enterprises, stories));
            // the history of a chunk goes in on a second connection while the next chunk's tickets go in:
            // its rows need their tickets committed first (foreign keys), nothing else
            BlockingQueue<Chunk> written = new ArrayBlockingQueue<>(2);
            FutureTask<Void> historian = background("generator-history", () -> {
                for (Chunk chunk = written.take(); chunk != END; chunk = written.take()) {
                    writer.writeHistory(chunk);
                    historyDb.commit();
                }
            });
            long done = 0;
            long reported = 0;
            long waited = 0;
            while (true) {
                long asked = System.nanoTime();
                Chunk chunk = take(stories, producer);
                waited += System.nanoTime() - asked;
                if (chunk == END) {
                    break;
                }
                writer.writeTickets(chunk, open);
                db.commit();
                hand(written, chunk, historian);
                done += chunk.tickets().size();
                if (done - reported >= 100_000 || done == count) {
                    reported = done;
                    log.info("generated {} of {} tickets in {} s ({} s of it waiting for their stories)", done, count,
                            seconds(started), waited / 1_000_000_000L);
                }
            }
            hand(written, END, historian);
            finished(producer);
            finished(historian);
            writer.finish(enterprises);
            db.commit();
            tickets = writer.tickets.written();
            visits = writer.visits.written();
            events = writer.events.written();
        }
        log.info("starting the processes of {} open tickets", open.size());
        for (int from = 0; from < open.size(); from += PROCESS_BATCH) {
            List<Open> batch = open.subList(from, Math.min(open.size(), from + PROCESS_BATCH));
            transaction.executeWithoutResult(status -> batch.forEach(o -> processes.resume(o.id(), o.status(), o.lead(),
                    o.partsOpen())));
        }
        log.info("open tickets' processes started in {} s", seconds(started));
        derived.orderedStream().forEach(module -> {
            log.info("rebuilding {} from the tickets", module.getClass().getSimpleName());
            module.rebuildFromTickets();
        });
        try (Connection db = dataSource.getConnection(); Statement sql = db.createStatement()) {
            sql.execute("analyze");
        }
        return new Result(tickets, open.size(), visits, enterprises.size(), events, now,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** Work on a thread of its own, whose failure the caller sees through the task. */
    private static FutureTask<Void> background(String name, Work work) {
        FutureTask<Void> task = new FutureTask<>(() -> {
            work.run();
            return null;
        });
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    /** The next chunk from a thread that may have failed (its failure is thrown here). */
    private static Chunk take(BlockingQueue<Chunk> queue, FutureTask<Void> from) throws Exception {
        while (true) {
            Chunk chunk = queue.poll(1, TimeUnit.SECONDS);
            if (chunk != null) {
                return chunk;
            }
            if (from.isDone()) {
                finished(from);
                throw new IllegalStateException("the generator's " + from + " ended early");
            }
        }
    }

    /** Hands a chunk to a thread that may have failed (its failure is thrown here). */
    private static void hand(BlockingQueue<Chunk> queue, Chunk chunk, FutureTask<Void> to) throws Exception {
        while (!queue.offer(chunk, 1, TimeUnit.SECONDS)) {
            if (to.isDone()) {
                finished(to);
                throw new IllegalStateException("the generator's " + to + " ended early");
            }
        }
    }

    private static void finished(FutureTask<Void> task) throws Exception {
        try {
            task.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static long seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000_000L;
    }

    /** 5,000 new enterprises in the ten towns, with credit codes the database does not hold yet. */
    private List<GeneratedEnterprise> enterprises(Connection db, Instant now) throws SQLException {
        Set<String> taken = new HashSet<>();
        try (Statement sql = db.createStatement(); ResultSet codes = sql.executeQuery("select credit_code from enterprise")) {
            while (codes.next()) {
                taken.add(codes.getString(1));
            }
        }
        SplittableRandom r = new SplittableRandom(SEED);
        Set<String> names = new HashSet<>();
        List<GeneratedEnterprise> made = new ArrayList<>();
        while (made.size() < ENTERPRISES) {
            GeneratedEnterprise e = new GeneratedEnterprise();
            e.creditCode = creditCode(r);
            if (!taken.add(e.creditCode)) {
                continue;
            }
            int industry = r.nextInt(Vocabulary.INDUSTRIES.size());
            e.name = Vocabulary.enterpriseName(r, industry);
            if (!names.add(e.name)) {
                e.name = e.name.replace("有限公司", made.size() % 9 + "号有限公司");
            }
            e.town = Vocabulary.pick(r, Vocabulary.TOWNS);
            e.industry = Vocabulary.INDUSTRIES.get(industry);
            e.exporter = r.nextInt(10) < 7;
            e.key = r.nextInt(5) == 0;
            e.specialist = staff(r.nextInt(STAFF));
            e.createdAt = now.minus(Duration.ofDays(380 + r.nextInt(400)));
            made.add(e);
        }
        try (BulkInsert rows = new BulkInsert(db, "enterprise", "credit_code, name, name_order, name_as_said, town, "
                + "industry, exporter, key_enterprise, specialist, created_at, updated_at", 50)) {
            for (GeneratedEnterprise e : made) {
                rows.add(e.creditCode, e.name, PinyinOrder.key(e.name), NameAsSaid.of(e.name), e.town, e.industry, e.exporter, e.key,
                        e.specialist, Sql.ts(e.createdAt), Sql.ts(e.createdAt));
            }
            rows.flush();
        }
        db.commit();
        return made;
    }

    /** staff1 and staff2 are the demo accounts; the others stand for a county's further service staff. */
    private static String staff(int i) {
        return "staff" + (i + 1);
    }

    /** A valid unified social credit code (GB 32100-2015) of a company registered in Taizhou. */
    static String creditCode(SplittableRandom r) {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        StringBuilder code = new StringBuilder("91331081");
        while (code.length() < 17) {
            code.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return code.append(CreditCode.checkCharacter(code.toString())).toString();
    }

    /**
     * The stories, day by day over the year that ends now (working days full, days off with a few
     * hotline and online reports), handed over in chunks in time order.
     */
    private void produce(int count, Instant now, List<GeneratedEnterprise> enterprises, BlockingQueue<Chunk> out)
            throws InterruptedException {
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant latest = now.minus(Duration.ofMinutes(15));
        int days = 365;
        double[] weights = new double[days];
        double total = 0;
        for (int i = 0; i < days; i++) {
            LocalDate day = today.minusDays(days - 1 - i);
            double w = calendar.isWorkingDay(day) ? 1.0 : 0.06;
            if (day.equals(today)) {
                double passed = Duration.between(at(day, LocalTime.of(8, 30)), latest).toMinutes() / (9.0 * 60);
                w *= Math.max(0, Math.min(1, passed));
            }
            weights[i] = w;
            total += w;
        }
        int[] perDay = new int[days];
        int assigned = 0;
        for (int i = 0; i < days; i++) {
            perDay[i] = (int) Math.floor(count * weights[i] / total);
            assigned += perDay[i];
        }
        for (int i = days - 1; assigned < count; i = (i - 1 + days) % days) {
            if (weights[i] > 0) {
                perDay[i]++;
                assigned++;
            }
        }
        Story story = new Story(calendar, catalog, sla.feedbackWindow(), now, zone);
        List<String> categories = catalog.categoryCodes();
        int[] categoryWeights = categories.stream().mapToInt(c -> CATEGORY_WEIGHTS.getOrDefault(c, 5)).toArray();
        int categoryTotal = java.util.Arrays.stream(categoryWeights).sum();
        RoutingDecision onSiteLimits = new RoutingDecision(null, List.of(), sla.defaultSignLimit(), sla.defaultReplyLimit());
        List<GeneratedVisit> visits = new ArrayList<>();
        List<GeneratedTicket> tickets = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            if (perDay[i] == 0) {
                continue;
            }
            LocalDate day = today.minusDays(days - 1 - i);
            SplittableRandom r = new SplittableRandom(SEED * 31 + day.toEpochDay());
            boolean working = calendar.isWorkingDay(day);
            List<GeneratedVisit> dayVisits = new ArrayList<>();
            List<List<GeneratedTicket>> carried = new ArrayList<>();
            for (int left = perDay[i]; left > 0; ) {
                int draw = r.nextInt(100);
                int problems = Math.min(left, draw < 60 ? 1 : draw < 88 ? 2 : 3);
                left -= problems;
                GeneratedVisit v = visit(r, day, working, latest, enterprises);
                dayVisits.add(v);
                List<GeneratedTicket> ofVisit = new ArrayList<>();
                for (int p = 0; p < problems; p++) {
                    ofVisit.add(report(r, v, categories, categoryWeights, categoryTotal));
                }
                carried.add(ofVisit);
            }
            List<Integer> order = new ArrayList<>();
            for (int k = 0; k < dayVisits.size(); k++) {
                order.add(k);
            }
            order.sort(Comparator.comparing(k -> dayVisits.get(k).visitedAt));
            for (int k : order) {
                GeneratedVisit v = dayVisits.get(k);
                if (v.operatingStatus != null) {
                    v.enterprise.latestOperatingStatus = v.operatingStatus;
                    v.enterprise.operatingStatusSeenAt = v.visitedAt;
                }
                visits.add(v);
                for (GeneratedTicket t : carried.get(k)) {
                    boolean onSite = !Source.isEntry(t.source) && r.nextInt(100) < 8;
                    story.tell(t, onSite ? onSiteLimits : routing.route(t.category, t.urgency), onSite, r);
                    tickets.add(t);
                }
            }
            if (tickets.size() >= CHUNK) {
                out.put(new Chunk(visits, tickets));
                visits = new ArrayList<>();
                tickets = new ArrayList<>();
            }
        }
        if (!tickets.isEmpty()) {
            out.put(new Chunk(visits, tickets));
        }
        out.put(END);
    }

    private GeneratedVisit visit(SplittableRandom r, LocalDate day, boolean working, Instant latest,
            List<GeneratedEnterprise> enterprises) {
        GeneratedVisit v = new GeneratedVisit();
        // a few enterprises are visited often, most now and then
        v.enterprise = enterprises.get((int) (enterprises.size() * Math.pow(r.nextDouble(), 1.7)));
        int draw = r.nextInt(100);
        boolean byPhone = !working || draw >= 94;
        v.source = byPhone ? (r.nextBoolean() ? "HOTLINE" : "ONLINE") : draw < 90 ? "VISIT" : "FORUM";
        v.staff = byPhone ? "dispatch" : r.nextInt(10) < 8 ? v.enterprise.specialist : staff(r.nextInt(STAFF));
        LocalTime start = byPhone ? LocalTime.of(8, 0) : LocalTime.of(8, 30);
        long span = (byPhone ? 12 * 60 : 8 * 60 + 30) * 60L;
        Instant at = at(day, start).plusSeconds(r.nextLong(span));
        if (at.isAfter(latest)) {
            Instant from = at(day, start);
            at = latest.isAfter(from) ? from.plusSeconds(r.nextLong(Math.max(1, Duration.between(from, latest).toSeconds())))
                    : latest;
        }
        v.visitedAt = at;
        Instant logged = at.plusSeconds(300 + r.nextLong(90 * 60));
        v.createdAt = logged.isAfter(latest) ? latest.isAfter(at) ? latest : at : logged;
        if (!byPhone) {
            int status = r.nextInt(100);
            v.operatingStatus = status < 85 ? "NORMAL" : status < 97 ? "WATCH" : "ABNORMAL";
            v.orderBacklogMonths = r.nextInt(4) == 0 ? null : r.nextInt(7);
            v.notes = Vocabulary.fill(r, Vocabulary.pick(r, Vocabulary.VISIT_NOTES), null);
        }
        return v;
    }

    private GeneratedTicket report(SplittableRandom r, GeneratedVisit v, List<String> categories, int[] weights, int total) {
        GeneratedTicket t = new GeneratedTicket();
        t.visit = v;
        t.creditCode = v.enterprise.creditCode;
        t.enterpriseName = v.enterprise.name;
        t.town = v.enterprise.town;
        t.reporter = v.staff;
        t.source = v.source;
        t.reported = v.visitedAt;
        int pick = r.nextInt(total);
        int c = 0;
        while (pick >= weights[c]) {
            pick -= weights[c++];
        }
        t.category = categories.get(c);
        Vocabulary.Texts texts = Vocabulary.of(t.category);
        t.title = Vocabulary.pick(r, texts.titles());
        StringBuilder description = new StringBuilder(Vocabulary.fill(r, Vocabulary.pick(r, texts.details()), null));
        if (r.nextBoolean()) {
            description.append("；").append(Vocabulary.fill(r, Vocabulary.pick(r, texts.details()), null));
        }
        if (r.nextInt(500) == 0) {
            description.append("；").append(Vocabulary.pick(r, Vocabulary.RARE));
        }
        t.description = description.append("。").toString();
        t.urgency = r.nextInt(100) < 12 ? "URGENT" : "NORMAL";
        return t;
    }

    private Instant at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(zone).toInstant();
    }

    /** Writes chunks with ids following those in the database, and at the end the identities' next values. */
    private static final class Writer {
        private final Connection db;
        private final Connection historyDb;
        private long visitId;
        private long ticketId;
        private long eventId;
        private long contributionId;
        final BulkInsert visits;
        final BulkInsert tickets;
        final BulkInsert co;
        final BulkInsert contributions;
        final BulkInsert events;

        Writer(Connection db, Connection historyDb) throws SQLException {
            this.db = db;
            this.historyDb = historyDb;
            visitId = max(db, "visit");
            ticketId = max(db, "ticket");
            eventId = max(db, "ticket_event");
            contributionId = max(db, "ticket_contribution");
            visits = new BulkInsert(db, "visit", "id, enterprise_credit_code, visited_at, staff, source, operating_status, "
                    + "order_backlog_months, notes, created_at", 50);
            tickets = new BulkInsert(db, "ticket", "id, visit_id, enterprise_credit_code, enterprise_name, town, reporter, "
                    + "category, title, description, urgency, source, status, lead_department, reported_at, assigned_at, "
                    + "signed_at, replied_at, closed_at, sign_limit, reply_limit, sign_deadline, reply_deadline, overdue, "
                    + "sign_overdue, reply_overdue, reopen_count, return_count, escalation_level, satisfaction, resolution, "
                    + "outcome, resolved_on_site, updated_at, sign_clock_start, reply_clock_start, sign_reminded, "
                    + "reply_reminded, feedback_due, signed_on_time, replied_on_time, hours_to_close, sign_clock_next, "
                    + "reply_clock_next, feedback_clock_next, overdue_since, overdue_span_class, lead_departments, returned_by, "
                    + "sign_turns", 20);
            co = new BulkInsert(db, "ticket_co_department", "ticket_id, department", 100);
            contributions = new BulkInsert(historyDb, "ticket_contribution", "id, ticket_id, department, opinion, contributed_by, "
                    + "contributed_at", 50);
            events = new BulkInsert(historyDb, "ticket_event", "id, ticket_id, at, actor, action, from_status, to_status, detail", 50);
        }

        private static long max(Connection db, String table) throws SQLException {
            try (Statement sql = db.createStatement();
                    ResultSet max = sql.executeQuery("select coalesce(max(id), 0) from " + table)) {
                max.next();
                return max.getLong(1);
            }
        }

        /** The chunk's visits, tickets and co-departments, on the first connection. */
        void writeTickets(Chunk chunk, List<Open> open) throws SQLException {
            for (GeneratedVisit v : chunk.visits()) {
                v.id = ++visitId;
                visits.add(v.id, v.enterprise.creditCode, Sql.ts(v.visitedAt), v.staff, v.source, v.operatingStatus,
                        v.orderBacklogMonths, v.notes, Sql.ts(v.createdAt));
            }
            visits.flush();
            for (GeneratedTicket t : chunk.tickets()) {
                t.id = ++ticketId;
                tickets.add(t.id, t.visit.id, t.creditCode, t.enterpriseName, t.town, t.reporter, t.category, t.title,
                        t.description, t.urgency, t.source, t.status.name(), t.lead, Sql.ts(t.reported),
                        Sql.ts(t.assigned), Sql.ts(t.signed), Sql.ts(t.replied), Sql.ts(t.closed), t.signLimit,
                        t.replyLimit, Sql.ts(t.signDeadline), Sql.ts(t.replyDeadline), t.overdue, t.signOverdue,
                        t.replyOverdue, t.reopenCount, t.returnCount, t.escalation, t.satisfaction, t.resolution,
                        t.outcome, t.onSite, Sql.ts(t.updated), Sql.ts(t.signClockStart), Sql.ts(t.replyClockStart),
                        t.signReminded, t.replyReminded, Sql.ts(t.feedbackDue), t.signedOnTime, t.repliedOnTime,
                        t.hoursToClose, Sql.ts(t.signNext), Sql.ts(t.replyNext), Sql.ts(t.feedbackNext),
                        Sql.ts(t.overdueSince), t.closed == null || t.overdueSince == null ? null
                                : TicketFacts.overdueSpanClass(t.overdueSince, t.closed),
                        TicketFacts.departmentsColumn(t.leadDepartments), TicketFacts.departmentsColumn(t.returnedBy),
                        t.signTurns);
                if (t.open()) {
                    open.add(new Open(t.id, t.status, t.lead, t.partsOpen));
                }
            }
            tickets.flush();
            for (GeneratedTicket t : chunk.tickets()) {
                for (String department : t.co) {
                    co.add(t.id, department);
                }
            }
            co.flush();
        }

        /** The chunk's contributions and history, on the second connection, once its tickets are committed. */
        void writeHistory(Chunk chunk) throws SQLException {
            for (GeneratedTicket t : chunk.tickets()) {
                for (GeneratedTicket.Contribution c : t.contributions) {
                    contributions.add(++contributionId, t.id, c.department(), c.opinion(), c.by(), Sql.ts(c.at()));
                }
                for (GeneratedTicket.Event e : t.events) {
                    events.add(++eventId, t.id, Sql.ts(e.at()), e.actor(), e.action(),
                            e.from() == null ? null : e.from().name(), e.to() == null ? null : e.to().name(), e.detail());
                }
            }
            contributions.flush();
            events.flush();
        }

        /** The enterprises' latest operating status, and identities that go on after the ids written. */
        void finish(List<GeneratedEnterprise> enterprises) throws SQLException {
            try (var update = db.prepareStatement("update enterprise set latest_operating_status = ?, "
                    + "operating_status_seen_at = ? where credit_code = ?")) {
                for (GeneratedEnterprise e : enterprises) {
                    if (e.latestOperatingStatus != null) {
                        update.setString(1, e.latestOperatingStatus);
                        update.setObject(2, Sql.ts(e.operatingStatusSeenAt));
                        update.setString(3, e.creditCode);
                        update.addBatch();
                    }
                }
                update.executeBatch();
            }
            try (Statement sql = db.createStatement()) {
                sql.execute("alter table visit alter column id restart with " + (visitId + 1));
                sql.execute("alter table ticket alter column id restart with " + (ticketId + 1));
                sql.execute("alter table ticket_event alter column id restart with " + (eventId + 1));
                sql.execute("alter table ticket_contribution alter column id restart with " + (contributionId + 1));
            }
            for (BulkInsert table : List.of(visits, tickets, co, contributions, events)) {
                table.close();
            }
        }
    }
}
