package org.sanfu.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The office's 热线/网上诉求待回访 on /work (#hotlineReplied, docs/UI.md): the hotline and online entries it logged
 * that the department replied to and that wait for the enterprise's rating, which no specialist visited and so no
 * inbox holds. The panel lists every such entry of the county, so these tests have a county (a context, a database)
 * of their own: what it holds is what they logged, and its empty state can be seen.
 */
@SanfuTest
@TestPropertySource(properties = "sanfu-tests.county=hotline-replied")
class HotlineRepliedWebTests {

    @Autowired
    Api api;
    @Autowired
    Pages pages;

    @Test
    void theOfficeSeesItsRepliedEntriesSoonestDueFirstWithTheLinksOutAndNotVisitsNorUnrepliedOnes() {
        Element empty = pages.get("/work", "dispatch").html().getElementById("hotlineReplied");
        assertThat(empty).as("the panel, empty").isNotNull();
        assertThat(empty.select("h2 .name").text()).isEqualTo("热线/网上诉求待回访");
        assertThat(empty.select("h2 .badge").text()).isEqualTo("0");
        assertThat(empty.select("#noneHotlineReplied").text()).isEqualTo("眼下没有待企业评价的热线/网上诉求。");
        assertThat(empty.select("a.ticket, #allHotlineReplied, .hint")).isEmpty();

        String code = enterpriseWithoutSpecialist();
        try {
            Api.at("2026-11-02T09:00:00");
            String online = entry(code, "ONLINE", List.of(Api.problem("CONTAINER", "网上反映舱位紧张"))).get(0);
            String hotline = entry(code, "HOTLINE", List.of(Api.problem("CONTAINER", "热线反映运价上涨"))).get(0);
            String handling = entry(code, "HOTLINE", List.of(Api.problem("CONTAINER", "热线反映空箱难提"))).get(0);
            String visited = api.visit(code, List.of(Api.problem("CONTAINER", "走访反映堆场拥堵"))).get(0).get("id")
                    .asText();
            for (String id : List.of(online, hotline, handling, visited)) {
                api.act(id, "sign", "transport", null);
            }
            Api.at("2026-11-02T15:00:00");
            reply(online);
            reply(visited);
            Api.at("2026-11-03T10:00:00");
            reply(hotline);

            Document work = pages.get("/work", "dispatch").html();
            Element panel = work.getElementById("hotlineReplied");
            assertThat(panel.select("h2 .badge").text()).isEqualTo("2");
            assertThat(panel.select("a.ticket").eachAttr("data-id"))
                    .as("replied entries only, the feedback deadline nearest first (not the latest reported)")
                    .containsExactly(online, hotline);
            assertThat(panel.select("p.next").text()).startsWith("部门已答复，等企业评价；回访期限最近的在前。");
            Element card = card(panel, hotline);
            assertThat(card.attr("href")).isEqualTo("/tickets/" + hotline);
            assertThat(card.select(".status").text()).isEqualTo("已答复待回访");
            assertThat(card.text()).contains("热线反映运价上涨", "回访期限 ");
            assertThat(panel.select("#noneHotlineReplied, #allHotlineReplied, .feedback-link-out")).isEmpty();

            // the card leads to the page where the office issues the link, and then says it is out
            assertThat(pages.get("/tickets/" + hotline, "dispatch").html().select("#feedbackLinkForm")).isNotEmpty();
            Api.Response issued = api.post("/api/tickets/" + hotline + "/feedback-link", "dispatch", Map.of());
            assertThat(issued.status()).as(issued.text()).isEqualTo(201);
            panel = pages.get("/work", "dispatch").html().getElementById("hotlineReplied");
            assertThat(card(panel, hotline).select(".feedback-link-out").text())
                    .startsWith("陈静（dispatch） 已于 2026-11-03 10:00").endsWith(" 生成回访链接，企业尚未评价");
            assertThat(card(panel, online).select(".feedback-link-out")).isEmpty();

            // more than the panel lists: its count says how many, and the list of all replied ones is a click away
            List<Map<String, Object>> problems = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                problems.add(Api.problem("CONTAINER", "热线反映第" + i + "件"));
            }
            for (String id : entry(code, "HOTLINE", problems)) {
                api.act(id, "sign", "transport", null);
                reply(id);
            }
            panel = pages.get("/work", "dispatch").html().getElementById("hotlineReplied");
            assertThat(panel.select("h2 .badge").text()).isEqualTo("12");
            assertThat(panel.select("a.ticket")).hasSize(10);
            assertThat(panel.select("a.ticket").eachAttr("data-id")).startsWith(online, hotline);
            // the link opens the panel's tickets, all of them: replied entries, not the replied visit's ticket
            String all = panel.select("#allHotlineReplied").attr("href");
            assertThat(all).isEqualTo("/tickets?status=REPLIED&source=HOTLINE&source=ONLINE");
            assertThat(panel.select("#allHotlineReplied").text())
                    .isEqualTo("共 12 件，这里列出回访期限最近的 10 件；查看全部待回访的热线/网上诉求");
            Document list = pages.get(all + "&size=50", "dispatch").html();
            assertThat(list.select("#total").text()).isEqualTo("共 12 件");
            assertThat(list.select("a.ticket").eachAttr("data-id")).contains(online, hotline).doesNotContain(visited,
                    handling);
            assertThat(list.select("#activeFilters .chip").eachText()).containsExactly("状态：已答复待回访", "来源：热线、网上");

            // rated, an entry leaves the panel
            Api.Response rated = api.post("/api/tickets/" + online + "/feedback", "staff1",
                    Map.of("satisfaction", "SATISFIED"));
            assertThat(rated.status()).as(rated.text()).isEqualTo(200);
            panel = pages.get("/work", "dispatch").html().getElementById("hotlineReplied");
            assertThat(panel.select("h2 .badge").text()).isEqualTo("11");
            assertThat(panel.select("a.ticket").eachAttr("data-id")).doesNotContain(online).startsWith(hotline);
        } finally {
            ClockUtil.reset();
        }
    }

    /**
     * The panel is the office's 回访 queue: its cards lead to the ticket's page, where the office enters what the
     * enterprise said on the telephone as a specialist does; the inbox holds those tickets too (API.md), but the
     * page does not list them a second time above the panel. Rated, an entry leaves the panel.
     */
    @Test
    void theOfficeRecordsTheRatingOnTheTicketPageItsCardLeadsToAndTheQueuesAboveDoNotRepeatIt() {
        String code = enterpriseWithoutSpecialist();
        // a month before the other test's entries: the panel's first ten, whichever test runs first
        List<String> replied = repliedEntries(code, "2026-10-12T09:00:00", "热线反映集卡排队", "网上反映集卡排队");
        String hotline = replied.get(0);
        String online = replied.get(1);
        Api.Response inbox = api.get("/api/inbox?size=200", "dispatch");
        assertThat(inbox.json().get("items").findValuesAsText("id")).as("the office's inbox").contains(hotline, online);

        Document work = pages.get("/work", "dispatch").html();
        Element panel = work.getElementById("hotlineReplied");
        assertThat(panel.select("a.ticket").eachAttr("data-id")).contains(hotline, online);
        assertThat(panel.select("p.next").text()).contains("电话回访后录入企业评价", "生成回访链接");
        assertThat(work.select("section.queue a.ticket").eachAttr("data-id")).as("not in the queues above as well")
                .doesNotContain(hotline, online);
        assertThat(work.getElementById("queue-feedback")).isNull();

        String page = card(panel, hotline).attr("href");
        Document ticket = pages.get(page, "dispatch").html();
        assertThat(ticket.select("details#action-feedback[open] form[data-action=feedback]"))
                .as("the 回访 form, open as the one step there is").isNotEmpty();
        assertThat(ticket.select("#action-feedback select[name=satisfaction]")).isNotEmpty();
        assertThat(ticket.select("#feedbackLinkForm")).as("and the link, for one it cannot reach").isNotEmpty();
        Pages.Answer rated = pages.post(page + "/feedback", "dispatch",
                Pages.form("satisfaction", "SATISFIED", "comment", "电话回访，企业满意"));
        assertThat(rated.status()).isEqualTo(303);
        JsonNode closed = api.get("/api/tickets/" + hotline, "leader").json();
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("satisfaction").asText()).isEqualTo("SATISFIED");

        Pages.Answer dissatisfied = pages.post("/tickets/" + online + "/feedback", "dispatch",
                Pages.form("satisfaction", "DISSATISFIED", "comment", "企业说仍排队"));
        assertThat(dissatisfied.status()).isEqualTo(303);
        assertThat(api.get("/api/tickets/" + online, "leader").json().get("status").asText()).isEqualTo("IN_PROGRESS");
        panel = pages.get("/work", "dispatch").html().getElementById("hotlineReplied");
        assertThat(panel.select("a.ticket").eachAttr("data-id")).doesNotContain(hotline, online);
    }

    /**
     * #inboxTotal counts the office's whole inbox, as the dashboard's 待办 and a ticket page's #backToWork do: its 回访
     * entries too, which it says wait in the panel below; with nothing else in the inbox it still says so, where an
     * empty inbox would not be. One count of one inbox, read three times.
     */
    @Test
    void theInboxTotalCountsTheEntriesWaitingInThePanelAsTheDashboardAndTheWayBackToWorkDo() {
        String code = enterpriseWithoutSpecialist();
        // before the first test's entries, and rated here: its panel is its own
        List<String> replied = repliedEntries(code, "2026-10-05T09:00:00", "热线反映待办计数", "网上反映待办计数");
        String hotline = replied.get(0);
        String online = replied.get(1);
        String other = null;
        try {
            Document work = pages.get("/work", "dispatch").html();
            assertThat(work.select("section.queue")).as("nothing but the 回访 entries waits on the office").isEmpty();
            long entries = inboxTotal();
            assertThat(entries).isGreaterThanOrEqualTo(2);
            assertThat(work.select("#inboxTotal").text())
                    .isEqualTo("待办事项共 " + entries + " 件（其中 " + entries + " 件热线/网上诉求待回访，在下方），期限最近的在前。");
            assertThat(work.select("#inboxEmpty")).isEmpty();
            assertThat(waitingOnTheDashboard()).isEqualTo(entries);

            // one for the office to assign (其他类 comes to it): in a queue above, and counted beside the 回访 entries
            other = entry(code, "HOTLINE", List.of(Api.problem("OTHER", "热线反映待交办"))).get(0);
            work = pages.get("/work", "dispatch").html();
            assertThat(work.select("#queue-assign a.ticket").eachAttr("data-id")).contains(other);
            assertThat(work.select("#inboxTotal").text()).isEqualTo(
                    "待办事项共 " + (entries + 1) + " 件（其中 " + entries + " 件热线/网上诉求待回访，在下方），期限最近的在前。");
            assertThat(inboxTotal()).isEqualTo(entries + 1);
            assertThat(waitingOnTheDashboard()).isEqualTo(entries + 1);

            // rated on its page, an entry leaves the inbox: the way back to /work counts what /work then says
            Pages.Answer rated = pages.post("/tickets/" + hotline + "/feedback", "dispatch",
                    Pages.form("satisfaction", "SATISFIED", "comment", "电话回访，企业满意"));
            assertThat(rated.status()).isEqualTo(303);
            assertThat(pages.get(rated.redirect(), "dispatch").html().select("#backToWork").text())
                    .isEqualTo("返回工作台（还有 " + entries + " 件待办）");
            assertThat(pages.get("/work", "dispatch").html().select("#inboxTotal").text()).isEqualTo(
                    "待办事项共 " + entries + " 件（其中 " + (entries - 1) + " 件热线/网上诉求待回访，在下方），期限最近的在前。");
        } finally {
            // the county as the other tests expect it: no entry of this test's left to rate, nothing to assign
            for (String id : replied) {
                api.post("/api/tickets/" + id + "/feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
            }
            if (other != null) {
                api.post("/api/tickets/" + other + "/assign", "dispatch", Map.of("leadDepartment", "TRANSPORT"));
            }
        }
    }

    private long inboxTotal() {
        return api.get("/api/inbox", "dispatch").json().get("total").asLong();
    }

    private long waitingOnTheDashboard() {
        return Long.parseLong(pages.get("/", "dispatch").html().select("#waitingCount").text());
    }

    @Test
    void specialistsDepartmentsAndLeadersHaveNoSuchPanel() {
        for (String user : List.of("staff1", "transport", "finance", "leader")) {
            assertThat(pages.get("/work", user).html().getElementById("hotlineReplied")).as(user).isNull();
        }
    }

    /** An enterprise nobody looks after: its entries are in no specialist's inbox. */
    private String enterpriseWithoutSpecialist() {
        String code = Api.creditCode();
        Api.Response r = api.post("/api/enterprises", "staff1", Map.of("creditCode", code, "name", "台州热线回访泵业有限公司",
                "town", "热线镇", "industry", "泵业", "exporter", true, "key", false));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return code;
    }

    /** An entry the office logs from this source; its tickets' ids in the order of the problems. */
    private List<String> entry(String code, String source, List<Map<String, Object>> problems) {
        Api.Response r = api.post("/api/visits", "dispatch", Map.of("enterpriseCreditCode", code, "source", source,
                "notes", "来电反映", "problems", problems));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        for (JsonNode t : r.json().get("tickets")) {
            ids.add(t.get("id").asText());
        }
        return ids;
    }

    /** A hotline and an online entry with these titles, logged at that time (Shanghai), signed and replied. */
    private List<String> repliedEntries(String code, String at, String hotlineTitle, String onlineTitle) {
        try {
            Api.at(at);
            List<String> ids = List.of(entry(code, "HOTLINE", List.of(Api.problem("CONTAINER", hotlineTitle))).get(0),
                    entry(code, "ONLINE", List.of(Api.problem("CONTAINER", onlineTitle))).get(0));
            for (String id : ids) {
                api.act(id, "sign", "transport", null);
                reply(id);
            }
            return ids;
        } finally {
            ClockUtil.reset();
        }
    }

    private void reply(String id) {
        api.act(id, "reply", "transport", Map.of("resolution", "已协调船公司", "outcome", "RESOLVED"));
    }

    private static Element card(Element panel, String id) {
        return panel.selectFirst("a.ticket[data-id='" + id + "']");
    }
}
