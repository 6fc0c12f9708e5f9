package org.sanfu.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.sanfu.SanfuProperties;
import org.sanfu.Sql;
import org.sanfu.ticket.TicketFacts;
import org.sanfu.ticket.TicketFactsChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hours to close of every closed ticket, in memory and sorted, for the medians: a median is an
 * order statistic, which no sum of pre-computed rows can give, and sorting or skipping through a
 * million rows in H2 takes a second. One pass over this sorted array (a few milliseconds for a
 * million) finds the middle of every group at once.
 * <p>
 * Each closed ticket is one long, ordered by its hours: hours to close in hundredths (23 bits, up to
 * 9.5 years), the day it was reported (16 bits, days since 1970), and its group (24 bits): the number
 * of its combination of category, lead department, town and source, each of which is a number in a
 * dictionary of its own. About 30 MB for a million tickets, with the set of ids.
 * <p>
 * It is a cache and never trusted: every answer is checked against the rollup's count of closed
 * tickets per group ({@link FigureRollup}, exact in the database). Tickets this node closes are added
 * after commit; when counts differ (another node closed some, or a commit is still on its way) the
 * closes of the last minutes are read again, and if they still differ the caller counts in SQL while
 * the whole cache is reloaded in the background.
 */
@Component
class ClosingTimes implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ClosingTimes.class);

    private static final int GROUP_BITS = 24;
    private static final long GROUP_MASK = (1L << GROUP_BITS) - 1;
    private static final int DAY_BITS = 16;
    private static final int HOURS_BITS = 23;
    private static final int DAY_SHIFT = GROUP_BITS;
    private static final int HOURS_SHIFT = DAY_SHIFT + DAY_BITS;
    /** Beyond this many added since the last merge, the sorted array is rebuilt with them. */
    private static final int MERGE_AT = 4096;
    /** How far back closes are read again when counts differ: commits arrive out of order across nodes. */
    private static final java.time.Duration RECHECK = java.time.Duration.ofMinutes(10);

    /**
     * Up to this many closed tickets the database's percentile_cont answers while the cache loads; for
     * more, waiting for the load (12 s for a million on this 2-core machine) is quicker than sorting.
     */
    private static final long SQL_AT_MOST = 50_000;
    private static final java.time.Duration LOAD_PATIENCE = java.time.Duration.ofSeconds(60);

    private static final String COLUMNS = "id, hours_to_close, reported_at, category, lead_department, town, closed_at, "
            + "source";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate reads;
    private final ZoneId zone;
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "closing-times");
        thread.setDaemon(true);
        return thread;
    });

    private final AtomicLong fromMemory = new AtomicLong();
    private final AtomicLong fromDatabase = new AtomicLong();

    // guarded by this
    private final Dictionary categories = new Dictionary();
    private final Dictionary departments = new Dictionary();
    private final Dictionary towns = new Dictionary();
    private final Dictionary sources = new Dictionary();
    private final Groups groups = new Groups();
    private long[] sorted = new long[0];
    private long[] added = new long[64];
    private int addedCount;
    private LongSet ids = new LongSet();
    private Instant latestClose;
    private boolean loaded;
    /** True from the start: until the first load has run, there is nothing to answer from. */
    private boolean loading = true;

    ClosingTimes(DataSource dataSource, PlatformTransactionManager transactionManager, SanfuProperties properties,
            SQLExceptionTranslator lockFailuresFirst) {
        this.jdbc = new JdbcTemplate(dataSource);
        // as every JdbcClient's (org.sanfu.LockFailureTranslation): a read that gives way to a lock is a lost race
        this.jdbc.setExceptionTranslator(lockFailuresFirst);
        this.jdbc.setFetchSize(5000);
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.reads.setReadOnly(true);
        this.zone = properties.zone();
    }

    /** The filter, as the numbers the longs hold; a value never seen selects nothing. */
    record Selection(int fromDay, int toDay, int category, int department, int town) {
        static final int ANY = -1;
        static final int NOTHING = -2;
    }

    /**
     * The median hours to close per value of each grouping, when the cache holds exactly the closed
     * tickets the rollup counts ({@code timed}: per grouping, per value, how many closed tickets with
     * hours); null when it does not (the caller then asks the database).
     */
    Map<TicketFigures.Grouping, Map<String, BigDecimal>> medians(TicketFilter filter, LocalDate from, LocalDate to,
            Map<TicketFigures.Grouping, Map<String, Long>> timed) {
        long closed = timed.getOrDefault(TicketFigures.Grouping.NONE, Map.of()).values().stream()
                .mapToLong(Long::longValue).sum();
        if (closed > SQL_AT_MOST) {
            awaitLoad(); // the database would sort them all: a second per hundred thousand on H2
        }
        Map<TicketFigures.Grouping, Map<String, BigDecimal>> medians = scan(filter, from, to, timed);
        if (medians == null && ready()) {
            readRecentCloses();
            medians = scan(filter, from, to, timed);
            if (medians == null) {
                reloadInBackground();
            }
        }
        (medians == null ? fromDatabase : fromMemory).incrementAndGet();
        return medians;
    }

    /** How many answers came from memory, and how many were left to the database: a test's and an operator's check. */
    long[] answered() {
        return new long[] {fromMemory.get(), fromDatabase.get()};
    }

    private synchronized boolean ready() {
        return loaded && !loading;
    }

    /** While a load runs (after start-up, after the cache went wrong), waits for it, a while at most. */
    private synchronized void awaitLoad() {
        long deadline = System.nanoTime() + LOAD_PATIENCE.toNanos();
        try {
            while (loading && System.nanoTime() < deadline) {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized Map<TicketFigures.Grouping, Map<String, BigDecimal>> scan(TicketFilter filter, LocalDate from,
            LocalDate to, Map<TicketFigures.Grouping, Map<String, Long>> timed) {
        if (!loaded || loading) {
            return null;
        }
        mergeAdded();
        Selection selection = new Selection(from == null ? 0 : day(from), to == null ? Integer.MAX_VALUE : day(to),
                select(categories, filter.category()), select(departments, filter.department()),
                select(towns, filter.town()));
        if (selection.category() == Selection.NOTHING || selection.department() == Selection.NOTHING
                || selection.town() == Selection.NOTHING) {
            return timed.values().stream().allMatch(Map::isEmpty) ? empty(timed) : null;
        }
        // the ranks wanted: per grouping, per value index, the two middle positions of its count
        Map<TicketFigures.Grouping, Ranks> ranks = new EnumMap<>(TicketFigures.Grouping.class);
        for (var e : timed.entrySet()) {
            Ranks r = new Ranks(e.getKey() == TicketFigures.Grouping.NONE ? 1 : dictionary(e.getKey()).size());
            for (var count : e.getValue().entrySet()) {
                int index = e.getKey() == TicketFigures.Grouping.NONE ? 0 : dictionary(e.getKey()).index(count.getKey());
                if (index < 0) {
                    return null; // a group the cache has never seen
                }
                r.expect(index, count.getValue());
            }
            ranks.put(e.getKey(), r);
        }
        // Per group number, once: whether the filter selects it, and its value index in each grouping. The
        // pass over every closed ticket then only looks these up (a million tickets times five groupings:
        // iterating the map of groupings and switching on each, per ticket, took most of the summary's time).
        boolean[] selected = new boolean[groups.size()];
        for (int group = 0; group < selected.length; group++) {
            selected[group] = (selection.category() < 0 || groups.category[group] == selection.category())
                    && (selection.department() < 0 || groups.department[group] == selection.department())
                    && (selection.town() < 0 || groups.town[group] == selection.town());
        }
        Ranks[] wanted = ranks.values().toArray(Ranks[]::new);
        int[][] indexOf = ranks.keySet().stream().map(groups::indexes).toArray(int[][]::new);
        boolean allDays = selection.fromDay() <= 0 && selection.toDay() == Integer.MAX_VALUE;
        long dayMask = (1L << DAY_BITS) - 1;
        for (long v : sorted) {
            int group = (int) (v & GROUP_MASK);
            if (!selected[group]) {
                continue;
            }
            if (!allDays) {
                int day = (int) ((v >>> DAY_SHIFT) & dayMask);
                if (day < selection.fromDay() || day >= selection.toDay()) {
                    continue;
                }
            }
            long hours = v >>> HOURS_SHIFT;
            for (int w = 0; w < wanted.length; w++) {
                wanted[w].see(indexOf[w][group], hours);
            }
        }
        Map<TicketFigures.Grouping, Map<String, BigDecimal>> result = new EnumMap<>(TicketFigures.Grouping.class);
        for (var e : ranks.entrySet()) {
            if (!e.getValue().allSeen()) {
                return null; // the cache and the database disagree: someone closed a ticket we have not read
            }
            Map<String, BigDecimal> medians = new HashMap<>();
            for (String key : timed.get(e.getKey()).keySet()) {
                int index = e.getKey() == TicketFigures.Grouping.NONE ? 0 : dictionary(e.getKey()).index(key);
                medians.put(key, e.getValue().median(index));
            }
            result.put(e.getKey(), medians);
        }
        return result;
    }

    private static Map<TicketFigures.Grouping, Map<String, BigDecimal>> empty(
            Map<TicketFigures.Grouping, Map<String, Long>> timed) {
        Map<TicketFigures.Grouping, Map<String, BigDecimal>> result = new EnumMap<>(TicketFigures.Grouping.class);
        timed.keySet().forEach(g -> result.put(g, Map.of()));
        return result;
    }

    private Dictionary dictionary(TicketFigures.Grouping grouping) {
        return switch (grouping) {
            case CATEGORY -> categories;
            case DEPARTMENT -> departments;
            case TOWN -> towns;
            case SOURCE -> sources;
            case NONE -> throw new IllegalArgumentException("NONE has no values");
        };
    }

    private static int select(Dictionary dictionary, String value) {
        if (value == null) {
            return Selection.ANY;
        }
        int index = dictionary.index(value);
        return index < 0 ? Selection.NOTHING : index;
    }

    private static int day(LocalDate date) {
        return (int) Math.max(0, Math.min(date.toEpochDay(), (1L << DAY_BITS) - 1));
    }

    /** Per value index: how many tickets it must have, how many were seen, and the two middle ones. */
    private static final class Ranks {
        private final long[] expected;
        private final long[] seen;
        private final long[] low;
        private final long[] high;

        Ranks(int size) {
            expected = new long[size];
            Arrays.fill(expected, -1);
            seen = new long[size];
            low = new long[size];
            high = new long[size];
        }

        void expect(int index, long count) {
            expected[index] = count;
        }

        void see(int index, long hours) {
            long n = expected[index];
            long rank = seen[index]++;
            if (n < 0) {
                return;
            }
            // percentile_cont(0.5): the mean of the values at ranks floor((n-1)/2) and ceil((n-1)/2)
            if (rank == (n - 1) / 2) {
                low[index] = hours;
            }
            if (rank == n / 2) {
                high[index] = hours;
            }
        }

        boolean allSeen() {
            for (int i = 0; i < expected.length; i++) {
                if (expected[i] >= 0 ? seen[i] != expected[i] : seen[i] != 0) {
                    return false;
                }
            }
            return true;
        }

        BigDecimal median(int index) {
            return expected[index] <= 0 ? null
                    : BigDecimal.valueOf(low[index] + high[index]).divide(BigDecimal.valueOf(200), 3, RoundingMode.UNNECESSARY);
        }
    }

    /**
     * Tickets this node closes are added once their transaction has committed, from the facts the
     * transaction left (no query); a closed ticket that moved to another group (its enterprise moved
     * town) has the cache reloaded.
     */
    @EventListener
    void on(TicketFactsChanged changed) {
        List<TicketFacts.Row> closing = new ArrayList<>();
        boolean moved = false;
        for (TicketFactsChanged.Change change : changed.changes()) {
            TicketFacts.Row before = change.before();
            TicketFacts.Row after = change.after();
            if (after == null || after.hoursToClose() == null) {
                moved |= before != null && before.hoursToClose() != null;
            } else if (before == null || before.hoursToClose() == null) {
                closing.add(after);
            } else {
                moved |= !before.hoursToClose().equals(after.hoursToClose()) || !before.reportedAt().equals(after.reportedAt())
                        || !Objects.equals(before.category(), after.category())
                        || !Objects.equals(before.leadDepartment(), after.leadDepartment())
                        || !Objects.equals(before.town(), after.town())
                        || !Objects.equals(before.source(), after.source());
            }
        }
        if (closing.isEmpty() && !moved) {
            return;
        }
        boolean reload = moved;
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                if (reload) {
                    reloadInBackground();
                    return;
                }
                synchronized (ClosingTimes.this) {
                    if (loaded) {
                        for (TicketFacts.Row row : closing) {
                            if (!add(row.id(), row.hoursToClose(), row.reportedAt(), row.category(), row.leadDepartment(),
                                    row.town(), row.source(), row.closedAt())) {
                                loaded = false;
                                return;
                            }
                        }
                    }
                }
            }
        });
    }

    /** Loads the cache once the service is up, off its start-up path. */
    @EventListener(ApplicationReadyEvent.class)
    void load() {
        loader.execute(this::reload);
    }

    /** Reads again the closes of the last minutes before the latest one seen (other nodes', late commits). */
    private void readRecentCloses() {
        Instant since;
        synchronized (this) {
            since = latestClose == null ? Instant.EPOCH : latestClose.minus(RECHECK);
        }
        read("select " + COLUMNS + " from " + TicketFacts.VIEW + " where closed_at >= ? and hours_to_close is not null",
                Sql.ts(since));
    }

    private void read(String sql, Object... args) {
        List<Object[]> rows = new ArrayList<>();
        reads.executeWithoutResult(status -> jdbc.query(sql, (ResultSet rs) -> {
            rows.add(new Object[] {rs.getLong(1), rs.getBigDecimal(2), Sql.instant(rs, "reported_at"), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(8), Sql.instant(rs, "closed_at")});
        }, args));
        synchronized (this) {
            for (Object[] row : rows) {
                if (!add((Long) row[0], (BigDecimal) row[1], (Instant) row[2], (String) row[3], (String) row[4],
                        (String) row[5], (String) row[6], (Instant) row[7])) {
                    loaded = false; // something it cannot hold: every answer comes from SQL
                    return;
                }
            }
        }
    }

    /** Adds one closed ticket unless it is there; false when it does not fit in a long. */
    private boolean add(long id, BigDecimal hours, Instant reported, String category, String department, String town,
            String source, Instant closed) {
        if (closed != null && (latestClose == null || closed.isAfter(latestClose))) {
            latestClose = closed;
        }
        if (ids.contains(id)) {
            return true;
        }
        long hundredths = hours.movePointRight(2).longValueExact();
        long day = reported.atZone(zone).toLocalDate().toEpochDay();
        int group = groups.add(categories.add(category), departments.add(department), towns.add(town),
                sources.add(source));
        if (hundredths < 0 || hundredths >= (1L << HOURS_BITS) || day < 0 || day >= (1L << DAY_BITS) || group < 0) {
            return false;
        }
        if (addedCount == added.length) {
            added = Arrays.copyOf(added, added.length * 2);
        }
        added[addedCount++] = hundredths << HOURS_SHIFT | day << DAY_SHIFT | group;
        ids.add(id);
        if (addedCount >= MERGE_AT) {
            mergeAdded();
        }
        return true;
    }

    private void mergeAdded() {
        if (addedCount == 0) {
            return;
        }
        long[] merged = Arrays.copyOf(sorted, sorted.length + addedCount);
        System.arraycopy(added, 0, merged, sorted.length, addedCount);
        Arrays.sort(merged);
        sorted = merged;
        addedCount = 0;
    }

    /**
     * Reads every closed ticket again, off the request's thread; meanwhile small sets are answered by
     * the database and large ones wait for the load.
     */
    void reloadInBackground() {
        synchronized (this) {
            if (loading) {
                return;
            }
            loading = true;
        }
        loader.execute(this::reload);
    }

    /** Reads every closed ticket (at start-up, after a rebuild, when the cache went wrong). */
    void reload() {
        try {
            long started = System.nanoTime();
            synchronized (this) {
                loaded = false;
                sorted = new long[0];
                addedCount = 0;
                ids = new LongSet();
                latestClose = null;
                loaded = true; // from here every close committed is added, the load below adds the rest
            }
            read("select " + COLUMNS + " from " + TicketFacts.VIEW + " where hours_to_close is not null");
            synchronized (this) {
                mergeAdded();
                log.info("{} closing times in memory for the medians, read in {} ms", sorted.length,
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException e) {
            log.warn("closing times could not be read; medians are counted in the database: {}", e.toString());
            synchronized (this) {
                loaded = false;
            }
        } finally {
            synchronized (this) {
                loading = false;
                notifyAll();
            }
        }
    }

    @Override
    public void destroy() {
        loader.shutdownNow();
    }

    /** Strings to small numbers, null as 0. */
    private static final class Dictionary {
        private final Map<String, Integer> indexes = new HashMap<>();

        Dictionary() {
            indexes.put("", 0);
        }

        int index(String value) {
            return indexes.getOrDefault(value == null ? "" : value, -1);
        }

        int add(String value) {
            return indexes.computeIfAbsent(value == null ? "" : value, k -> indexes.size());
        }

        int size() {
            return indexes.size();
        }
    }

    /**
     * The combinations of category, department, town and source seen, numbered; the arrays give each
     * number's parts. A province has a few thousand; -1 once {@value #GROUP_BITS} bits are full (or a
     * dictionary passes 65,536 values): the cache then gives up and the database answers.
     */
    private static final class Groups {
        private final Map<Long, Integer> numbers = new HashMap<>();
        int[] category = new int[256];
        int[] department = new int[256];
        int[] town = new int[256];
        int[] source = new int[256];

        int size() {
            return numbers.size();
        }

        /** Each group number's value index in the grouping (0 for NONE: the one value). */
        int[] indexes(TicketFigures.Grouping grouping) {
            int[] values = switch (grouping) {
                case NONE -> new int[category.length];
                case CATEGORY -> category;
                case DEPARTMENT -> department;
                case TOWN -> town;
                case SOURCE -> source;
            };
            return Arrays.copyOf(values, size());
        }

        int add(int c, int d, int t, int s) {
            if (c > 0xFFFF || d > 0xFFFF || t > 0xFFFF || s > 0xFFFF) {
                return -1;
            }
            long key = (long) c << 48 | (long) d << 32 | (long) t << 16 | s;
            Integer number = numbers.get(key);
            if (number != null) {
                return number;
            }
            if (numbers.size() > GROUP_MASK) {
                return -1;
            }
            int n = numbers.size();
            if (n == category.length) {
                category = Arrays.copyOf(category, n * 2);
                department = Arrays.copyOf(department, n * 2);
                town = Arrays.copyOf(town, n * 2);
                source = Arrays.copyOf(source, n * 2);
            }
            category[n] = c;
            department[n] = d;
            town[n] = t;
            source[n] = s;
            numbers.put(key, n);
            return n;
        }
    }

    /** A set of longs without a boxed object per entry: a million ids in 16 MB rather than 60. */
    private static final class LongSet {
        private long[] slots = new long[1024];
        private int size;

        boolean contains(long value) {
            int mask = slots.length - 1;
            for (int i = hash(value) & mask; slots[i] != 0; i = (i + 1) & mask) {
                if (slots[i] == value + 1) {
                    return true;
                }
            }
            return false;
        }

        void add(long value) {
            if ((size + 1) * 2 > slots.length) {
                long[] old = slots;
                slots = new long[old.length * 2];
                size = 0;
                for (long slot : old) {
                    if (slot != 0) {
                        add(slot - 1);
                    }
                }
            }
            int mask = slots.length - 1;
            int i = hash(value) & mask;
            while (slots[i] != 0) {
                if (slots[i] == value + 1) {
                    return;
                }
                i = (i + 1) & mask;
            }
            slots[i] = value + 1; // 0 marks an empty slot
            size++;
        }

        private static int hash(long value) {
            long h = value * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }
}
