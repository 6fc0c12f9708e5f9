package org.sanfu.ticket.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanfu.ticket.search.AnotherNodesIndex.awaitReady;
import static org.sanfu.ticket.search.AnotherNodesIndex.listed;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.sanfu.ticket.TicketFilter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The index in the running service: the examples over the API, rows written behind the
 * service's back (another node; a bulk load rebuilt), and an index on disk from another database or
 * behind the log rebuilt at start. Runs on H2 and PostgreSQL.
 */
@SanfuTest
class TicketIndexTests {

    @Autowired
    Api api;
    @Autowired
    TicketIndex index;
    @Autowired
    SearchChanges changes;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ApplicationContext context;

    @Test
    void aWordInsideATitleFindsItsTicket() throws Exception {
        awaitReady(index);
        String code = api.enterprise();
        api.visit(code, List.of(Api.problem("CONTAINER", "出口集装箱紧张"), Api.problem("FINANCING", "流动资金融资难"),
                Api.problem("LABOR", "招工难")));
        assertThat(titles("集装箱", code)).containsExactly("出口集装箱紧张");
        assertThat(titles("融资", code)).containsExactly("流动资金融资难");
        assertThat(titles("金融", code)).containsExactly("流动资金融资难");
        assertThat(titles("难", code)).containsExactlyInAnyOrder("流动资金融资难", "招工难");
        // the description is the title + （详情）: found there, but never across title and description
        assertThat(titles("详情", code)).hasSize(3);
        assertThat(titles("难（详", code)).containsExactlyInAnyOrder("流动资金融资难", "招工难");
        assertThat(titles("紧张流动", code)).isEmpty();
        assertThat(index.page(new TicketFilter(null, null, null, null, code, null, null, null, "集装箱"), null, 0, 20))
                .as("answered by the index").isPresent();
    }

