package org.sanfu.ticket.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.sanfu.ticket.TicketFilter;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * For tests of any package: a ticket index as another node of a cluster keeps it, on the context's database
 * and in a directory of its own, reading the change log every 200 ms.
 */
public final class AnotherNodesIndex {

    private static final TicketFilter EVERY_TICKET = new TicketFilter(null, null, null, null, null, null, null, null,
            null);

    private AnotherNodesIndex() {
    }

    /** Started (the caller stops it): it resumes an index it finds there, or builds one. */
    public static TicketIndex start(ApplicationContext context, Path directory) {
        TicketIndex index = new TicketIndex(new SearchProperties(directory, Duration.ofMillis(200), Duration.ofDays(1)),
                context.getBean(SearchChanges.class), context.getBean(JdbcClient.class),
                context.getBean(PlatformTransactionManager.class));
        index.start();
        return index;
    }

    /** How many tickets the index lists when nothing is filtered, or -1 while it is not ready. */
    public static long listed(TicketIndex index) {
        return listed(index, EVERY_TICKET);
    }

    /** How many tickets the index lists for the filter, or -1 while it is not ready. */
    public static long listed(TicketIndex index, TicketFilter filter) {
        return index.page(filter, null, 0, 20).map(TicketIndex.Hits::total).orElse(-1L);
    }

    public static void awaitReady(TicketIndex index) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!index.ready() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(index.ready()).as("the index is ready").isTrue();
    }
}
