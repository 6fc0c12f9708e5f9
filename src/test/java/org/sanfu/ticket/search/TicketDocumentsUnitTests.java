package org.sanfu.ticket.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;
import org.sanfu.enterprise.NameAsSaid;
import org.sanfu.ticket.TicketFilter;
import org.sanfu.ticket.TicketStatus;

/** The documents and queries alone, on an index in memory: the examples and the text rules. */
class TicketDocumentsUnitTests {

    private static final Instant AT = Instant.parse("2024-03-30T17:30:00.000880Z");
    /** By id modulo 4: 1 HOTLINE, 2 ONLINE, 3 VISIT, 4 HOTLINE. */
    private static final String[] SOURCES = {"HOTLINE", "HOTLINE", "ONLINE", "VISIT"};

    private final List<IndexedTicket> tickets = List.of(
            ticket(1, "出口集装箱紧张", null, "浙江省温岭市海通泵业有限公司", AT, "CUSTOMS", List.of("TRANSPORT")),
            ticket(2, "流动资金融资难", "银行抽贷", "大溪水泵厂", AT.plusSeconds(60), "FINANCE", List.of()),
            ticket(3, "Container 40HQ short", "运费上涨3倍", "Ace Pumps", AT.minusNanos(1000), null, List.of()),
            ticket(4, "招工难", "集装", "箱包厂", AT, "HRSS", List.of("FINANCE")));

    @Test
    void aWordInsideATitleOrDescriptionIsFound() throws IOException {
        assertThat(ids(text("集装箱"))).containsExactly(1L);
        assertThat(ids(text("融资"))).containsExactly(2L);
        assertThat(ids(text("金融"))).containsExactly(2L);
        assertThat(ids(text("资金融资难"))).containsExactly(2L);
        assertThat(ids(text("难"))).containsExactly(2L, 4L);
        assertThat(ids(text("container 40hq"))).containsExactly(3L);
        assertThat(ids(text("40HQ"))).containsExactly(3L);
        assertThat(ids(text("3倍"))).containsExactly(3L);
        assertThat(ids(text("泵业"))).containsExactly(1L);
    }

    @Test
    void aWordFindsTheEnterpriseNameAsSaidWithoutTheSuffixesOfItsDivisions() throws IOException {
        // ticket 1's enterprise: 浙江省温岭市海通泵业有限公司
        assertThat(ids(text("温岭海通"))).containsExactly(1L);
        assertThat(ids(text("浙江温岭海通泵业"))).containsExactly(1L);
        assertThat(ids(text("温岭海"))).as("part of the name as said").containsExactly(1L);
        assertThat(ids(text("温岭市海通"))).as("as filed, still").containsExactly(1L);
        assertThat(ids(text("海通"))).containsExactly(1L);
        assertThat(ids(text("浙江省温岭海通"))).as("one division as filed, the next as said: neither").isEmpty();
        assertThat(ids(text("温岭海通 大桥镇"))).as("with its town").containsExactly(1L);
    }

    @Test
    void aWordFindsTheTicketsOfATown() throws IOException {
        assertThat(ids(text("大桥镇"))).containsExactly(1L);
        assertThat(ids(text("大桥"))).containsExactly(1L);
        assertThat(ids(text("大溪镇"))).containsExactly(2L, 4L, 3L);
        assertThat(ids(text("镇 集装箱"))).containsExactly(1L);
    }

    @Test
    void aTextNeverMatchesAcrossTwoFields() throws IOException {
        // ticket 4: description 集装, enterprise 箱包厂
        assertThat(ids(text("集装箱包"))).isEmpty();
        assertThat(ids(text("装箱"))).containsExactly(1L);
        assertThat(ids(text("紧张浙江"))).isEmpty();
        assertThat(ids(text("有限公司大桥"))).as("name and town").isEmpty();
    }

    @Test
    void eachWordOfASearchIsFoundInAnyOfTheTextsInAnyOrder() throws IOException {
        // ticket 4: description 集装, enterprise 箱包厂; ticket 1: title 出口集装箱紧张, enterprise 浙江省...
        assertThat(ids(text("集装 箱包"))).containsExactly(4L);
        assertThat(ids(text("箱包  集装"))).as("in any order, spaces repeated").containsExactly(4L);
        assertThat(ids(text("集装\u3000浙江"))).as("a 全角 space").containsExactly(1L);
        assertThat(ids(text("container 上涨"))).as("title and description").containsExactly(3L);
        assertThat(ids(text("集装 不存在"))).as("every word, not any").isEmpty();
    }