    @Test
    void aTicketAnotherNodeWroteIsListedWithinSeconds() throws Exception {
        awaitReady(index);
        String code = api.enterprise();
        String word = "他节点" + UUID.randomUUID().toString().substring(0, 8);
        long id;
        // another node: its own connection, its own transaction, the row and the change log's row
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            long visit = insert(other, "insert into visit (enterprise_credit_code, visited_at, staff, source, created_at) "
                    + "values (?, ?, 'staff1', 'VISIT', ?)", code, now(), now());
            id = insert(other, """
                    insert into ticket (visit_id, enterprise_credit_code, enterprise_name, town, reporter, category,
                        title, description, urgency, source, status, reported_at, sign_limit, reply_limit, overdue,
                        sign_overdue, reply_overdue, reopen_count, return_count, resolved_on_site, reply_clock_start,
                        updated_at)
                    values (?, ?, '别的节点企业', '大溪镇', 'staff1', 'CONTAINER', ?, null, 'NORMAL', 'VISIT', 'DISPATCHING',
                        ?, 1, 7, false, false, false, 0, 0, false, ?, ?)
                    """, visit, code, "订舱" + word, now(), now(), now());
            insert(other, "insert into search_change (ticket_id) values (?)", id);
            other.commit();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (titles(word, code).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(titles(word, code)).containsExactly("订舱" + word);
        assertThat(index.page(new TicketFilter(null, null, null, null, code, null, null, null, word), null, 0, 20)
                .orElseThrow().ids()).containsExactly(id);
    }

    @Test
    void rowsWrittenWithoutTheServiceAreListedOnceRebuilt() throws Exception {
        awaitReady(index);
        String code = api.enterprise();
        String id = api.visit(code, List.of(Api.problem("CONTAINER", "舱位紧张"))).get(0).get("id").asText();
        String word = "批量" + UUID.randomUUID().toString().substring(0, 8);
        // once the tail has read the ticket's creation, nothing tells the index of it again
        long created = changes.latest();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (index.readThrough() < created && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(index.readThrough()).as("the tail read the creation").isGreaterThanOrEqualTo(created);
        // a bulk load or a restore: no change log
        jdbc.sql("update ticket set title = ? where id = ?").params(word, Long.parseLong(id)).update();
        assertThat(titles(word, code)).as("the index has not been told").isEmpty();

        index.rebuildFromTickets();

        assertThat(index.ready()).isTrue();
        assertThat(titles(word, code)).containsExactly(word);
    }

    /**
     * {@code --generate} or {@code --rebuild-figures} started in the directory of a running node: the index is
     * the node's, locked, and the command cannot rebuild it. The node rebuilds it, as every running node does
     * (this context's own index too), once it reads the log again.
     */
    @Test
    void aRunningNodesIndexIsRebuiltWhenAProcessThatCouldNotOpenItRebuiltFromTheTickets() throws Exception {
        awaitReady(index);
        String code = api.enterprise();
        long id = Long.parseLong(api.visit(code, List.of(Api.problem("CONTAINER", "舱位紧张"))).get(0).get("id").asText());
        String word = "锁外" + UUID.randomUUID().toString().substring(0, 8);
        TicketFilter written = new TicketFilter(null, null, null, null, code, null, null, null, word);
        Path directory = Files.createTempDirectory("sanfu-search-held-");
        TicketIndex node = start(directory);
        try {
            awaitReady(node);
            TicketIndex command = start(directory);
            try {
                assertThat(command.isRunning()).as("the node holds the directory").isFalse();
                // the command's bulk write: no change log
                jdbc.sql("update ticket set title = ? where id = ?").params(word, id).update();

                command.rebuildFromTickets();

                for (TicketIndex running : List.of(node, index)) {
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (listed(running, written) != 1 && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                    assertThat(listed(running, written)).as(running == node ? "the node's index" : "this context's")
                            .isEqualTo(1);
                }
            } finally {
                command.stop();
            }
        } finally {
            node.stop();
        }
    }

    @Test
    void anIndexOfAnotherDatabaseIsRebuiltAndOneOfThisDatabaseResumes() throws Exception {
        awaitReady(index);
        String code = api.enterprise();
        api.visit(code, List.of(Api.problem("CONTAINER", "本库的事项")));
        Path directory = Files.createTempDirectory("sanfu-search-foreign-");
        TicketFilter foreign = new TicketFilter(null, null, null, null, null, null, null, null, "外库");
        TicketFilter ours = new TicketFilter(null, null, null, null, code, null, null, null, "本库");
        // an index left by another database, holding a ticket this one does not have
        leftBehind(directory, Map.of("database", "another", "position", "0"), new IndexedTicket(Long.MAX_VALUE,
                "外库的事项", null, "外库企业", "外库企业", "ASSIGNED", "CONTAINER", "大溪镇", code, false, Instant.now(), null, List.of(),
                "staff1", "VISIT"));
        TicketIndex started = start(directory);
        try {
            awaitReady(started);
            assertThat(started.page(foreign, null, 0, 20).orElseThrow().total()).isZero();
            assertThat(started.page(ours, null, 0, 20).orElseThrow().total()).isEqualTo(1);
        } finally {
            started.stop();
        }
        // its own index, committed on stop: resumes, and catches up with what changed meanwhile
        api.visit(code, List.of(Api.problem("CONTAINER", "本库停机时的事项")));
        TicketIndex again = start(directory);
        try {
            awaitReady(again);
            assertThat(again.page(ours, null, 0, 20).orElseThrow().total()).isEqualTo(2);
        } finally {
            again.stop();
        }
        // behind the log's pruned part: rebuilt, since the changes it missed are gone
        long before = changes.prunedThrough();
        jdbc.sql("update search_state set pruned_through = ? where id = 1").param(changes.latest() + 1_000_000).update();
        try {
            jdbc.sql("update ticket set title = '本库改过的事项' where enterprise_credit_code = ?").param(code).update();
            TicketIndex behind = start(directory);
            try {
                awaitReady(behind);
                assertThat(behind.page(new TicketFilter(null, null, null, null, code, null, null, null, "改过"), null, 0,
                        20).orElseThrow().total()).isEqualTo(2);
            } finally {
                behind.stop();
            }
        } finally {
            jdbc.sql("update search_state set pruned_through = ? where id = 1").param(before).update();
        }
    }

    @Test
    void anIndexOfThisDatabaseWithOtherFieldsIsRebuilt() throws Exception {
        awaitReady(index);
        String code = api.enterprise();
        api.visit(code, List.of(Api.problem("FINANCING", "旧格式的事项")));
        String database = new TransactionTemplate(transactions).execute(status -> changes.databaseId());
        // this database's index, up to date, but of older fields: before the lead department had its own (no
        // format), before the reporter (2), before the source (3). An index that resumed would hold none of this
        // database's tickets, nor the field to filter on
        for (String format : new String[] {null, "2", "3"}) {
            Path directory = Files.createTempDirectory("sanfu-search-format-");
            Map<String, String> data = new HashMap<>(Map.of("database", database, "position",
                    Long.toString(changes.latest())));
            if (format != null) {
                data.put("format", format);
            }
            leftBehind(directory, data);
            TicketIndex started = start(directory);
            try {
                awaitReady(started);
                assertThat(started.page(new TicketFilter(null, null, null, null, code, null, null, null, "旧格式",
                        "FINANCE"), null, 0, 20).orElseThrow().total()).as("format %s", format).isEqualTo(1);
                assertThat(started.page(new TicketFilter(null, null, null, null, code, null, null, null, null, null,
                        null, "staff1"), null, 0, 20).orElseThrow().total()).as("format %s", format).isEqualTo(1);
                assertThat(started.page(new TicketFilter(null, null, null, null, code, null, null, null, null, null,
                        null, "staff2"), null, 0, 20).orElseThrow().total()).isZero();
                assertThat(started.page(new TicketFilter(null, null, null, null, code, null, null, null, null, null,
                        null, null, List.of("VISIT")), null, 0, 20).orElseThrow().total()).as("format %s", format)
                        .isEqualTo(1);
                assertThat(started.page(new TicketFilter(null, null, null, null, code, null, null, null, null, null,
                        null, null, List.of("HOTLINE")), null, 0, 20).orElseThrow().total()).isZero();
            } finally {
                started.stop();
            }
        }
    }

    /** An index as a node left it: these tickets, committed with this commit data. */
    private static void leftBehind(Path directory, Map<String, String> commitData, IndexedTicket... tickets)
            throws IOException {
        try (FSDirectory fs = FSDirectory.open(directory);
                IndexWriter writer = new IndexWriter(fs, new IndexWriterConfig(TicketDocuments.analyzer())
                        .setIndexSort(TicketDocuments.ORDER))) {
            for (IndexedTicket ticket : tickets) {
                writer.addDocument(TicketDocuments.document(ticket));
            }
            writer.setLiveCommitData(commitData.entrySet());
            writer.commit();
        }
    }

    private TicketIndex start(Path directory) {
        return AnotherNodesIndex.start(context, directory);
    }

    private List<String> titles(String q, String code) {
        JsonNode items = api.get("/api/tickets?enterprise=" + code + "&q=" + q,
                "leader").json().get("items");
        List<String> titles = new ArrayList<>();
        items.forEach(t -> titles.add(t.get("title").asText()));
        return titles;
    }

    private static java.time.OffsetDateTime now() {
        return Instant.now().atOffset(ZoneOffset.UTC);
    }

    private static long insert(Connection connection, String sql, Object... values) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : -1;
            }
        }
    }
}
