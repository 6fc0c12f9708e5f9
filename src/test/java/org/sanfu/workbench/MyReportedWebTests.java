package org.sanfu.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.sanfu.TestAccounts;
import org.sanfu.security.AccountAdministration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * /work's 我跟进的在办事项 (#myReported, docs/UI.md): a specialist's reported problems that are not closed, where
 * each stands, and the way to the list of them all; those replied, the specialist's turn, and a feedback link out. Each test has a specialist of its own, new to the county, so
 * that what the panel holds is what the test reported.
 */
@SanfuTest
class MyReportedWebTests {

    private static final String PASSWORD = "Sanfu-Reported-Passw0rd!";

    @Autowired
    Api api;
    @Autowired
    Pages pages;
    @Autowired
    AccountAdministration accounts;

    @Test
    void aSpecialistSeesTheirOpenReportedProblemsWhereEachStandsAndNotAnothersNorTheClosedOnes() {
        String me = newSpecialist("rep");
        String code = api.enterprise("台州上报面板泵业有限公司", "上报镇");
        List<String> ids = visit(me, code, List.of(Api.problem("CONTAINER", "舱位紧张"),
                Api.problem("FINANCING", "贷款难"), Api.problem("OTHER", "其他诉求"),
                Api.problem("CONTAINER", "运价上涨"), Api.problem("CONTAINER", "空箱难提")));
        String inProgress = ids.get(0);
        String assigned = ids.get(1);
        String dispatching = ids.get(2);
        String replied = ids.get(3);
        String closed = ids.get(4);
        api.act(inProgress, "sign", "transport", null);
        api.act(replied, "sign", "transport", null);
        api.act(replied, "reply", "transport", Map.of("resolution", "已协调船公司", "outcome", "RESOLVED"));
        api.act(closed, "sign", "transport", null);
        api.act(closed, "reply", "transport", Map.of("resolution", "已协调堆场", "outcome", "RESOLVED"));
        Api.Response feedback = as(me, "/api/tickets/" + closed + "/feedback", Map.of("satisfaction", "SATISFIED"));
        assertThat(feedback.status()).as(feedback.text()).isEqualTo(200);
        // another specialist's problem of the same enterprise is theirs to follow
        String theirs = api.visit(code, List.of(Api.problem("CONTAINER", "王晓明报的"))).get(0).get("id").asText();

        Document work = pages.get("/work", session(me)).html();
        Element panel = work.getElementById("myReported");
        assertThat(panel).isNotNull();
        assertThat(panel.select("h2 .name").text()).isEqualTo("我跟进的在办事项");
        assertThat(panel.select("h2 .badge").text()).isEqualTo("4");
        // the order the hint names is the list's, by when the enterprise raised it (上报 is an escalation's word)
        assertThat(panel.select("p.hint").first().text()).isEqualTo("您跟进的问题在哪个部门、办到哪一步；按企业反映时间，最近反映的在前。");
        assertThat(panel.select("a.ticket").eachAttr("data-id")).as("the latest reported first")
                .containsExactly(replied, dispatching, assigned, inProgress).doesNotContain(closed, theirs);
        assertThat(card(panel, inProgress).select(".status").text()).isEqualTo("办理中");
        assertThat(card(panel, inProgress).text()).contains("#" + inProgress, "舱位紧张", "台州上报面板泵业有限公司",
                "主办：交通运输局（港航）", "答复期限 ");
        assertThat(card(panel, assigned).select(".status").text()).isEqualTo("待签收");
        assertThat(card(panel, assigned).text()).contains("主办：金融办", "签收期限 ");
        assertThat(card(panel, dispatching).select(".status").text()).isEqualTo("待交办");
        assertThat(card(panel, replied).select(".status").text()).isEqualTo("已答复待回访");
        assertThat(panel.select("#noneReported")).isEmpty();
        String all = panel.select("#allMyReported").attr("href");
        assertThat(URLDecoder.decode(all, StandardCharsets.UTF_8)).isEqualTo("/tickets?reporter=" + me + "&open=true");
        assertThat(panel.select("#allMyReported").text()).isEqualTo("查看全部 4 件");

        // the link's list holds the same tickets, the panel's being its first page
        Document list = pages.get(URLDecoder.decode(all, StandardCharsets.UTF_8), session(me)).html();
        assertThat(list.select("a.ticket").eachAttr("data-id")).containsExactly(replied, dispatching, assigned,
                inProgress);
        assertThat(list.select("input#mine").hasAttr("checked")).isTrue();
    }

