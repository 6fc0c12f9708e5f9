package org.sanfu.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every page that filters or records a town suggests the towns the tickets name, busiest first: a town
 * filter matches exactly, and a town typed by heart (海门 for 海门街道) finds nothing.
 */
@SanfuTest
class KnownTownsWebTests {

    @Autowired
    Api api;
    @Autowired
    Pages pages;
    @Autowired
    KnownTowns towns;

    @Test
    void theTicketsTownsAreSuggestedByEveryTownInputBusiestFirst() {
        String suffix = Api.creditCode().substring(12);
        String busy = "建议镇" + suffix;
        String quiet = "建议街道" + suffix;
        String noTickets = "无事项镇" + suffix;
        api.visit(api.enterprise("建议甲企业", busy), List.of(Api.problem("OTHER", "一"), Api.problem("OTHER", "二")));
        api.visit(api.enterprise("建议乙企业", quiet), List.of(Api.problem("OTHER", "三")));
        api.enterprise("建议丙企业", noTickets);

        // the list is read again a minute after it was last read
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(KnownTowns.FRESH_FOR).plus(Duration.ofSeconds(5))));
        try {
            assertThat(towns.all()).contains(busy, quiet).doesNotContain(noTickets, "");
            assertThat(towns.all().indexOf(busy)).isLessThan(towns.all().indexOf(quiet));

            for (String[] page : new String[][] {{"/tickets", "transport"}, {"/enterprises", "staff1"},
                    {"/enterprises/new", "staff1"}, {"/", "leader"}}) {
                Document html = pages.get(page[0], page[1]).html();
                assertThat(html.select("input[name=town]").attr("list")).as(page[0]).isEqualTo("knownTowns");
                assertThat(html.select("datalist#knownTowns option").eachAttr("value")).as(page[0])
                        .containsSubsequence(busy, quiet).doesNotContain(noTickets);
            }
        } finally {
            ClockUtil.reset();
        }
    }
}
