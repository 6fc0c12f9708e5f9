package org.sanfu.ticket.search;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.sanfu.ticket.DerivedFromTickets;
import org.sanfu.ticket.TicketFilter;
import org.sanfu.ticket.TicketsCommitted;
import org.sanfu.web.PageParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ticket list's read model: a Lucene index on this node's disk of every ticket's texts and list
 * filters ({@link TicketDocuments}). A list asks it for the page's ids in order and the exact total, and
 * reads those rows from the database; while the index is not ready (built for the first time, or
 * rebuilt because it belongs to another database or fell too far behind) it answers nothing and lists
 * read the database as before.
 *
 * <p>Fresh: after each commit that changed tickets ({@link TicketsCommitted}) this node reindexes them
 * before the request answers, and a list reopens the searcher first when the index has changed since, so
 * a list right after a write shows it (near-real-time: nothing is written to disk for it). The reopen is
 * paid by the next list, not by every write: under a stream of writes and few lists, one reopen covers
 * many writes. Tickets other nodes change reach it through the database's change log
 * ({@link SearchChanges}), read every {@code sanfu.search.tail-interval}. Lucene commits (to disk, with
 * the log position it has read) every few seconds; a node that stopped or died resumes from there,
 * replaying the log.
 *
 * <p>Tickets written behind the log's back (the data generator's bulk load, a restore followed by
 * {@code --rebuild-figures}) reach no index through it: {@link #rebuildFromTickets()} rebuilds this node's
 * index and gives the database a new identity ({@link SearchChanges#renewDatabaseId()}), so that every other
 * node's index, kept under the old one, is rebuilt too: at its node's start, or at its next read of the log
 * when its node runs. A process that could not open its index (a node runs in the same directory) renews the
 * identity all the same, and the node holding the index rebuilds it.
 *
 * <p>One thread ("ticket-index") builds, tails, prunes and commits, so none of those run at once; a
 * lock orders the reindexing of rows (a read of the rows and its write to the index), so the last
 * write of a ticket is always of its latest committed state.
 */
@Component
public class TicketIndex implements DerivedFromTickets, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TicketIndex.class);

    /**
     * A transaction may commit after others that took later seqs: a gap in the log is looked for again
     * for this long before it is taken for a rollback. Sanfu's transactions last milliseconds to seconds.
     */
    static final Duration LATE_COMMIT_WINDOW = Duration.ofSeconds(30);
    /** Gaps followed at most: a larger jump of the sequence is no transaction in flight. */
    private static final int MAX_GAPS = 10_000;
    private static final int BATCH = 1000;
    /**
     * A page beyond this many hits is left to the database (PageParams bounds page × size, so only a
     * request the bound let through gets here): a priority queue of page × size entries is the memory
     * a deep page would cost the index.
     */
    static final long MAX_WINDOW = 10_000L + PageParams.MAX_SIZE;
    private static final Duration COMMIT_EVERY = Duration.ofSeconds(5);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
    private static final String DATABASE = "database";
    private static final String POSITION = "position";
    private static final String FORMAT = "format";
    /**
     * The fields' version ({@link TicketDocuments}); an index of another is rebuilt at start. 2: the lead
     * department on its own (the list's leadDepartment filter). 3: the reporter (the list's reporter filter, a
     * specialist's 只看我跟进的): an index without it would answer that filter with nothing. 4: the source (the
     * list's source filter, the office's hotline and online entries), likewise. 5: the enterprise's name as said and
     * the town as searched texts (q's 温岭海通 and 大桥镇): an index without them would miss those tickets.
     */
    static final String FIELDS_VERSION = "5";

    /** A page of a list: the tickets' ids in the list's order, and how many match in all. */
    public record Hits(List<Long> ids, long total) {}

    private final SearchProperties properties;
    private final SearchChanges changes;
    private final JdbcClient jdbc;
    private final TransactionTemplate newTransaction;
    private final TransactionTemplate newWritingTransaction;
    private final ReentrantLock writing = new ReentrantLock();

    private ScheduledExecutorService worker;
    private Directory directory;
    private IndexWriter writer;
    private SearcherManager searchers;
    private String databaseId;
    private volatile boolean ready;
    private volatile boolean running;
    private volatile boolean stopping;
    /** Whether the writer holds a complete index (not one half rebuilt), which may be committed. */
    private volatile boolean complete;
    private volatile boolean dirty;
    private Instant lastCommit = Instant.EPOCH;
    private Instant lastPrune = Instant.EPOCH;

    // the tail: every seq up to maxSeen has been read, but those in gaps (with when they were seen missing)
    private volatile long maxSeen;
    private final Map<Long, Instant> gaps = new LinkedHashMap<>();

    TicketIndex(SearchProperties properties, SearchChanges changes, JdbcClient jdbc,
            PlatformTransactionManager transactions) {
        this.properties = properties;
        this.changes = changes;
        this.jdbc = jdbc;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.newTransaction.setReadOnly(true);
        this.newWritingTransaction = new TransactionTemplate(transactions);
        this.newWritingTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Whether lists answer from the index (else from the database). */
    public boolean ready() {
        return ready;
    }

    /** The change log's seq the tail has read through (for tests that write behind the log's back). */
    long readThrough() {
        return maxSeen;
    }

    /**
     * The page's ticket ids and the total, or empty while the index is not ready (and for a page
     * deeper than {@link #MAX_WINDOW}): the caller then asks the database.
     */
    public Optional<Hits> page(TicketFilter filter, String scopeDepartment, long offset, int size) {
        if (!ready || offset + size > MAX_WINDOW) {
            return Optional.empty();
        }
        Query query = TicketDocuments.query(filter, scopeDepartment);
        try {
            // cheap when nothing changed; otherwise one reopen, shared by the lists waiting for it
            searchers.maybeRefreshBlocking();
            IndexSearcher searcher = searchers.acquire();
            try {
                TopFieldDocs top = searcher.search(query, (int) (offset + size), TicketDocuments.ORDER);
                List<Long> ids = new ArrayList<>();
                for (int i = (int) offset; i < top.scoreDocs.length; i++) {
                    ids.add((Long) ((FieldDoc) top.scoreDocs[i]).fields[1]);
                }
                return Optional.of(new Hits(ids, searcher.count(query)));
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("The ticket index could not answer a list; the database answers it", e);
            return Optional.empty();
        }
    }

    /** Before the request that changed them answers: its own list shows the change. */
    @EventListener
    void onCommitted(TicketsCommitted committed) {
        if (!running || committed.ids().isEmpty()) {
            return;
        }
        try {
            reindex(committed.ids());
        } catch (IOException | RuntimeException e) {
            // the change is in the log: the tail reindexes it within a second
            log.warn("Could not reindex tickets {} after their commit; the change log will", committed.ids(), e);
        }
    }

    /**
     * This node's index anew, and every other node's at its start or next read of the log: the tickets were
     * written behind the log's back. Where this process could not open its index, only the latter.
     */
    @Override
    public void rebuildFromTickets() {
        if (!running) {
            newWritingTransaction.executeWithoutResult(status -> changes.renewDatabaseId());
            log.warn("The ticket index at {} is not open in this process (a node running in this directory holds it, "
                    + "or the disk refused it) and was not rebuilt here; it is rebuilt from the database, as every "
                    + "node's index is, when its node next reads the change log or starts",
                    properties.directory().toAbsolutePath());
            return;
        }
        try {
            worker.submit(() -> {
                // on the worker, so that no read of the log sees the new identity before this rebuild
                databaseId = newWritingTransaction.execute(status -> changes.renewDatabaseId());
                log.info("The tickets were written behind the change log: this node's ticket index is rebuilt, and "
                        + "every other node's when it next reads the log or starts");
                rebuild();
                return null;
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rebuilding the ticket index", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not rebuild the ticket index", e.getCause());
        }
    }

    // --- lifecycle ------------------------------------------------------------------------------

    @Override
    public void start() {
        try {
            Files.createDirectories(properties.directory());
            directory = FSDirectory.open(properties.directory());
            IndexWriterConfig config = new IndexWriterConfig(TicketDocuments.analyzer())
                    .setIndexSort(TicketDocuments.ORDER)
                    .setCommitOnClose(false)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            writer = new IndexWriter(directory, config);
            searchers = new SearcherManager(writer, null);
        } catch (IOException | RuntimeException e) {
            // another process holds it, or the disk refuses: lists stay correct, only slower
            log.warn("The ticket index at {} cannot be opened; lists read the database: {}",
                    properties.directory().toAbsolutePath(), e.toString());
            closeQuietly();
            return;
        }
        running = true;
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ticket-index");
            thread.setDaemon(true);
            return thread;
        });
        worker.execute(this::openOrRebuild);
        long every = properties.tailInterval().toMillis();
        worker.scheduleWithFixedDelay(this::tail, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        ready = false;
        stopping = true;
        worker.shutdown();
        try {
            if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("The ticket index's work did not end within 30 s; its last commit stays");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        writing.lock();
        try {
            if (complete && worker.isTerminated()) {
                commit();
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not commit the ticket index on shutdown; it replays the log at the next start", e);
        } finally {
            writing.unlock();
            closeQuietly();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server starts and after it stops: no request finds the index closed. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void closeQuietly() {
        for (AutoCloseable c : new AutoCloseable[] {searchers, writer, directory}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                log.debug("closing the ticket index", e);
            }
        }
    }

    // --- the worker's tasks (one at a time, on "ticket-index") ----------------------------------

    /** At start: an index of this database that can catch up does so; any other is rebuilt. */
    private void openOrRebuild() {
        try {
            databaseId = newWritingTransaction.execute(status -> changes.databaseId());
            Map<String, String> data = new HashMap<>();
            Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
            if (live != null) {
                live.forEach(e -> data.put(e.getKey(), e.getValue()));
            }
            String position = data.get(POSITION);
            if (databaseId.equals(data.get(DATABASE)) && FIELDS_VERSION.equals(data.get(FORMAT)) && position != null
                    && resumable(Long.parseLong(position))) {
                resumeAfter(Long.parseLong(position));
                complete = true;
                catchUp();
                open();
                log.info("The ticket index resumed after change {} of the log", position);
            } else {
                log.info("The ticket index {} is rebuilt from the database", data.isEmpty() ? "is new and"
                        : "belongs to another database (or was built before tickets were written behind the change "
                                + "log), holds other fields or is too far behind, and");
                rebuild();
            }
        } catch (IOException | RuntimeException e) {
            log.error("The ticket index could not start; lists read the database", e);
        }
    }

    /** Lists may read it (each list reopens the searcher first if the index changed). */
    private void open() throws IOException {
        searchers.maybeRefreshBlocking();
        ready = true;
    }

    /** Whether the log still holds every change after this position, and the database went no backwards. */
    private boolean resumable(long position) {
        return inNewTransaction(() -> position >= changes.prunedThrough() && position <= changes.latest());
    }

    /**
     * The whole index anew from the ticket tables, in batches by id; lists read the database meanwhile.
     * Changes committed while it runs are in the log after the position taken first, and replayed.
     */
    private void rebuild() throws IOException {
        ready = false;
        complete = false;
        long started = System.nanoTime();
        long position = inNewTransaction(changes::latest);
        resumeAfter(position);
        writing.lock();
        try {
            writer.deleteAll();
        } finally {
            writing.unlock();
        }
        long after = 0;
        long count = 0;
        while (!stopping) {
            long from = after;
            writing.lock();
            try {
                List<IndexedTicket> batch = inNewTransaction(() -> IndexedTicket.batchAfter(jdbc, from, BATCH));
                if (batch.isEmpty()) {
                    break;
                }
                for (IndexedTicket t : batch) {
                    writer.updateDocument(TicketDocuments.key(t.id()), TicketDocuments.document(t));
                }
                after = batch.get(batch.size() - 1).id();
                count += batch.size();
            } finally {
                writing.unlock();
            }
        }
        if (stopping) {
            return;
        }
        catchUp();
        complete = true;
        writing.lock();
        try {
            commit();
        } finally {
            writing.unlock();
        }
        open();
        log.info("The ticket index was rebuilt: {} tickets in {} ms", count, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Every few seconds: what other nodes changed, a Lucene commit now and then, the log pruned; or the
     * whole index anew when the database got a new identity since this index was built.
     */
    private void tail() {
        if (!complete || stopping) {
            return;
        }
        try {
            String current = inNewTransaction(changes::currentDatabaseId);
            if (current != null && !current.equals(databaseId)) {
                log.info("The tickets were written behind the change log (--generate or --rebuild-figures ran in "
                        + "another process): the ticket index is rebuilt from the database");
                databaseId = current;
                rebuild();
                return;
            }
            catchUp();
            Instant now = Instant.now();
            if (dirty && Duration.between(lastCommit, now).compareTo(COMMIT_EVERY) >= 0) {
                writing.lock();
                try {
                    commit();
                } finally {
                    writing.unlock();
                }
            }
            if (Duration.between(lastPrune, now).compareTo(PRUNE_EVERY) >= 0) {
                lastPrune = now;
                newWritingTransaction.executeWithoutResult(
                        status -> changes.prune(now.minus(properties.changeRetention())));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Following the ticket change log failed; trying again", e);
        }
    }

    /** The tail continues after this seq; gaps just below it may still fill (transactions in flight). */
    private void resumeAfter(long position) {
        gaps.clear();
        maxSeen = position;
        Instant now = Instant.now();
        long from = Math.max(0, position - MAX_GAPS);
        Set<Long> present = new HashSet<>(inNewTransaction(() -> changes.seqsBetween(from, position)));
        for (long seq = from + 1; seq <= position; seq++) {
            if (!present.contains(seq)) {
                gaps.put(seq, now);
            }
        }
    }

    /** Reads the log from where the tail stands (and the gaps behind it) and reindexes those tickets. */
    private void catchUp() throws IOException {
        Instant now = Instant.now();
        gaps.values().removeIf(seen -> seen.isBefore(now.minus(LATE_COMMIT_WINDOW)));
        Set<Long> ids = new HashSet<>();
        if (!gaps.isEmpty()) {
            for (SearchChanges.Change late : inNewTransaction(() -> changes.ofSeqs(gaps.keySet()))) {
                gaps.remove(late.seq());
                ids.add(late.ticketId());
            }
        }
        List<SearchChanges.Change> rows;
        do {
            long from = maxSeen;
            rows = inNewTransaction(() -> changes.after(from, BATCH));
            for (SearchChanges.Change row : rows) {
                if (row.seq() - maxSeen - 1 <= MAX_GAPS - gaps.size()) {
                    for (long seq = maxSeen + 1; seq < row.seq(); seq++) {
                        gaps.put(seq, now);
                    }
                }
                maxSeen = row.seq();
                ids.add(row.ticketId());
            }
            if (ids.size() >= BATCH || rows.size() < BATCH) {
                reindex(ids);
                ids.clear();
            }
        } while (rows.size() == BATCH && !stopping);
    }

    /** Reads these tickets as committed now and writes them to the index (a ticket gone is deleted). */
    private void reindex(Collection<Long> ids) throws IOException {
        if (ids.isEmpty()) {
            return;
        }
        writing.lock();
        try {
            List<IndexedTicket> rows = inNewTransaction(() -> IndexedTicket.byIds(jdbc, ids));
            Set<Long> gone = new HashSet<>(ids);
            for (IndexedTicket t : rows) {
                writer.updateDocument(TicketDocuments.key(t.id()), TicketDocuments.document(t));
                gone.remove(t.id());
            }
            for (long id : gone) {
                writer.deleteDocuments(TicketDocuments.key(id));
            }
            dirty = true;
        } finally {
            writing.unlock();
        }
    }

    /** Writes the index to disk with the log position it has read through (under the writing lock). */
    private void commit() throws IOException {
        long position = gaps.isEmpty() ? maxSeen : gaps.keySet().stream().mapToLong(Long::longValue).min().orElseThrow() - 1;
        writer.setLiveCommitData(Map.of(DATABASE, databaseId, POSITION, Long.toString(position), FORMAT,
                FIELDS_VERSION).entrySet());
        writer.commit();
        dirty = false;
        lastCommit = Instant.now();
    }

    /** Its own transaction: called after the request's has committed, or on the worker without one. */
    private <T> T inNewTransaction(Supplier<T> work) {
        return newTransaction.execute(status -> work.get());
    }
}