    @Test
    void aRepliedOneIsMarkedAsTheSpecialistsTurnAndLeadsToTheQueueAboveWhereItAlsoIs() {
        String me = newSpecialist("turn");
        List<String> ids = twoProblems(me);
        String replied = ids.get(0);
        String handled = ids.get(1);
        api.act(replied, "sign", "transport", null);
        api.act(replied, "reply", "transport", Map.of("resolution", "已协调船公司", "outcome", "RESOLVED"));
        api.act(handled, "sign", "transport", null);

        Document work = pages.get("/work", session(me)).html();
        // the same ticket is in the inbox's queue, where the specialist acts on it
        assertThat(work.select("#queue-feedback a.ticket").eachAttr("data-id")).containsExactly(replied);
        Element panel = work.getElementById("myReported");
        // the panel still lists every open one: its count is its link's list
        assertThat(panel.select("h2 .badge").text()).isEqualTo("2");
        assertThat(panel.select("a.ticket").eachAttr("data-id")).containsExactly(handled, replied);
        assertThat(panel.select("#allMyReported").text()).isEqualTo("查看全部 2 件");
        // but says which of them are the specialist's turn now, not a department's
        assertThat(card(panel, replied).select(".your-turn").text()).isEqualTo("轮到您回访");
        assertThat(card(panel, handled).select(".your-turn")).isEmpty();
        assertThat(work.select("#queue-feedback .your-turn")).as("the queue needs no such mark").isEmpty();
        Element turn = panel.getElementById("myReportedYourTurn");
        assertThat(turn).isNotNull();
        assertThat(turn.text()).startsWith("其中 1 件已答复，轮到您回访企业，在上方“已答复待回访”中办理。");
        assertThat(turn.select("a").attr("href")).isEqualTo("/work#queue-feedback");

        // with nothing replied, nothing is said of it
        api.act(handled, "reply", "transport", Map.of("resolution", "已协调堆场", "outcome", "RESOLVED"));
        Api.Response feedback = as(me, "/api/tickets/" + replied + "/feedback", Map.of("satisfaction", "SATISFIED"));
        assertThat(feedback.status()).as(feedback.text()).isEqualTo(200);
        Api.Response other = as(me, "/api/tickets/" + handled + "/feedback", Map.of("satisfaction", "SATISFIED"));
        assertThat(other.status()).as(other.text()).isEqualTo(200);
        String another = visit(me, api.enterprise(), List.of(Api.problem("CONTAINER", "空箱难提"))).get(0);
        panel = pages.get("/work", session(me)).html().getElementById("myReported");
        assertThat(panel.select("a.ticket").eachAttr("data-id")).containsExactly(another);
        assertThat(panel.select("#myReportedYourTurn, .your-turn")).isEmpty();
    }

    /**
     * An escalated one says what was asked of which task force and since when, as the department's and the office's
     * 已上报 cards do: the enterprise asks its specialist where its problem stands.
     */
    @Test
    void anEscalatedOneSaysWhatWasAskedOfTheTaskForce() {
        String me = newSpecialist("esc");
        List<String> ids = twoProblems(me);
        String escalated = ids.get(0);
        api.act(escalated, "sign", "transport", null);
        api.act(escalated, "escalate", "transport", Map.of("level", "CITY", "reason", "需市里协调船公司"));

        Element panel = pages.get("/work", session(me)).html().getElementById("myReported");
        assertThat(card(panel, escalated).select(".status").text()).isEqualTo("已上报");
        assertThat(card(panel, escalated).select(".escalation").text()).startsWith("上报市专班：需市里协调船公司（")
                .contains(" 上报，已等待");
        assertThat(card(panel, ids.get(1)).select(".escalation")).isEmpty();
    }