    @Test
    void filtersAndTheOrderAreTheLists() throws IOException {
        assertThat(ids(new TicketFilter(null, null, null, null, null, null, null, null, null)))
                .containsExactly(2L, 4L, 1L, 3L);
        assertThat(ids(new TicketFilter(null, "FINANCE", null, null, null, null, null, null, null)))
                .containsExactly(2L, 4L);
        assertThat(ids(new TicketFilter(null, null, null, null, null, null, null, null, null, "FINANCE")))
                .as("lead only: not the ticket FINANCE co-handles").containsExactly(2L);
        assertThat(ids(new TicketFilter(null, "TRANSPORT", null, null, null, null, null, null, null, "CUSTOMS")))
                .containsExactly(1L);
        assertThat(ids(new TicketFilter(TicketStatus.ASSIGNED, null, null, null, null, null, null, null, null)))
                .containsExactly(2L, 4L, 1L, 3L);
        assertThat(ids(new TicketFilter(null, null, null, null, null, null, AT, null, null)))
                .containsExactly(2L, 4L, 1L);
        assertThat(ids(new TicketFilter(null, null, null, null, null, null, AT.minusNanos(1), AT, null)))
                .isEmpty();
        assertThat(ids(new TicketFilter(null, null, null, null, null, null, AT.minusNanos(1001), AT, null)))
                .containsExactly(3L);
        assertThat(ids(new TicketFilter(null, null, null, null, null, null, null, AT.plusNanos(1), null)))
                .containsExactly(4L, 1L, 3L);
        assertThat(ids(reportedBy("staff2"))).as("the reporter's own").containsExactly(1L, 3L);
        assertThat(ids(reportedBy("staff1"))).containsExactly(2L, 4L);
        assertThat(ids(reportedBy("nobody"))).as("an unknown username matches nothing").isEmpty();
        assertThat(ids(new TicketFilter(null, null, null, null, null, null, null, null, null, null, true, "staff2")))
                .containsExactly(1L, 3L);
    }

    @Test
    void aSourceFilterKeepsTheTicketsOfAnyOfTheSourcesAskedFor() throws IOException {
        // ids 1..4 came from HOTLINE, ONLINE, VISIT, HOTLINE
        assertThat(ids(from(List.of("HOTLINE")))).containsExactly(4L, 1L);
        assertThat(ids(from(List.of("HOTLINE", "ONLINE")))).as("either of two").containsExactly(2L, 4L, 1L);
        assertThat(ids(from(List.of("FORUM")))).isEmpty();
        assertThat(ids(from(List.of()))).as("none asked: any source").containsExactly(2L, 4L, 1L, 3L);
        assertThat(ids(new TicketFilter(null, null, null, null, null, null, null, null, null, null, null, "staff2",
                List.of("HOTLINE", "ONLINE")))).as("with the other filters").containsExactly(1L);
    }

    private static TicketFilter from(List<String> sources) {
        return new TicketFilter(null, null, null, null, null, null, null, null, null, null, null, null, sources);
    }

    private static TicketFilter reportedBy(String reporter) {
        return new TicketFilter(null, null, null, null, null, null, null, null, null, null, null, reporter);
    }

    private static TicketFilter text(String q) {
        return new TicketFilter(null, null, null, null, null, null, null, null, q);
    }

    private List<Long> ids(TicketFilter filter) throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(TicketDocuments.analyzer())
                    .setIndexSort(TicketDocuments.ORDER))) {
                for (IndexedTicket t : tickets) {
                    writer.addDocument(TicketDocuments.document(t));
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                List<Long> ids = new ArrayList<>();
                for (ScoreDoc hit : searcher.search(TicketDocuments.query(filter, null), 10, TicketDocuments.ORDER)
                        .scoreDocs) {
                    ids.add((Long) ((FieldDoc) hit).fields[1]);
                }
                assertThat(searcher.count(TicketDocuments.query(filter, null))).isEqualTo(ids.size());
                return ids;
            }
        }
    }

    private static IndexedTicket ticket(long id, String title, String description, String name, Instant at,
            String lead, List<String> co) {
        return new IndexedTicket(id, title, description, name, NameAsSaid.of(name), "ASSIGNED", "CONTAINER",
                id == 1 ? "大桥镇" : "大溪镇",
                "91330100716105852F", false, at, lead, co, id % 2 == 0 ? "staff1" : "staff2",
                SOURCES[(int) (id % SOURCES.length)]);
    }
}
