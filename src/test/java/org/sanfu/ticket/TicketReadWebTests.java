package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.sanfu.ticket.search.TicketIndex;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Reading tickets over the REST API (API.md "Tickets"): the list and its filters and paging, one
 * ticket with the actions its reader may take, its history, and each role's inbox. Every test
 * makes its own enterprises and looks only at their tickets.
 */
@SanfuTest
class TicketReadWebTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    Api api;

    @Autowired
    TicketIndex index;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Tickets tickets;

    // ------------------------------------------------------------------------------------------
    // GET /api/tickets: paging

    @Test
    void listAnswersItemsPageSizeAndTotalAndPagesThroughTheTickets() {
        String code = api.enterprise();
        List<String> mine = ids(api.visit(code, List.of(Api.problem("CONTAINER", "舱位紧张"),
                Api.problem("FINANCING", "流动资金不足"), Api.problem("LABOR", "招工难"))));

        Api.Response first = api.get("/api/tickets?enterprise=" + code + "&page=0&size=2", "leader");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("page").asInt()).isEqualTo(0);
        assertThat(first.json().get("size").asInt()).isEqualTo(2);
        assertThat(first.json().get("total").asLong()).isEqualTo(3);
        assertThat(first.json().get("items")).hasSize(2);

        Api.Response second = api.get("/api/tickets?enterprise=" + code + "&page=1&size=2", "leader");
        assertThat(second.json().get("page").asInt()).isEqualTo(1);
        assertThat(second.json().get("total").asLong()).isEqualTo(3);
        assertThat(second.json().get("items")).hasSize(1);

        Api.Response beyond = api.get("/api/tickets?enterprise=" + code + "&page=2&size=2", "leader");
        assertThat(beyond.status()).isEqualTo(200);
        assertThat(beyond.json().get("items")).isEmpty();
        assertThat(beyond.json().get("total").asLong()).isEqualTo(3);

        List<String> paged = new ArrayList<>(itemIds(first));
        paged.addAll(itemIds(second));
        assertThat(paged).containsExactlyInAnyOrderElementsOf(mine);
    }

    @Test
    void listDefaultsToPageZeroOfTwentyAndAcceptsSizesOneAndTwoHundred() {
        String code = api.enterprise();
        api.visit(code, List.of(Api.problem("CONTAINER", "舱位紧张"), Api.problem("LEGAL", "合同纠纷")));

        Api.Response defaults = api.get("/api/tickets?enterprise=" + code, "leader");
        assertThat(defaults.json().get("page").asInt()).isEqualTo(0);
        assertThat(defaults.json().get("size").asInt()).isEqualTo(20);
        assertThat(defaults.json().get("total").asLong()).isEqualTo(2);

        Api.Response one = api.get("/api/tickets?enterprise=" + code + "&size=1", "leader");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("items")).hasSize(1);
        assertThat(one.json().get("total").asLong()).isEqualTo(2);

        assertThat(api.get("/api/tickets?enterprise=" + code + "&size=200", "leader").status()).isEqualTo(200);
    }

    @Test
    void listRefusesASizeOutsideOneToTwoHundredOrANegativePageNamingTheParameter() {
        assertBadParameter(api.get("/api/tickets?size=0", "leader"), "size");
        assertBadParameter(api.get("/api/tickets?size=201", "leader"), "size");
        assertBadParameter(api.get("/api/tickets?page=-1", "leader"), "page");
        assertBadParameter(api.get("/api/tickets?size=many", "leader"), "size");
        assertBadParameter(api.get("/api/inbox?size=0", "transport"), "size");
        assertBadParameter(api.get("/api/inbox?page=-1", "staff1"), "page");
    }

    @Test
    void listRefusesABadStatusOverdueFromOrToNamingEachParameter() {
        assertBadParameter(api.get("/api/tickets?status=OPEN", "leader"), "status");
        assertBadParameter(api.get("/api/tickets?overdue=maybe", "leader"), "overdue");
        assertBadParameter(api.get("/api/tickets?open=yes", "leader"), "open");
        assertBadParameter(api.get("/api/tickets?from=2021-13-01", "leader"), "from");
        assertBadParameter(api.get("/api/tickets?from=yesterday", "leader"), "from");
        assertBadParameter(api.get("/api/tickets?from=1999-12-31", "leader"), "from");
        assertBadParameter(api.get("/api/tickets?from=2021-01-01&to=2020-01-01", "leader"), "to");
        assertBadParameter(api.get("/api/visits?from=2021-01-01&to=2020-01-01", "leader"), "to");
        assertBadParameter(api.get("/api/tickets?to=-999999999-01-01T00:00:00Z", "leader"), "to");
        assertBadParameter(api.get("/api/tickets?to=2021/01/04", "leader"), "to");
        assertBadParameter(api.get("/api/tickets?department=NOWHERE", "leader"), "department");
        assertBadParameter(api.get("/api/tickets?leadDepartment=NOWHERE", "leader"), "leadDepartment");
        assertBadParameter(api.get("/api/tickets?category=WEATHER", "leader"), "category");

        Api.Response both = api.get("/api/tickets?status=OPEN&overdue=maybe", "leader");
        assertThat(both.status()).isEqualTo(400);
        assertThat(errorFields(both)).contains("status", "overdue");
    }

    // ------------------------------------------------------------------------------------------
    // GET /api/tickets: filters

    @Test
    void statusFilterListsOnlyTicketsInThatStatus() {
        String code = api.enterprise();
        List<JsonNode> tickets = api.visit(code, List.of(Api.problem("CONTAINER", "舱位紧张"),
                Api.problem("OTHER", "其他诉求"), Api.problem("LOGISTICS", "物流不畅")));
        String container = id(tickets.get(0));
        String other = id(tickets.get(1));
        String logistics = id(tickets.get(2));
        api.act(logistics, "sign", "transport", null);

        assertThat(listIds("status=ASSIGNED&enterprise=" + code, "leader")).containsExactly(container);
        assertThat(listIds("status=DISPATCHING&enterprise=" + code, "leader")).containsExactly(other);
        assertThat(listIds("status=IN_PROGRESS&enterprise=" + code, "leader")).containsExactly(logistics);
        assertThat(listIds("status=CLOSED&enterprise=" + code, "leader")).isEmpty();

        // open (addition): every status but CLOSED, as the figures' 在办 counts; false: the CLOSED ones
        api.act(logistics, "reply", "transport", Map.of("resolution", "已疏通", "outcome", "RESOLVED"));
        api.act(logistics, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        assertThat(listIds("open=true&enterprise=" + code, "leader")).containsExactlyInAnyOrder(container, other);
        assertThat(listIds("open=false&enterprise=" + code, "leader")).containsExactly(logistics);
        assertThat(listIds("open=true&status=CLOSED&enterprise=" + code, "leader")).isEmpty();
        // (addition) typed with a Chinese input method, as status and the catalog's codes are read
        assertThat(listIds("open=" + Api.fullWidth("true") + "&enterprise=" + code, "leader"))
                .containsExactlyInAnyOrder(container, other);
        assertThat(listIds("open=" + Api.fullWidth("False") + "&enterprise=" + code, "leader")).containsExactly(logistics);
    }

    @Test
    void departmentFilterMatchesTheLeadAndTheCoDepartments() {
        String code = api.enterprise();
        List<JsonNode> tickets = api.visit(code, List.of(Api.problem("CREDIT_INSURANCE", "信保额度不足"),
                Api.problem("FINANCING", "贷款难"), Api.problem("CONTAINER", "舱位紧张")));
        String creditInsurance = id(tickets.get(0));
        String financing = id(tickets.get(1));
        String container = id(tickets.get(2));
        assertThat(tickets.get(0).get("leadDepartment").asText()).isEqualTo("COMMERCE");
        assertThat(texts(tickets.get(0).get("coDepartments"))).containsExactly("FINANCE");

        assertThat(listIds("department=FINANCE&enterprise=" + code, "leader"))
                .containsExactlyInAnyOrder(creditInsurance, financing);
        assertThat(listIds("department=COMMERCE&enterprise=" + code, "leader")).containsExactly(creditInsurance);
        assertThat(listIds("department=TRANSPORT&enterprise=" + code, "leader")).containsExactly(container);
        assertThat(listIds("department=CUSTOMS&enterprise=" + code, "leader")).isEmpty();

        // leadDepartment: the lead only, as the figures count a ticket
        assertThat(listIds("leadDepartment=FINANCE&enterprise=" + code, "leader")).containsExactly(financing);
        assertThat(listIds("leadDepartment=COMMERCE&enterprise=" + code, "leader")).containsExactly(creditInsurance);
        assertThat(listIds("leadDepartment=COMMERCE&department=FINANCE&enterprise=" + code, "leader"))
                .containsExactly(creditInsurance);
        assertThat(listIds("leadDepartment=COMMERCE&enterprise=" + code, "finance"))
                .as("a department sees what it co-handles by its lead too").containsExactly(creditInsurance);
    }

    @Test
    void reporterFilterListsTheTicketsThatUserReportedFromTheIndexAndInSqlAlike() throws Exception {
        String code = api.enterprise();
        List<String> staff1s = ids(api.visit(code, List.of(Api.problem("CONTAINER", "舱位紧张"),
                Api.problem("FINANCING", "贷款难"))));
        Api.Response byStaff2 = api.post("/api/visits", "staff2", Map.of("enterpriseCreditCode", code,
                "problems", List.of(Api.problem("LOGISTICS", "物流不畅"))));
        assertThat(byStaff2.status()).as(byStaff2.text()).isEqualTo(201);
        String staff2s = id(byStaff2.json().get("tickets").get(0));
        api.act(staff1s.get(0), "sign", "transport", null);
        api.act(staff1s.get(0), "reply", "transport", Map.of("resolution", "已协调", "outcome", "RESOLVED"));
        api.act(staff1s.get(0), "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        awaitIndexReady();

        assertThat(listIds("reporter=staff1&enterprise=" + code, "leader"))
                .containsExactlyInAnyOrderElementsOf(staff1s);
        assertThat(listIds("reporter=staff2&enterprise=" + code, "staff1")).as("staff read all")
                .containsExactly(staff2s);
        assertThat(listIds("reporter=staff1&open=true&enterprise=" + code, "staff1"))
                .containsExactly(staff1s.get(1));
        assertThat(listIds("reporter=nobody&enterprise=" + code, "leader")).as("an unknown user name").isEmpty();
        assertThat(listIds("reporter= staff2 &enterprise=" + code, "leader")).containsExactly(staff2s);
        // a department still sees only what it leads or co-handles, whoever reported it
        assertThat(listIds("reporter=staff1&enterprise=" + code, "finance")).containsExactly(staff1s.get(1));
        assertThat(listIds("reporter=staff2&enterprise=" + code, "finance")).isEmpty();

        // the SQL the index must match (SearchEquivalenceTests compares them at large)
        TicketFilter mine = new TicketFilter(null, null, null, null, code, null, null, null, null, null, null,
                "staff1");
        assertThat(tickets.listInSql(mine, null, org.sanfu.web.PageParams.of(0, 20)).items().stream()
                .map(t -> String.valueOf(t.id())).toList()).containsExactlyInAnyOrderElementsOf(staff1s);
        assertThat(tickets.listInSql(new TicketFilter(null, null, null, null, code, null, null, null, null, null,
                null, "nobody"), null, org.sanfu.web.PageParams.of(0, 20)).total()).isZero();
    }

    @Test
    void sourceFilterListsTheTicketsOfAnyOfTheSourcesAskedForFromTheIndexAndInSqlAlike() throws Exception {
        String code = api.enterprise();
        String visited = id(api.visit(code, List.of(Api.problem("CONTAINER", "走访反映（冷柜）"))).get(0));
        String hotline = id(api.visit(code, "HOTLINE", List.of(Api.problem("CONTAINER", "热线反映"))).get(0));
        String online = id(api.visit(code, "ONLINE", List.of(Api.problem("FINANCING", "网上反映"))).get(0));
        // a channel's tickets keep its code as their source
        TicketWebTestSupport.Channel registered = TicketWebTestSupport.channel(api, "测试渠道");
        String channel = registered.code();
        String fromChannel = id(TicketWebTestSupport.filed(api, registered, code, "渠道反映"));
        awaitIndexReady();

        assertThat(listIds("source=HOTLINE&enterprise=" + code, "leader")).containsExactly(hotline);
        assertThat(listIds("source=HOTLINE&source=ONLINE&enterprise=" + code, "dispatch")).as("either of two")
                .containsExactlyInAnyOrder(hotline, online);
        assertThat(listIds("source=HOTLINE,ONLINE&enterprise=" + code, "dispatch")).as("one value, comma-separated")
                .containsExactlyInAnyOrder(hotline, online);
        assertThat(listIds("source= ONLINE &source=ONLINE&source=&enterprise=" + code, "leader"))
                .as("stripped, once, a blank one left out").containsExactly(online);
        assertThat(listIds("source=" + channel + "&enterprise=" + code, "leader")).containsExactly(fromChannel);
        assertThat(listIds("source=VISIT&source=" + channel + "&enterprise=" + code, "leader"))
                .containsExactlyInAnyOrder(visited, fromChannel);
        assertThat(listIds("source=FORUM&enterprise=" + code, "leader")).isEmpty();
        assertThat(listIds("source=HOTLINE&source=ONLINE&category=FINANCING&enterprise=" + code, "leader"))
                .as("with the other filters").containsExactly(online);
        // a department still sees only what it leads or co-handles, whatever the source
        String onlineLead = api.get("/api/tickets/" + online, "leader").json().get("leadDepartment").asText();
        assertThat(listIds("source=HOTLINE&source=ONLINE&enterprise=" + code, "finance"))
                .containsExactlyElementsOf(onlineLead.equals("FINANCE") ? List.of(online) : List.of());

        // the SQL the index must match (SearchEquivalenceTests compares them at large)
        TicketFilter entries = new TicketFilter(null, null, null, null, code, null, null, null, null, null, null,
                null, List.of("HOTLINE", "ONLINE"));
        assertThat(tickets.listInSql(entries, null, org.sanfu.web.PageParams.of(0, 20)).items().stream()
                .map(t -> String.valueOf(t.id())).toList()).containsExactlyInAnyOrder(hotline, online);
    }

    /**
     * As a Chinese input method types them (ＣＯＳＣＯ, full-width digits, the ideographic space between words) or in
     * lower case, with no-break spaces pasted around them: the search words, the credit code, the reporter's user
     * name and the source filter as meant. The words are folded before the list asks the index (or the SQL), whose
     * texts are indexed as filed: COSCO is found by ＣＯＳＣＯ.
     */
    @Test
    void filtersTypedInFullWidthOrLowerCaseFilterAsMeant() throws Exception {
        String tag = Api.creditCode().substring(9, 16);
        String code = api.enterprise("COSCO" + tag + " Shipping", "全角镇");
        String hotline = id(api.visit(code, "HOTLINE", List.of(Api.problem("CONTAINER", "Reefer 集装箱"))).get(0));
        String visited = id(api.visit(code, List.of(Api.problem("CONTAINER", "走访反映（冷柜）"))).get(0));
        String reporter = api.get("/api/tickets/" + hotline, "leader").json().get("reporter").asText();
        awaitIndexReady();

        assertThat(listIds("q=" + Api.fullWidth("cosco" + tag) + "\u00A0", "leader"))
                .containsExactlyInAnyOrder(hotline, visited);
        assertThat(listIds("q=" + Api.fullWidth("REEFER") + "\u3000" + Api.fullWidth(tag), "leader"))
                .containsExactly(hotline);
        // a word with full-width brackets matches as typed (the title filed with them) or folded
        assertThat(listIds("q=（冷柜）&enterprise=" + code, "leader")).containsExactly(visited);
        assertThat(listIds("q=" + Api.fullWidth("cosco" + tag) + "\u3000（冷柜", "leader")).containsExactly(visited);
        assertThat(listIds("enterprise=\u00A0" + Api.fullWidth(code.toLowerCase()), "leader"))
                .containsExactlyInAnyOrder(hotline, visited);
        assertThat(listIds("source=hotline&enterprise=" + code, "leader")).containsExactly(hotline);
        assertThat(listIds("source=\u00A0" + Api.fullWidth("Hotline") + "\u3000&enterprise=" + code, "dispatch"))
                .containsExactly(hotline);
        assertThat(listIds("source=visit,Hotline&enterprise=" + code, "leader"))
                .containsExactlyInAnyOrder(hotline, visited);
        assertThat(listIds("reporter=" + Api.fullWidth(reporter) + "&source=HOTLINE&enterprise=" + code, "leader"))
                .containsExactly(hotline);
        // still wrong once folded: 400 naming it
        assertBadParameter(api.get("/api/tickets?source=" + Api.fullWidth("phone"), "leader"), "source");
        assertBadParameter(api.get("/api/tickets?enterprise=" + Api.fullWidth(code) + "9", "leader"), "enterprise");
    }

    /**
     * A word finds the tickets of an enterprise by its name as people say it (温岭海通 for 温岭市海通泵业有限公司) and by
     * its town (大桥镇), from the index and from the SQL alike; the name as filed still finds them.
     */
    @Test
    void aWordFindsTicketsByTheEnterpriseNameAsSaidAndByTheTown() throws Exception {
        String tag = Api.creditCode().substring(9, 16);
        String code = api.enterprise("温岭市海通泵业有限公司", "大桥镇");
        String pumps = id(api.visit(code, List.of(Api.problem("CONTAINER", "海运" + tag))).get(0));
        String supermarket = api.enterprise("大润发超市有限公司", "大桥镇");
        String shop = id(api.visit(supermarket, List.of(Api.problem("CONTAINER", "海运" + tag))).get(0));
        awaitIndexReady();

        Map<String, List<String>> expected = new java.util.LinkedHashMap<>();
        expected.put("温岭海通 " + tag, List.of(pumps));
        expected.put("温岭市海通 " + tag, List.of(pumps));
        expected.put(tag + "\u3000大桥镇", List.of(shop, pumps));
        expected.put("大桥 温岭海通 " + tag, List.of(pumps));
        expected.put("大润发超有限 " + tag, List.of());
        expected.put("泽国镇 " + tag, List.of());
        for (Map.Entry<String, List<String>> search : expected.entrySet()) {
            assertThat(listIds("q=" + search.getKey(), "leader")).as(search.getKey())
                    .containsExactlyInAnyOrderElementsOf(search.getValue());
            TicketFilter filter = new TicketFilter(null, null, null, null, null, null, null, null, search.getKey());
            assertThat(tickets.listInSql(filter, null, org.sanfu.web.PageParams.of(0, 20)).items().stream()
                    .map(t -> String.valueOf(t.id())).toList()).as("SQL: " + search.getKey())
                    .containsExactlyInAnyOrderElementsOf(search.getValue());
        }
        assertThat(listIds("q=大桥镇&enterprise=" + code, "dispatch")).containsExactly(pumps);
    }

    @Test
    void aSourceNoTicketCanHaveIsRefusedNamingIt() {
        assertBadParameter(api.get("/api/tickets?source=PHONE", "leader"), "source");
        // no letter but ASCII's is upper-cased into a source's: a dotless ı names none
        assertBadParameter(api.get("/api/tickets?source=HOTLINE&source=hotl\u0131ne", "leader"), "source");
        assertBadParameter(api.get("/api/tickets?source=HOTLINE,ONLINE&source=FORUM", "leader"), "source");
        Api.Response bad = api.get("/api/tickets?source=HOTLINE&source=NOPE", "dispatch");
        assertBadParameter(bad, "source");
        assertThat(bad.json().get("errors").get(0).get("message").asText()).contains("HOTLINE", "ONLINE", "SYSTEMIC");
        assertThat(api.get("/api/tickets?source=SYSTEMIC", "leader").status()).isEqualTo(200);
    }

    @Test
    void aReporterNoUserNameCouldBeIsRefusedNamingIt() {
        assertBadParameter(api.get("/api/tickets?reporter=staff\u0001", "leader"), "reporter");
        assertBadParameter(api.get("/api/tickets?reporter=" + "s".repeat(65), "leader"), "reporter");
        assertThat(api.get("/api/tickets?reporter=" + "s".repeat(64), "leader").status()).isEqualTo(200);
    }

    /**
     * A town, a credit code or words longer than any ticket's (a hostile client's 100 000 characters): 400 naming
     * the parameter, in the caller's language, rather than compared with every ticket. As long as a ticket's still
     * filter: a town of 100 characters and the 18 of a code find their ticket, 200 characters of words are read.
     */
    @Test
    void aTownCodeOrWordsLongerThanAnyTicketsAreRefusedNamingThem() {
        String tail = Api.creditCode().substring(12);
        String town = "长".repeat(100 - tail.length()) + tail;
        String code = api.enterprise("超长条件测试企业", town);
        String ticket = id(api.visit(code, List.of(Api.problem("CONTAINER", "超长条件订舱难"))).get(0));

        assertBadParameter(api.get("/api/tickets?town=" + town + "长", "leader"), "town");
        assertBadParameter(api.get("/api/tickets?enterprise=" + code + "0", "leader"), "enterprise");
        assertBadParameter(api.get("/api/tickets?q=" + "a".repeat(201), "leader"), "q");
        for (String[] language : new String[][] {{"zh-CN", "不能超过 200 个字符"}, {"en", "at most 200 characters"}}) {
            Api.Response r = api.perform(MockMvcRequestBuilders.get("/api/tickets")
                    .queryParam("q", "泵".repeat(100_000)).accept(MediaType.APPLICATION_JSON)
                    .header("Accept-Language", language[0]), "leader");
            assertBadParameter(r, "q");
            assertThat(r.json().path("errors").get(0).path("message").asText()).as(r.text()).contains(language[1]);
        }

        assertThat(listIds("town=" + town, "leader")).containsExactly(ticket);
        assertThat(listIds("enterprise=" + code.toLowerCase(), "leader")).containsExactly(ticket);
        assertThat(listIds("town=" + town + "&q=" + "a".repeat(200), "leader")).isEmpty();
    }

    @Test
    void categoryFilterListsOnlyThatCategory() {
        String code = api.enterprise();
        List<JsonNode> tickets = api.visit(code, List.of(Api.problem("CONTAINER", "舱位紧张"),
                Api.problem("LOGISTICS", "物流不畅"), Api.problem("CONTAINER", "空箱难提")));

        assertThat(listIds("category=CONTAINER&enterprise=" + code, "leader"))
                .containsExactlyInAnyOrder(id(tickets.get(0)), id(tickets.get(2)));
        assertThat(listIds("category=LOGISTICS&enterprise=" + code, "leader")).containsExactly(id(tickets.get(1)));
        assertThat(listIds("category=LABOR&enterprise=" + code, "leader")).isEmpty();
    }

    /**
     * An integrator's codes in lower or mixed case (status=replied, category=financing) filter as in capitals, as a body's
     * enum codes are read (API.md General); a code no case makes known is still 400 naming the parameter.
     */
    @Test
    void statusCategoryAndDepartmentCodesInAnyCaseFilterAsInCapitals() {
        String code = api.enterprise();
        List<JsonNode> tickets = api.visit(code, List.of(Api.problem("CONTAINER", "舱位紧张"),
                Api.problem("LOGISTICS", "物流不畅")));
        String container = id(tickets.get(0));
        String logistics = id(tickets.get(1));

        assertThat(listIds("status=assigned&enterprise=" + code, "leader"))
                .isEqualTo(listIds("status=ASSIGNED&enterprise=" + code, "leader"))
                .containsExactlyInAnyOrder(container, logistics);
        assertThat(listIds("category=container&enterprise=" + code, "leader")).containsExactly(container);
        assertThat(listIds("category=Logistics&status=Assigned&enterprise=" + code, "leader"))
                .containsExactly(logistics);
        String lead = api.get("/api/tickets/" + container, "leader").json().get("leadDepartment").asText();
        assertThat(listIds("leadDepartment=" + lead.toLowerCase(java.util.Locale.ROOT) + "&enterprise=" + code, "leader"))
                .isEqualTo(listIds("leadDepartment=" + lead + "&enterprise=" + code, "leader")).contains(container);
        Api.Response asked = api.get("/api/tickets?status=replied&category=financing&enterprise=" + code, "leader");
        assertThat(asked.status()).as(asked.text()).isEqualTo(200);

        assertBadParameter(api.get("/api/tickets?status=opened", "leader"), "status");
        assertBadParameter(api.get("/api/tickets?category=weather", "leader"), "category");
        // only ASCII letters change case: the dotless ı is no I
        assertBadParameter(api.get("/api/tickets?status=ass\u0131gned", "leader"), "status");
    }

    @Test
    void townFilterListsTheTicketsOfEnterprisesInThatTown() {
        String town = "滨海镇" + Api.creditCode().substring(9);
        String here = api.enterprise("东海泵业有限公司", town);
        String elsewhere = api.enterprise();
        List<String> inTown = ids(api.visit(here, List.of(Api.problem("CONTAINER", "舱位紧张"),
                Api.problem("LABOR", "招工难"))));
        api.visit(elsewhere, List.of(Api.problem("CONTAINER", "舱位紧张")));

        Api.Response byTown = api.get("/api/tickets?size=200&town=" + town, "leader");
        assertThat(itemIds(byTown)).containsExactlyInAnyOrderElementsOf(inTown);
        assertThat(byTown.json().get("items")).allSatisfy(t -> assertThat(t.get("town").asText()).isEqualTo(town));
    }

    @Test
    void enterpriseFilterListsOnlyThatEnterprisesTicketsWhateverTheCaseOfTheCode() {
        String code = api.enterprise();
        String other = api.enterprise();
        List<String> mine = ids(api.visit(code, List.of(Api.problem("CONTAINER", "舱位紧张"))));
        api.visit(other, List.of(Api.problem("CONTAINER", "舱位紧张")));

        assertThat(listIds("enterprise=" + code, "leader")).containsExactlyElementsOf(mine);
        assertThat(listIds("enterprise=" + code.toLowerCase(), "leader")).containsExactlyElementsOf(mine);
    }

    @Test
    void overdueFilterSeparatesLateLoggedTicketsFromFreshOnes() {
        String code = api.enterprise();
        String late = id(visitAt(code, daysAgo(21), List.of(Api.problem("CONTAINER", "三周前反映的舱位问题"))).get(0));
        String fresh = id(api.visit(code, List.of(Api.problem("CONTAINER", "今天反映的舱位问题"))).get(0));

        assertThat(listIds("overdue=true&enterprise=" + code, "leader")).containsExactly(late);
        assertThat(listIds("overdue=false&enterprise=" + code, "leader")).containsExactly(fresh);
        // (addition) in full-width letters, in any case, as open is
        assertThat(listIds("overdue=" + Api.fullWidth("TRUE") + "&enterprise=" + code, "leader")).containsExactly(late);
        assertThat(listIds("overdue=" + Api.fullWidth("false") + "&enterprise=" + code, "leader")).containsExactly(fresh);
    }

    @Test
    void fromAndToAreDaysInTheServiceZoneAndBothInclusive() {
        String code = api.enterprise();
        String jan4 = id(visitAt(code, "2021-01-04T10:00:00+08:00", List.of(Api.problem("CONTAINER", "一月四日"))).get(0));
        // 07:00 in Shanghai is still 4 January in UTC: it belongs to 5 January
        String jan5 = id(visitAt(code, "2021-01-05T07:00:00+08:00", List.of(Api.problem("CONTAINER", "一月五日"))).get(0));
        String jan6 = id(visitAt(code, "2021-01-06T23:30:00+08:00", List.of(Api.problem("CONTAINER", "一月六日"))).get(0));

        assertThat(listIds("enterprise=" + code + "&from=2021-01-05", "leader")).containsExactlyInAnyOrder(jan5, jan6);
        assertThat(listIds("enterprise=" + code + "&to=2021-01-04", "leader")).containsExactly(jan4);
        assertThat(listIds("enterprise=" + code + "&from=2021-01-05&to=2021-01-05", "leader")).containsExactly(jan5);
        assertThat(listIds("enterprise=" + code + "&from=2021-01-04&to=2021-01-06", "leader"))
                .containsExactlyInAnyOrder(jan4, jan5, jan6);
        assertThat(listIds("enterprise=" + code + "&from=2021-01-07", "leader")).isEmpty();
    }

    @Test
    void qFindsWordsInTitleDescriptionOrEnterpriseNameIgnoringCaseAndTakesWildcardsLiterally() {
        String word = "Zeta" + Api.creditCode().substring(12);
        String code = api.enterprise("海门" + word + "阀门有限公司", "测试镇" + Api.creditCode().substring(14));
        String other = api.enterprise();
        List<JsonNode> tickets = api.visit(code, List.of(
                Map.of("category", "CONTAINER", "title", "集装箱运价上涨", "description", "运价翻了三倍"),
                Map.of("category", "POLICY", "title", "完成率100%奖励未兑现", "description", "奖励未到账"),
                Map.of("category", "POLICY", "title", "完成率1000台奖励", "description", "奖励标准不清")));
        String container = id(tickets.get(0));
        String percent = id(tickets.get(1));
        String thousand = id(tickets.get(2));
        String otherContainer = id(api.visit(other, List.of(Map.of("category", "CONTAINER", "title", "舱位紧张",
                "description", "说明：" + word.toUpperCase()))).get(0));

        assertThat(listIds("enterprise=" + code + "&q=运价上涨", "leader")).containsExactly(container);
        assertThat(listIds("enterprise=" + code + "&q=翻了三倍", "leader")).containsExactly(container);
        assertThat(listIds("enterprise=" + code + "&q=" + word.toLowerCase(), "leader"))
                .containsExactlyInAnyOrder(container, percent, thousand);
        assertThat(listIds("enterprise=" + other + "&q=" + word.toLowerCase(), "leader")).containsExactly(otherContainer);
        assertThat(listIds("enterprise=" + code + "&q=100%", "leader")).containsExactly(percent);
        assertThat(listIds("enterprise=" + code + "&q=%", "leader")).containsExactly(percent);
        assertThat(listIds("enterprise=" + code + "&q=无此内容", "leader")).isEmpty();
    }

    @Test
    void filtersCombine() {
        String code = api.enterprise();
        List<JsonNode> tickets = api.visit(code, List.of(Api.problem("CREDIT_INSURANCE", "信保额度不足"),
                Api.problem("FINANCING", "贷款难")));
        api.act(id(tickets.get(1)), "sign", "finance", null);

        assertThat(listIds("enterprise=" + code + "&department=FINANCE&status=ASSIGNED", "leader"))
                .containsExactly(id(tickets.get(0)));
        assertThat(listIds("enterprise=" + code + "&department=FINANCE&category=FINANCING&status=IN_PROGRESS",
                "leader")).containsExactly(id(tickets.get(1)));
        assertThat(listIds("enterprise=" + code + "&department=COMMERCE&category=FINANCING", "leader")).isEmpty();
    }

    // ------------------------------------------------------------------------------------------
    // What a department may see

    @Test
    void aDepartmentListsOnlyTheTicketsItLeadsOrCoHandles() {
        String code = api.enterprise();
        List<JsonNode> tickets = api.visit(code, List.of(Api.problem("CREDIT_INSURANCE", "信保额度不足"),
                Api.problem("FINANCING", "贷款难"), Api.problem("CONTAINER", "舱位紧张")));
        String creditInsurance = id(tickets.get(0));
        String financing = id(tickets.get(1));
        String container = id(tickets.get(2));

        assertThat(listIds("enterprise=" + code, "finance")).containsExactlyInAnyOrder(creditInsurance, financing);
        assertThat(listIds("enterprise=" + code, "commerce")).containsExactly(creditInsurance);
        assertThat(listIds("enterprise=" + code, "transport")).containsExactly(container);
        assertThat(listIds("enterprise=" + code, "customs")).isEmpty();
        assertThat(api.get("/api/tickets?enterprise=" + code, "customs").json().get("total").asLong()).isZero();
        for (String everyone : List.of("staff1", "staff2", "dispatch", "leader", "admin")) {
            assertThat(listIds("enterprise=" + code, everyone)).as(everyone)
                    .containsExactlyInAnyOrder(creditInsurance, financing, container);
        }
    }

    @Test
    void aTicketMovedAwayWhileTheIndexLagsIsNotListedToItsFormerDepartment() throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!index.ready() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(index.ready()).as("the list answers from the index").isTrue();
        String code = api.enterprise();
        String financing = id(api.visit(code, List.of(Api.problem("FINANCING", "贷款难"))).get(0));
        assertThat(listIds("enterprise=" + code, "finance")).containsExactly(financing);
        // another node moved it: this node's index learns of it from the change log within a second. A write
        // that bypasses the log stands for that second: the index may still say FINANCE (or, if the tail
        // rereads the ticket for its creation meanwhile, already COMMERCE); either way finance must not see it
        long id = Long.parseLong(financing);
        jdbc.sql("update ticket set lead_department = 'COMMERCE' where id = ?").param(id).update();
        try {
            assertThat(listIds("enterprise=" + code, "finance")).isEmpty();
            assertThat(api.get("/api/tickets?enterprise=" + code, "finance").json().get("total").asLong()).isZero();
            assertThat(listIds("enterprise=" + code, "leader")).containsExactly(financing);
        } finally {
            // moved back through the log, as a node would: the index must not keep the moment for later tests
            jdbc.sql("update ticket set lead_department = 'FINANCE' where id = ?").param(id).update();
            jdbc.sql("insert into search_change (ticket_id) values (?)").param(id).update();
        }
        long settled = System.nanoTime() + 10_000_000_000L;
        while (!listIds("enterprise=" + code, "finance").equals(List.of(financing)) && System.nanoTime() < settled) {
            Thread.sleep(100);
        }
        assertThat(listIds("enterprise=" + code, "finance")).containsExactly(financing);
    }

    @Test
    void aDepartmentAskingForAnotherDepartmentSeesOnlyWhatItIsInvolvedIn() {
        String code = api.enterprise();
        List<JsonNode> tickets = api.visit(code, List.of(Api.problem("CREDIT_INSURANCE", "信保额度不足"),
                Api.problem("TRADE_FAIR", "展位费补贴"), Api.problem("CONTAINER", "舱位紧张")));
        String creditInsurance = id(tickets.get(0));

        Api.Response transportTickets = api.get("/api/tickets?department=TRANSPORT&enterprise=" + code, "finance");
        assertThat(transportTickets.status()).isEqualTo(200);
        assertThat(itemIds(transportTickets)).isEmpty();
        assertThat(transportTickets.json().get("total").asLong()).isZero();
        // of COMMERCE's two tickets, finance co-handles only the credit insurance one
        assertThat(listIds("department=COMMERCE&enterprise=" + code, "finance")).containsExactly(creditInsurance);
        assertThat(listIds("department=COMMERCE&enterprise=" + code, "commerce")).hasSize(2);
    }

    // ------------------------------------------------------------------------------------------
    // GET /api/tickets/{id}

    @Test
    void oneTicketIsAnsweredWithTheFieldsOfTheContract() {
        String town = "椒江区" + Api.creditCode().substring(12);
        String code = api.enterprise("台州椒江出口水泵有限公司", town);
        JsonNode created = api.visit(code, List.of(Map.of("category", "CREDIT_INSURANCE", "title", "信保额度不足",
                "description", "中信保额度不够，订单无法承接", "urgency", "URGENT"))).get(0);
        String id = id(created);

        Api.Response r = api.get("/api/tickets/" + id, "leader");
        assertThat(r.status()).isEqualTo(200);
        JsonNode t = r.json();
        assertThat(t.get("id").isTextual()).isTrue();
        assertThat(t.get("id").asText()).isEqualTo(id);
        assertThat(t.get("visitId").isTextual()).isTrue();
        assertThat(t.get("visitId").asText()).isEqualTo(created.get("visitId").asText());
        assertThat(t.get("enterpriseCreditCode").asText()).isEqualTo(code);
        assertThat(t.get("enterpriseName").asText()).isEqualTo("台州椒江出口水泵有限公司");
        assertThat(t.get("town").asText()).isEqualTo(town);
        assertThat(t.get("category").asText()).isEqualTo("CREDIT_INSURANCE");
        assertThat(t.get("title").asText()).isEqualTo("信保额度不足");
        assertThat(t.get("description").asText()).isEqualTo("中信保额度不够，订单无法承接");
        assertThat(t.get("urgency").asText()).isEqualTo("URGENT");
        assertThat(t.get("source").asText()).isEqualTo("VISIT");
        assertThat(t.get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(t.get("leadDepartment").asText()).isEqualTo("COMMERCE");
        assertThat(texts(t.get("coDepartments"))).containsExactly("FINANCE");
        for (String time : List.of("reportedAt", "assignedAt", "signDeadline", "replyDeadline")) {
            assertThat(t.get(time).asText()).as(time).endsWith("+08:00");
            OffsetDateTime.parse(t.get(time).asText());
        }
        for (String absent : List.of("signedAt", "repliedAt", "closedAt", "escalationLevel", "satisfaction",
                "resolution")) {
            assertThat(t.has(absent)).as(absent).isTrue();
            assertThat(t.get(absent).isNull()).as(absent).isTrue();
        }
        assertThat(time(t, "signDeadline")).isAfter(time(t, "assignedAt"));
        assertThat(time(t, "replyDeadline")).isAfter(time(t, "reportedAt"));
        assertThat(t.get("overdue").isBoolean()).isTrue();
        assertThat(t.get("overdue").asBoolean()).isFalse();
        assertThat(t.get("reopenCount").asInt()).isZero();
        assertThat(t.get("returnCount").asInt()).isZero();
        assertThat(t.get("allowedActions").isArray()).isTrue();
    }

    @Test
    void anUnknownOrNonNumericTicketIdIs404ProblemJson() {
        for (String id : List.of("999999999999", "abc", "12x", "99999999999999999999999")) {
            Api.Response r = api.get("/api/tickets/" + id, "leader");
            assertThat(r.status()).as(id).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("status").asInt()).isEqualTo(404);
            assertThat(api.get("/api/tickets/" + id + "/history", "leader").status()).as(id).isEqualTo(404);
        }
    }

    @Test
    void aDepartmentNotInvolvedGets403ForTheTicketAndItsHistoryWhileTheCoDepartmentMayRead() {
        String id = id(api.ticket("CREDIT_INSURANCE"));

        for (String outsider : List.of("transport", "customs", "hrss", "justice")) {
            Api.Response r = api.get("/api/tickets/" + id, outsider);
            assertThat(r.status()).as(outsider).isEqualTo(403);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(api.get("/api/tickets/" + id + "/history", outsider).status()).as(outsider).isEqualTo(403);
        }
        assertThat(api.get("/api/tickets/" + id, "commerce").status()).isEqualTo(200);
        assertThat(api.get("/api/tickets/" + id, "finance").status()).isEqualTo(200);
        assertThat(api.get("/api/tickets/" + id + "/history", "finance").status()).isEqualTo(200);
    }

    // ------------------------------------------------------------------------------------------
    // allowedActions

    @Test
    void allowedActionsOfAnAssignedTicketAreSignAndReturnForTheLeadOnly() {
        String id = id(api.ticket("CREDIT_INSURANCE"));

        assertThat(allowed(id, "commerce")).containsExactly("sign", "return", "comment");
        assertThat(allowed(id, "finance")).as("a co-department may only comment before signing").containsExactly("comment");
        assertThat(allowed(id, "dispatch")).containsExactly("comment");
        assertThat(allowed(id, "staff1")).containsExactly("comment");
        assertThat(allowed(id, "leader")).containsExactly("supervise", "comment");
        assertThat(allowed(id, "admin")).containsExactly("comment");

        String container = id(api.ticket("CONTAINER"));
        assertThat(allowed(container, "transport")).containsExactly("sign", "return", "comment");
        assertThat(allowed(container, "dispatch")).containsExactly("comment");
    }

    @Test
    void allowedActionsOfADispatchingTicketAreAssignForDispatchOnly() {
        String id = id(api.ticket("OTHER"));

        assertThat(allowed(id, "dispatch")).containsExactly("assign", "comment");
        assertThat(allowed(id, "staff1")).containsExactly("comment");
        assertThat(allowed(id, "leader")).containsExactly("supervise", "comment");
        assertThat(allowed(id, "admin")).containsExactly("comment");
    }

    @Test
    void allowedActionsFollowTheTicketThroughItsStatuses() {
        String id = id(api.ticket("CONTAINER"));
        JsonNode signed = api.act(id, "sign", "transport", null);
        assertThat(texts(signed.get("allowedActions"))).containsExactly("return", "reply", "extend", "escalate",
                "comment");
        assertThat(allowed(id, "staff1")).containsExactly("comment");
        assertThat(allowed(id, "dispatch")).containsExactly("comment");

        api.act(id, "reply", "transport", Map.of("resolution", "已协调船公司加舱", "outcome", "RESOLVED"));
        assertThat(allowed(id, "staff1")).containsExactly("feedback", "comment");
        assertThat(allowed(id, "staff2")).containsExactly("feedback", "comment");
        assertThat(allowed(id, "transport")).containsExactly("comment");
        assertThat(allowed(id, "dispatch")).containsExactly("comment");
        assertThat(allowed(id, "leader")).containsExactly("comment");

        api.act(id, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        for (String user : List.of("staff1", "staff2", "transport", "dispatch", "leader", "admin")) {
            assertThat(allowed(id, user)).as("%s on a closed ticket", user).containsExactly("comment");
        }
    }

    @Test
    void listedTicketsCarryTheAllowedActionsOfTheCaller() {
        String code = api.enterprise();
        String id = id(api.visit(code, List.of(Api.problem("CONTAINER", "舱位紧张"))).get(0));

        JsonNode asTransport = api.get("/api/tickets?enterprise=" + code, "transport").json().get("items").get(0);
        assertThat(asTransport.get("id").asText()).isEqualTo(id);
        assertThat(texts(asTransport.get("allowedActions"))).containsExactly("sign", "return", "comment");
        JsonNode asLeader = api.get("/api/tickets?enterprise=" + code, "leader").json().get("items").get(0);
        assertThat(texts(asLeader.get("allowedActions"))).containsExactly("supervise", "comment");
    }

    // ------------------------------------------------------------------------------------------
    // GET /api/tickets/{id}/history

    @Test
    void historyListsEveryEventOldestFirstWithActorAndStatusMoves() {
        String id = id(api.ticket("CONTAINER"));
        api.act(id, "sign", "transport", null);
        api.act(id, "reply", "transport", Map.of("resolution", "已协调船公司加舱", "outcome", "RESOLVED"));
        api.act(id, "feedback", "staff2", Map.of("satisfaction", "BASICALLY_SATISFIED", "comment", "基本满意"));

        Api.Response r = api.get("/api/tickets/" + id + "/history", "transport");
        assertThat(r.status()).isEqualTo(200);
        JsonNode history = r.json();
        assertThat(history.isArray()).isTrue();
        history.forEach(e -> assertThat(fieldNames(e))
                .containsExactlyInAnyOrder("at", "actor", "action", "fromStatus", "toStatus", "detail"));
        assertThat(history.findValuesAsText("action")).containsExactly("report", "route", "sign", "reply", "feedback");
        assertThat(history.findValuesAsText("actor")).containsExactly("staff1", "system", "transport", "transport",
                "staff2");

        JsonNode route = history.get(1);
        assertThat(route.get("toStatus").asText()).isEqualTo("ASSIGNED");
        JsonNode sign = history.get(2);
        assertThat(sign.get("fromStatus").asText()).isEqualTo("ASSIGNED");
        assertThat(sign.get("toStatus").asText()).isEqualTo("IN_PROGRESS");
        JsonNode reply = history.get(3);
        assertThat(reply.get("fromStatus").asText()).isEqualTo("IN_PROGRESS");
        assertThat(reply.get("toStatus").asText()).isEqualTo("REPLIED");
        assertThat(reply.get("detail").asText()).contains("已协调船公司加舱");
        JsonNode feedback = history.get(4);
        assertThat(feedback.get("fromStatus").asText()).isEqualTo("REPLIED");
        assertThat(feedback.get("toStatus").asText()).isEqualTo("CLOSED");
        assertThat(feedback.get("detail").asText()).contains("基本满意");

        List<OffsetDateTime> times = new ArrayList<>();
        history.forEach(e -> {
            assertThat(e.get("at").asText()).endsWith("+08:00");
            times.add(OffsetDateTime.parse(e.get("at").asText()));
        });
        assertThat(times).isSortedAccordingTo(OffsetDateTime::compareTo);

        assertThat(api.get("/api/tickets/" + id + "/history", "leader").json()).isEqualTo(history);
    }

    @Test
    void historyOfAnUnroutedTicketSaysTheSystemSentItToDispatch() {
        String id = id(api.ticket("OTHER"));

        JsonNode history = api.get("/api/tickets/" + id + "/history", "dispatch").json();
        assertThat(history.findValuesAsText("action")).containsExactly("report", "route");
        JsonNode route = history.get(1);
        assertThat(route.get("actor").asText()).isEqualTo("system");
        assertThat(route.get("toStatus").asText()).isEqualTo("DISPATCHING");
    }

    // ------------------------------------------------------------------------------------------
    // GET /api/inbox

    @Test
    void aDepartmentsInboxHoldsItsAssignedAndInProgressTicketsOnly() {
        String code = api.enterprise();
        List<JsonNode> tickets = api.visit(code, List.of(Api.problem("CONTAINER", "待签收"),
                Api.problem("LOGISTICS", "办理中"), Api.problem("CONTAINER", "已答复"),
                Api.problem("CONTAINER", "已退回"), Api.problem("FINANCING", "金融办的"),
                Api.problem("CREDIT_INSURANCE", "商务局主办金融办协办")));
        String assigned = id(tickets.get(0));
        String inProgress = id(tickets.get(1));
        String replied = id(tickets.get(2));
        String returned = id(tickets.get(3));
        String financing = id(tickets.get(4));
        String creditInsurance = id(tickets.get(5));
        api.act(inProgress, "sign", "transport", null);
        api.act(replied, "sign", "transport", null);
        api.act(replied, "reply", "transport", Map.of("resolution", "已解决", "outcome", "RESOLVED"));
        api.act(returned, "return", "transport", Map.of("reason", "不属于本部门职责"));

        List<String> transport = inboxIds("transport");
        assertThat(transport).contains(assigned, inProgress).doesNotContain(replied, returned, financing,
                creditInsurance);
        assertThat(inboxIds("finance")).contains(financing).doesNotContain(assigned, creditInsurance);
        assertThat(inboxIds("commerce")).contains(creditInsurance);
        assertThat(inboxIds("customs")).doesNotContain(assigned, inProgress, financing, creditInsurance);
    }

    @Test
    void aDepartmentsInboxShowsTheMostUrgentDeadlineFirst() {
        String code = api.enterprise();
        String threeWeeks = id(visitAt(code, daysAgo(21), List.of(Api.problem("CONTAINER", "三周前"))).get(0));
        String twoWeeks = id(visitAt(code, daysAgo(14), List.of(Api.problem("CONTAINER", "两周前"))).get(0));
        String today = id(api.visit(code, List.of(Api.problem("CONTAINER", "今天"))).get(0));
        api.act(twoWeeks, "sign", "transport", null);
        api.act(threeWeeks, "sign", "transport", null);

        Api.Response first = api.get("/api/inbox?size=200", "transport");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().has("items")).isTrue();
        assertThat(first.json().get("page").asInt()).isZero();
        assertThat(first.json().get("size").asInt()).isEqualTo(200);
        assertThat(first.json().get("total").asLong()).isGreaterThanOrEqualTo(3);
        List<String> mine = new ArrayList<>(inboxIds("transport"));
        mine.retainAll(List.of(threeWeeks, twoWeeks, today));
        assertThat(mine).containsExactly(threeWeeks, twoWeeks, today);
    }

    @Test
    void dispatchsInboxHoldsTheDispatchingTicketsMostUrgentFirst() {
        String code = api.enterprise();
        String fresh = id(api.visit(code, List.of(Api.problem("OTHER", "今天的其他诉求"))).get(0));
        String old = id(visitAt(code, daysAgo(14), List.of(Api.problem("OTHER", "两周前的其他诉求"))).get(0));
        String routed = id(api.visit(code, List.of(Api.problem("CONTAINER", "已派单"))).get(0));

        List<String> inbox = inboxIds("dispatch");
        assertThat(inbox).doesNotContain(routed);
        List<String> mine = new ArrayList<>(inbox);
        mine.retainAll(List.of(fresh, old));
        assertThat(mine).containsExactly(old, fresh);
        JsonNode item = inboxItem("dispatch", old);
        assertThat(item.get("status").asText()).isEqualTo("DISPATCHING");
        assertThat(texts(item.get("allowedActions"))).containsExactly("assign", "comment");
    }

    @Test
    void dispatchsInboxPutsAReturnedTicketByTheSignDeadlineItsCardNames() {
        String code = api.enterprise();
        String earlier;
        String urgent;
        try {
            at("2004-03-09T10:00:00+08:00");
            earlier = id(api.visit(code, List.of(Api.problem("CONTAINER", "周二反映的舱位"))).get(0));
            at("2004-03-10T10:00:00+08:00");
            Map<String, Object> problem = new HashMap<>(Api.problem("CONTAINER", "周三反映的急件"));
            problem.put("urgency", "URGENT");
            urgent = id(api.visit(code, List.of(problem)).get(0));
            at("2004-03-10T11:00:00+08:00");
            api.act(earlier, "return", "transport", Map.of("reason", "不属本局职责"));
            api.act(urgent, "return", "transport", Map.of("reason", "不属本局职责"));
        } finally {
            ClockUtil.reset();
        }
        // the urgent one must be answered first, but the earlier one binds its department to sign first if given back
        assertInboxPutsFirst("dispatch", earlier, urgent, "signDeadline", "replyDeadline");
    }

    @Test
    void staffsInboxPutsRepliedTicketsByTheirFeedbackDue() {
        String code = api.enterprise();
        String answeredFirst;
        String answeredLater;
        try {
            at("2004-03-08T10:00:00+08:00");
            answeredLater = id(api.visit(code, List.of(Api.problem("CONTAINER", "周一反映"))).get(0));
            at("2004-03-09T10:00:00+08:00");
            answeredFirst = id(api.visit(code, List.of(Api.problem("CONTAINER", "周二反映"))).get(0));
            at("2004-03-09T11:00:00+08:00");
            signAndReply(answeredFirst);
            at("2004-03-10T11:00:00+08:00");
            signAndReply(answeredLater);
        } finally {
            ClockUtil.reset();
        }
        assertInboxPutsFirst("staff1", answeredFirst, answeredLater, "feedbackDue", "replyDeadline");
    }

    /**
     * The user's inbox lists {@code first} before {@code second}, as their cards' deadlines ({@code byDeadline})
     * say, where the deadline it does not go by ({@code notBy}) runs the other way.
     */
    private void assertInboxPutsFirst(String user, String first, String second, String byDeadline, String notBy) {
        JsonNode a = inboxItem(user, first);
        JsonNode b = inboxItem(user, second);
        assertThat(instant(b, notBy)).as(notBy).isBefore(instant(a, notBy));
        assertThat(instant(a, byDeadline)).as(byDeadline).isBefore(instant(b, byDeadline));
        List<String> mine = new ArrayList<>(inboxIds(user));
        mine.retainAll(List.of(first, second));
        assertThat(mine).containsExactly(first, second);
    }

    private void signAndReply(String id) {
        api.act(id, "sign", "transport", null);
        api.act(id, "reply", "transport", Map.of("resolution", "已协调", "outcome", "RESOLVED"));
    }

    @Test
    void staffInboxHoldsRepliedTicketsOfEnterprisesTheyLookAfterOrVisited() {
        // looked after by staff1 and visited by staff1
        String own = api.enterprise();
        String ownTicket = repliedTicket(own, "staff1");
        // looked after by staff2 but visited by staff1
        String shared = enterpriseOf("staff2");
        String sharedTicket = repliedTicket(shared, "staff1");
        // looked after by staff2 and visited by staff2
        String others = enterpriseOf("staff2");
        String othersTicket = repliedTicket(others, "staff2");
        // still with the department
        String pending = id(api.visit(own, List.of(Api.problem("CONTAINER", "还在办理"))).get(0));

        List<String> staff1 = inboxIds("staff1");
        assertThat(staff1).contains(ownTicket, sharedTicket).doesNotContain(othersTicket, pending);
        List<String> staff2 = inboxIds("staff2");
        assertThat(staff2).contains(sharedTicket, othersTicket).doesNotContain(ownTicket, pending);
        assertThat(texts(inboxItem("staff1", ownTicket).get("allowedActions"))).containsExactly("feedback", "comment");
    }

    @Test
    void inboxesOfLeaderAndAdminHoldNoneOfTodaysTickets() {
        String code = api.enterprise();
        List<JsonNode> tickets = api.visit(code, List.of(Api.problem("CONTAINER", "待签收"),
                Api.problem("OTHER", "待交办")));
        String replied = repliedTicket(code, "staff1");
        List<String> mine = List.of(id(tickets.get(0)), id(tickets.get(1)), replied);

        assertThat(inboxIds("leader")).doesNotContainAnyElementsOf(mine);
        Api.Response admin = api.get("/api/inbox", "admin");
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.json().get("items")).isEmpty();
        assertThat(admin.json().get("total").asLong()).isZero();
    }

    @Test
    void aTicketLeavesTheInboxOnceTheCallerHasActed() {
        String id = id(api.ticket("OTHER"));
        assertThat(inboxIds("dispatch")).contains(id);

        api.act(id, "assign", "dispatch", Map.of("leadDepartment", "JUSTICE", "coDepartments", List.of()));
        assertThat(inboxIds("dispatch")).doesNotContain(id);
        assertThat(inboxIds("justice")).contains(id);
    }

    // ------------------------------------------------------------------------------------------
    // helpers

    private void awaitIndexReady() throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (!index.ready() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(index.ready()).as("the index is built").isTrue();
    }

    private static String id(JsonNode ticket) {
        return ticket.get("id").asText();
    }

    private static List<String> ids(List<JsonNode> tickets) {
        return tickets.stream().map(TicketReadWebTests::id).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static OffsetDateTime time(JsonNode ticket, String field) {
        return OffsetDateTime.parse(ticket.get(field).asText());
    }

    private static List<String> itemIds(Api.Response list) {
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        return list.json().get("items").findValuesAsText("id").stream().toList();
    }

    private List<String> listIds(String query, String user) {
        return itemIds(api.get("/api/tickets?size=200&" + query, user));
    }

    private List<String> allowed(String id, String user) {
        Api.Response r = api.get("/api/tickets/" + id, user);
        assertThat(r.status()).as(user + ": " + r.text()).isEqualTo(200);
        return texts(r.json().get("allowedActions"));
    }

    private static List<String> errorFields(Api.Response r) {
        return r.json().get("errors").findValuesAsText("field");
    }

    private static void assertBadParameter(Api.Response r, String parameter) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(400);
        assertThat(errorFields(r)).contains(parameter);
    }

    /** Every item of the user's inbox, page by page, in the inbox's order. */
    private List<JsonNode> inbox(String user) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; ; page++) {
            Api.Response r = api.get("/api/inbox?size=200&page=" + page, user);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            r.json().get("items").forEach(items::add);
            if (r.json().get("items").isEmpty() || items.size() >= r.json().get("total").asLong()) {
                return items;
            }
        }
    }

    private List<String> inboxIds(String user) {
        return inbox(user).stream().map(TicketReadWebTests::id).toList();
    }

    private JsonNode inboxItem(String user, String id) {
        return inbox(user).stream().filter(t -> id(t).equals(id)).findFirst().orElseThrow();
    }

    private static void at(String moment) {
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(moment).toInstant()));
    }

    private static Instant instant(JsonNode ticket, String field) {
        assertThat(ticket.path(field).isTextual()).as(field).isTrue();
        return OffsetDateTime.parse(ticket.get(field).asText()).toInstant();
    }

    private static String daysAgo(int days) {
        return OffsetDateTime.now(SHANGHAI).minusDays(days).withNano(0).toString();
    }

    /** Logs a visit by staff1 that took place at the given time; returns its tickets. */
    private List<JsonNode> visitAt(String code, String visitedAt, List<Map<String, Object>> problems) {
        Api.Response r = api.post("/api/visits", "staff1", Map.of("enterpriseCreditCode", code,
                "visitedAt", visitedAt, "problems", problems));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        List<JsonNode> tickets = new ArrayList<>();
        r.json().get("tickets").forEach(tickets::add);
        return tickets;
    }

    /** An enterprise whose resident specialist is the given staff member. */
    private String enterpriseOf(String specialist) {
        String code = Api.creditCode();
        Map<String, Object> body = new HashMap<>(Map.of("creditCode", code, "name", "专员企业" + code.substring(12),
                "town", "测试镇" + code.substring(14), "industry", "阀门", "exporter", true, "key", false));
        body.put("specialist", specialist);
        Api.Response r = api.post("/api/enterprises", "staff1", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return code;
    }

    /** A CONTAINER ticket reported by the staff member and already replied to by transport. */
    private String repliedTicket(String code, String staff) {
        Api.Response r = api.post("/api/visits", staff, Map.of("enterpriseCreditCode", code,
                "problems", List.of(Api.problem("CONTAINER", "舱位紧张"))));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        String id = id(r.json().get("tickets").get(0));
        signAndReply(id);
        return id;
    }
}