    /**
     * A replied ticket whose enterprise holds a feedback link waits on the enterprise: its card on /work says who gave
     * the link out and when, as the ticket page's #liveFeedbackLink does, until the link is spent or voided.
     */
    @Test
    void aRepliedCardSaysALinkIsOutUntilTheEnterpriseRates() {
        String me = newSpecialist("link");
        List<String> ids = twoProblems(me);
        for (String id : ids) {
            api.act(id, "sign", "transport", null);
            api.act(id, "reply", "transport", Map.of("resolution", "已协调船公司", "outcome", "RESOLVED"));
        }
        String linked = ids.get(0);
        String asked = ids.get(1);
        assertThat(pages.get("/work", session(me)).html().select(".feedback-link-out")).as("no link yet").isEmpty();

        Api.Response issued = as(me, "/api/tickets/" + linked + "/feedback-link", Map.of());
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        Document work = pages.get("/work", session(me)).html();
        Element card = work.selectFirst("#queue-feedback a.ticket[data-id='" + linked + "']");
        String said = card.select(".feedback-link-out").text();
        assertThat(said).startsWith(me + " 已于 ").endsWith(" 生成回访链接，企业尚未评价");
        // the same words and moment as the ticket's own page
        assertThat(pages.get("/tickets/" + linked, session(me)).html().select("#liveFeedbackLink").text())
                .startsWith(said.replace("，企业尚未评价", "，企业尚未评价。"));
        assertThat(work.select("#queue-feedback a.ticket[data-id='" + asked + "'] .feedback-link-out")).isEmpty();
        assertThat(work.select("#myReported a.ticket[data-id='" + linked + "'] .feedback-link-out").text())
                .as("the same ticket below").isEqualTo(said);

        // the feedback recorded another way spends the link: nothing is out any more, and the ticket has left the queue
        Api.Response feedback = as(me, "/api/tickets/" + linked + "/feedback", Map.of("satisfaction", "SATISFIED"));
        assertThat(feedback.status()).as(feedback.text()).isEqualTo(200);
        assertThat(pages.get("/work", session(me)).html().select(".feedback-link-out")).isEmpty();
    }

    @Test
    void theFirstTenAreListedAndTheCountSaysHowManyInAll() {
        String me = newSpecialist("ten");
        String code = api.enterprise();
        List<Map<String, Object>> problems = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            problems.add(Api.problem("CONTAINER", "第" + i + "个问题"));
        }
        List<String> ids = new ArrayList<>(visit(me, code, problems.subList(0, 6)));
        ids.addAll(visit(me, code, problems.subList(6, 12)));

        Element panel = pages.get("/work", session(me)).html().getElementById("myReported");
        assertThat(panel.select("h2 .badge").text()).isEqualTo("12");
        assertThat(panel.select("a.ticket")).hasSize(10);
        assertThat(panel.select("#allMyReported").text()).isEqualTo("查看全部 12 件");
    }

    @Test
    void aSpecialistWithNothingOpenIsToldSoInALine() {
        String me = newSpecialist("none");
        Element panel = pages.get("/work", session(me)).html().getElementById("myReported");
        assertThat(panel).isNotNull();
        assertThat(panel.select("#noneReported").text()).isEqualTo("眼下没有您跟进的在办事项。");
        assertThat(panel.select("a.ticket, #allMyReported, .hint")).isEmpty();
    }

    @Test
    void departmentsDispatchAndLeadersHaveNoSuchPanel() {
        for (String user : List.of("transport", "finance", "dispatch", "leader")) {
            assertThat(pages.get("/work", user).html().getElementById("myReported")).as(user).isNull();
        }
        assertThat(pages.get("/work", "staff1").html().getElementById("myReported")).isNotNull();
    }

    // ------------------------------------------------------------------------------------------

    private final Map<String, MockHttpSession> sessions = new HashMap<>();

    private String newSpecialist(String prefix) {
        String user = prefix + Api.creditCode().substring(10).toLowerCase(Locale.ROOT);
        TestAccounts.create(accounts, user, "STAFF", null, PASSWORD);
        pages.passwordChosen(user);
        return user;
    }

    private MockHttpSession session(String user) {
        return sessions.computeIfAbsent(user, u -> pages.signIn(u, PASSWORD).orElseThrow());
    }

    private Api.Response as(String user, String path, Object body) {
        return api.perform(MockMvcRequestBuilders.post(path).accept(MediaType.APPLICATION_JSON)
                .contentType(MediaType.APPLICATION_JSON).characterEncoding(StandardCharsets.UTF_8)
                .content(api.write(body)).with(httpBasic(user, PASSWORD)), null);
    }

    /** A visit by the user now, with these problems; its tickets' ids in the order of the problems. */
    private List<String> visit(String user, String code, List<Map<String, Object>> problems) {
        Api.Response r = as(user, "/api/visits", Map.of("enterpriseCreditCode", code, "problems", problems));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        for (JsonNode t : r.json().get("tickets")) {
            ids.add(t.get("id").asText());
        }
        return ids;
    }

    /** A visit by the user to a new enterprise with two problems of the port's (交通运输局（港航）'s). */
    private List<String> twoProblems(String user) {
        return visit(user, api.enterprise(), List.of(Api.problem("CONTAINER", "舱位紧张"),
                Api.problem("CONTAINER", "运价上涨")));
    }

    private static Element card(Element panel, String id) {
        return panel.selectFirst("a.ticket[data-id='" + id + "']");
    }
}
