package org.sanfu.ticket.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.FSDirectory;
import org.sanfu.ticket.TicketFilter;
import org.sanfu.ticket.TicketStatus;

/**
 * The index alone at scale: builds N synthetic tickets (default 1,000,000; 90% CLOSED, Chinese titles
 * and descriptions made of problem phrases) with the service's documents and writer settings, then
 * times lists and text searches as the service asks them (the page's top hits + the exact total),
 * while another thread updates 100 tickets a second with a refresh after each, as the service does.
 * The rows' read by id from the database is not included (a primary-key read of 20 rows).
 *
 * <pre>
 * mvn -o -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.sanfu.ticket.search.IndexBenchmark -Dexec.args="1000000 /tmp/bench-index"
 * </pre>
 */
public final class IndexBenchmark {

    private static final String[] PHRASES = {"出口", "集装箱", "紧张", "流动资金", "融资难", "招工难", "用工", "电费",
            "上涨", "订单", "减少", "海运", "运费", "舱位", "土地", "审批", "环评", "排污", "人才", "住房", "子女入学",
            "技改", "补贴", "申报", "退税", "慢", "银行", "抽贷", "担保", "原材料", "价格", "物流", "不畅", "厂房", "租金",
            "消防", "验收", "证照", "办理", "专利", "侵权", "合同", "纠纷", "汇率", "波动", "外贸", "回暖", "停电", "限产"};
    private static final String[] STATUSES = {"DISPATCHING", "ASSIGNED", "IN_PROGRESS", "ESCALATED", "REPLIED",
            "SUPERVISION"};
    private static final String[] DEPARTMENTS = {"COMMERCE", "FINANCE", "TRANSPORT", "CUSTOMS", "HRSS", "JUSTICE",
            "DISPATCH"};
    private static final String[] CATEGORIES = {"CONTAINER", "FINANCING", "LABOR", "LAND", "ENERGY", "LEGAL", "TAX",
            "TALENT", "APPROVAL", "OTHER"};

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path path = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("sanfu-bench-index-");
        Random random = new Random(13);
        try (FSDirectory directory = FSDirectory.open(path);
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(TicketDocuments.analyzer())
                        .setIndexSort(TicketDocuments.ORDER).setCommitOnClose(false))) {
            if (writer.getDocStats().numDocs < n) {
                writer.deleteAll();
                long started = System.nanoTime();
                for (int id = 1; id <= n; id++) {
                    writer.addDocument(TicketDocuments.document(ticket(id, random)));
                }
                writer.commit();
                System.out.printf("built %,d documents in %.1f s, %,d MB on disk%n", n,
                        (System.nanoTime() - started) / 1e9, size(path) / 1_000_000);
            }
            SearcherManager searchers = new SearcherManager(writer, null);
            // a write's own cost: reindex one ticket and reopen (TicketIndex.onCommitted shares reopens among requests)
            long[] alone = new long[100];
            Random r0 = new Random(5);
            for (int i = -300; i < alone.length; i++) {
                long id = 1 + r0.nextInt(n);
                long started = System.nanoTime();
                writer.updateDocument(TicketDocuments.key(id), TicketDocuments.document(ticket(id, r0)));
                searchers.maybeRefreshBlocking();
                if (i >= 0) {
                    alone[i] = System.nanoTime() - started;
                }
            }
            Arrays.sort(alone);
            System.out.printf("update + refresh, alone: median %.1f ms  p95 %.1f ms%n", alone[50] / 1e6, alone[95] / 1e6);
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong updates = new AtomicLong();
            AtomicLong updateNanos = new AtomicLong();
            Thread writes = new Thread(() -> {
                Random r = new Random(7);
                try {
                    while (writing.get()) {
                        long id = 1 + r.nextInt(n);
                        long started = System.nanoTime();
                        writer.updateDocument(TicketDocuments.key(id), TicketDocuments.document(ticket(id, r)));
                        searchers.maybeRefreshBlocking();
                        updateNanos.addAndGet(System.nanoTime() - started);
                        updates.incrementAndGet();
                        Thread.sleep(10);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writes.start();
            long began = System.nanoTime();
            time(searchers, "list, no filter", filter(null, null, null, null), 0);
            time(searchers, "list, status=CLOSED (~90%)", filter(TicketStatus.CLOSED, null, null, null), 0);
            time(searchers, "list, status=IN_PROGRESS", filter(TicketStatus.IN_PROGRESS, null, null, null), 0);
            time(searchers, "list, department=FINANCE", filter(null, "FINANCE", null, null), 0);
            time(searchers, "list, town + category", filter(null, null, "CONTAINER", null), 0);
            time(searchers, "list, status=CLOSED page 499", filter(TicketStatus.CLOSED, null, null, null), 499);
            time(searchers, "q=集装箱", filter(null, null, null, "集装箱"), 0);
            time(searchers, "q=融资", filter(null, null, null, "融资"), 0);
            time(searchers, "q=资 (one character)", filter(null, null, null, "资"), 0);
            time(searchers, "q=流动资金融资难", filter(null, null, null, "流动资金融资难"), 0);
            time(searchers, "q=集装箱 status=CLOSED", filter(TicketStatus.CLOSED, null, null, "集装箱"), 0);
            time(searchers, "q=泵业 (enterprise names)", filter(null, null, null, "泵业"), 0);
            time(searchers, "q=不存在的词", filter(null, null, null, "不存在的词"), 0);
            writing.set(false);
            writes.join();
            System.out.printf("meanwhile %,d updates, each refreshed (%.0f/s), %.1f ms each on average%n",
                    updates.get(), updates.get() / ((System.nanoTime() - began) / 1e9),
                    updateNanos.get() / 1e6 / Math.max(1, updates.get()));
            searchers.close();
        }
    }

    private static TicketFilter filter(TicketStatus status, String department, String category, String q) {
        return new TicketFilter(status, department, category, category == null ? null : "镇3", null, null, null, null, q);
    }

    private static void time(SearcherManager searchers, String name, TicketFilter filter, int page) throws Exception {
        Query query = TicketDocuments.query(filter, null);
        long[] nanos = new long[60];
        long total = 0;
        for (int i = -20; i < nanos.length; i++) {
            long started = System.nanoTime();
            IndexSearcher searcher = searchers.acquire();
            try {
                TopFieldDocs top = searcher.search(query, (page + 1) * 20, TicketDocuments.ORDER);
                List<Long> ids = new ArrayList<>();
                for (int h = page * 20; h < top.scoreDocs.length; h++) {
                    ids.add((Long) ((FieldDoc) top.scoreDocs[h]).fields[1]);
                }
                total = searcher.count(query);
            } finally {
                searchers.release(searcher);
            }
            if (i >= 0) {
                nanos[i] = System.nanoTime() - started;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("%-34s total %,9d  median %6.1f ms  p95 %6.1f ms  max %6.1f ms%n", name, total,
                nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.95)] / 1e6, nanos[nanos.length - 1] / 1e6);
    }

    private static IndexedTicket ticket(long id, Random random) {
        String status = random.nextInt(10) < 9 ? "CLOSED" : STATUSES[random.nextInt(STATUSES.length)];
        List<String> co = random.nextInt(4) == 0 ? List.of(DEPARTMENTS[random.nextInt(DEPARTMENTS.length)]) : List.of();
        String name = "台州" + random.nextInt(5000) + (random.nextBoolean() ? "泵业有限公司" : "进出口有限公司");
        return new IndexedTicket(id, text(random, 2, 4), random.nextInt(5) == 0 ? null : text(random, 4, 12),
                name, name, status,
                CATEGORIES[random.nextInt(CATEGORIES.length)], "镇" + random.nextInt(20), "9133" + (id % 5000),
                random.nextInt(10) == 0, Instant.parse("2021-01-01T00:00:00Z").plusSeconds(random.nextInt(157_000_000)),
                DEPARTMENTS[random.nextInt(DEPARTMENTS.length)], co, "staff" + random.nextInt(50),
                random.nextInt(5) == 0 ? "HOTLINE" : "VISIT");
    }

    private static String text(Random random, int min, int max) {
        StringBuilder text = new StringBuilder();
        int phrases = min + random.nextInt(max - min + 1);
        for (int i = 0; i < phrases; i++) {
            text.append(PHRASES[random.nextInt(PHRASES.length)]);
            if (random.nextInt(4) == 0) {
                text.append(random.nextInt(100)).append('，');
            }
        }
        return text.toString();
    }

    private static long size(Path path) throws Exception {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private IndexBenchmark() {
    }
}
