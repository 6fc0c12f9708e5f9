package org.sanfu.ticket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import org.sanfu.catalog.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The loop's figures for Prometheus ({@code /actuator/prometheus}):
 * <ul>
 * <li>{@code sanfu_tickets_opened_total{category}} (tickets created) and
 * {@code sanfu_tickets_closed_total{category}}: counted by this node once the transaction that opened
 * or closed the ticket has committed (a rolled-back request counts nothing); sum them over the nodes
 * of a cluster. Not "created": Prometheus reserves a counter's {@code _created} suffix for its
 * creation time, and its client drops it from names.</li>
 * <li>(addition) {@code sanfu_tickets_reclassified_total{from,to}}: tickets dispatch re-classified as it assigned
 * them (重新分类), counted as those are. Opened counts a ticket under the category it was filed under and closed
 * under the one it ends in, so a category's opened and closed do not balance by as many as this says moved.
 * A series per pair that happened, none before.</li>
 * <li>{@code sanfu_tickets_open} and {@code sanfu_tickets_overdue} (open tickets that missed a
 * deadline): read from the ticket table, the same on every node, and remembered for
 * {@link #GAUGE_TIME_TO_LIVE} so that frequent scrapes cost one query at most per interval.</li>
 * </ul>
 * The timer of each action is {@code ticket.web.TicketActionTimer}; the count of photographs kept with their
 * metadata, {@link PicturesKeptWithMetadata}.
 */
@Component
class TicketMetrics {

    static final Duration GAUGE_TIME_TO_LIVE = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(TicketMetrics.class);

    private record Snapshot(Tickets.OpenCounts counts, long takenAtNanos) {}

    private final Tickets tickets;
    private final MeterRegistry registry;
    private final Map<String, Counter> opened = new ConcurrentHashMap<>();
    private final Map<String, Counter> closed = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> reclassified = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;

    TicketMetrics(Tickets tickets, MeterRegistry registry, Catalog catalog) {
        this.tickets = tickets;
        this.registry = registry;
        // every configured category from zero, so that rates are defined before its first ticket
        catalog.categoryCodes().forEach(category -> {
            openedCounter(category);
            closedCounter(category);
        });
        Gauge.builder("sanfu.tickets.open", this, m -> m.count(Tickets.OpenCounts::open))
                .description("Tickets not yet closed").register(registry);
        Gauge.builder("sanfu.tickets.overdue", this, m -> m.count(Tickets.OpenCounts::overdue))
                .description("Open tickets that missed a sign or reply deadline").register(registry);
    }

    void opened(String category) {
        afterCommit(() -> openedCounter(category).increment());
    }

    void closed(String category) {
        afterCommit(() -> closedCounter(category).increment());
    }

    void reclassified(String from, String to) {
        afterCommit(() -> reclassified.computeIfAbsent(List.of(from, to), pair -> Counter
                .builder("sanfu.tickets.reclassified").tag("from", from).tag("to", to)
                .description("Tickets re-classified as they were assigned, by the categories from and to")
                .register(registry)).increment());
    }

    private Counter openedCounter(String category) {
        return opened.computeIfAbsent(category, c -> Counter.builder("sanfu.tickets.opened").tag("category", c)
                .description("Tickets created, by category").register(registry));
    }

    private Counter closedCounter(String category) {
        return closed.computeIfAbsent(category, c -> Counter.builder("sanfu.tickets.closed").tag("category", c)
                .description("Tickets closed, by category").register(registry));
    }

    /** Runs once the transaction under way has committed (none: now); nothing when it rolls back. */
    static void afterCommit(Runnable count) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        } else {
            count.run();
        }
    }

    /** The figure from a snapshot at most {@link #GAUGE_TIME_TO_LIVE} old; NaN while it cannot be read. */
    private double count(ToLongFunction<Tickets.OpenCounts> figure) {
        Snapshot current = snapshot;
        if (current == null || System.nanoTime() - current.takenAtNanos() > GAUGE_TIME_TO_LIVE.toNanos()) {
            synchronized (this) {
                current = snapshot;
                long now = System.nanoTime();
                if (current == null || now - current.takenAtNanos() > GAUGE_TIME_TO_LIVE.toNanos()) {
                    try {
                        current = new Snapshot(tickets.openCounts(), now);
                        snapshot = current;
                    } catch (RuntimeException e) {
                        log.warn("open and overdue tickets could not be counted: {}", e.toString());
                        return Double.NaN;
                    }
                }
            }
        }
        return figure.applyAsLong(current.counts());
    }
}
