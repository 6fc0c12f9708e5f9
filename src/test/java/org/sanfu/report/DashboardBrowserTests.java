package org.sanfu.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sanfu.Api.at;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.sanfu.Api;
import org.sanfu.Browser;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.UriUtils;

/**
 * The dashboard in a real browser ({@link Browser}: Debian's headless Chromium through the system
 * chromedriver, never one downloaded), signed in through the form as the leader. On a desktop the page
 * must show what the API answers for the same parameters, and ECharts must really draw its charts; on a
 * phone (390 px) it must fit the screen.
 *
 * <p>Its data lies in March 2014, in a town of its own (no other test uses that month):
 * <pre>
 * Mon 3 March 09:00  A1-A3 CONTAINER (TRANSPORT), B1-B2 FINANCING (FINANCE), B3 FINANCING with a title
 *                    that is a script, C1 OTHER (no rule: DISPATCHING)
 * Mon 10:00          A1-A3 signed, replied, SATISFIED; B1 signed
 * Wed 5 March 10:00  B2 signed late; B1 replied, DISSATISFIED: reopened
 * Fri 21 March 10:00 every deadline of B1-B3 and C1 has passed: their timers mark them overdue
 *
 * ranking of 2014-03: TRANSPORT 3 tickets, all on time and satisfied: 100.0, GOLD;
 * FINANCE 3 tickets, sign 1/2 + 1 unsigned overdue = 1/3, close 0 + 3 open overdue = 0/3, satisfaction 0/1,
 *         reopen 1/1, return 0/3: (0.2/3 + 0.1) / 1.0 = 16.7, no SNAIL (two ranked, fewer than the six
 *         sanfu.ranking.snail-min-ranked asks for)
 * the town: 4 of 7 tickets overdue, satisfaction 3/4: a red card for both reasons
 * </pre>
 */
@SanfuTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTests {

    static final String SCRIPT_TITLE = "<script>alert('驾驶舱')</script>";
    static final String MONTH = "2014-03";
    static final List<String> CHARTS = List.of("chartByCategory", "chartByDepartment", "chartBySource");

    @RegisterExtension
    static final Browser browser = Browser.desktop();

    @Autowired
    Api api;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;

    String town;
    String query;
    List<String> tickets;

    @BeforeAll
    void march2014() {
        town = "驾驶舱测试镇" + Api.creditCode().substring(12);
        query = "?town=" + town + "&from=" + MONTH + "-01&to=" + MONTH + "-31&month=" + MONTH;
        try {
            visitsAndActionsOfMarch2014();
        } finally {
            ClockUtil.reset();
        }
    }

    private void visitsAndActionsOfMarch2014() {
        at("2014-03-03T09:00:00");
        String code = api.enterprise("台州驾驶舱泵业有限公司", town);
        tickets = api.visit(code, List.of(Api.problem("CONTAINER", "集装箱紧张"), Api.problem("CONTAINER", "舱位不足"),
                Api.problem("CONTAINER", "运费上涨"), Api.problem("FINANCING", "流动资金不足"),
                Api.problem("FINANCING", "贷款审批慢"), Api.problem("FINANCING", SCRIPT_TITLE),
                Api.problem("OTHER", "厂区道路"))).stream().map(t -> t.get("id").asText()).toList();
        String b1 = tickets.get(3);
        String b2 = tickets.get(4);

        at("2014-03-03T10:00:00");
        for (String a : tickets.subList(0, 3)) {
            api.act(a, "sign", "transport", null);
            api.act(a, "reply", "transport", Map.of("resolution", "已协调船公司", "outcome", "RESOLVED"));
            api.act(a, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        }
        api.act(b1, "sign", "finance", null);

        at("2014-03-05T10:00:00");
        api.act(b2, "sign", "finance", null);
        api.act(b1, "reply", "finance", Map.of("resolution", "已对接银行", "outcome", "PARTIAL"));
        api.act(b1, "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED"));

        at("2014-03-21T10:00:00");
        api.sweepDeadlines();
        fireDueTimers(Set.copyOf(tickets.subList(3, 7)));
    }

    /** Runs the timers now due of these tickets' processes, and those the first ones lead to. */
    private void fireDueTimers(Set<String> ticketIds) {
        Set<String> done = new HashSet<>();
        for (int round = 0; round < 10; round++) {
            List<Job> due = management.createJobQuery().timers().executable().list().stream()
                    .filter(job -> !done.contains(job.getId()) && job.getProcessInstanceId() != null
                            && ticketIds.contains(businessKey(job.getProcessInstanceId())))
                    .toList();
            if (due.isEmpty()) {
                return;
            }
            for (Job job : due) {
                done.add(job.getId());
                try {
                    management.executeJob(job.getId());
                } catch (ProcessEngineException gone) {
                    // an earlier timer of the same ticket ended this one's activity
                }
            }
        }
    }

    private String businessKey(String processInstanceId) {
        var instance = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        return instance == null ? null : instance.getBusinessKey();
    }

    /** Opens the dashboard as the leader on a desktop, signed in through the form, and waits for it. */
    private void open(String pathAndQuery) {
        browser.desktopSize().signInAs("leader").open(pathAndQuery);
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("total")));
    }

    private String text(String id) {
        return browser.text(id);
    }

    private JsonNode apiJson(String path) {
        Api.Response r = api.get(path, "leader");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    @Test
    void theHeadlineFiguresShownAreTheSummaryOfTheApiForTheSameTownAndPeriod() {
        open("/" + query);
        JsonNode summary = apiJson("/api/stats/summary" + query.replace("&month=" + MONTH, ""));
        assertThat(summary.get("total").asLong()).isEqualTo(7);
        assertThat(summary.get("overdueOpen").asLong()).isEqualTo(4);
        for (String count : List.of("total", "open", "closed", "overdueOpen")) {
            assertThat(text(count)).as(count).isEqualTo(summary.get(count).asText());
        }
        for (String rate : List.of("closeRate", "onTimeSignRate", "onTimeCloseRate", "satisfactionRate", "reopenRate",
                "returnRate")) {
            assertThat(text(rate)).as(rate).isEqualTo(DashboardWebTests.percent(summary.get(rate)));
        }
        assertThat(text("closeRate")).isEqualTo("42.9%");
        assertThat(text("medianHoursToClose")).isEqualTo(DashboardWebTests.days(summary.get("medianHoursToClose").asDouble()));
        assertThat(text("scope")).contains("2014-03-01 至 2014-03-31", town);
    }

    @Test
    void theRankingShownIsTheApisWithItsMedalsAndTheUnranked() {
        open("/" + query);
        JsonNode ranking = apiJson("/api/stats/ranking?month=" + MONTH);
        assertThat(text("rankingMonth")).isEqualTo("2014年3月");
        for (JsonNode d : ranking.get("departments")) {
            WebElement row = browser.driver().findElement(By.id("rank-" + d.get("key").asText()));
            String key = d.get("key").asText();
            assertThat(row.findElement(By.className("dept")).getText()).as(key).isEqualTo(d.get("label").asText());
            assertThat(row.findElement(By.className("total")).getText()).as(key).isEqualTo(d.get("total").asText());
            assertThat(row.findElement(By.className("rank")).getText()).as(key)
                    .isEqualTo(d.get("rank").isNull() ? "未排名" : d.get("rank").asText());
            assertThat(row.findElement(By.className("score")).getText()).as(key)
                    .isEqualTo(d.get("score").isNull() ? "—" : String.format(Locale.ROOT, "%.1f", d.get("score").asDouble()));
            assertThat(row.findElement(By.className("satisfactionRate")).getText()).as(key)
                    .isEqualTo(DashboardWebTests.percent(d.get("satisfactionRate")));
            String medal = d.get("medal").isNull() ? "" : d.get("medal").asText().equals("GOLD") ? "金牌店小二" : "蜗牛店小二";
            assertThat(row.findElement(By.className("medal-cell")).getText()).as(key).isEqualTo(medal);
        }
        assertThat(browser.driver().findElement(By.id("rank-TRANSPORT")).getText()).contains("1", "100.0", "金牌店小二");
        // finance's unsigned and unanswered tickets past their deadlines count against it: sign 1/3, close 0/3,
        // satisfied 0, reopened all, returned none -> 0.2/3 + 0.1 = 16.7; last of two, too few for a SNAIL
        assertThat(browser.driver().findElement(By.id("rank-FINANCE")).getText()).contains("2", "16.7")
                .doesNotContain("蜗牛店小二");
        assertThat(browser.driver().findElement(By.cssSelector(".rank .note")).getText())
                .contains("第一名得分不低于 80.0", "参与排名的部门不少于 6 个时，排名后三位为蜗牛店小二");
        assertThat(browser.driver().findElement(By.id("rank-JUSTICE")).getText()).contains("未排名");
    }

    @Test
    void theTownThatLagsShowsARedCardWithItsReasons() {
        open("/" + query);
        JsonNode card = apiJson("/api/stats/ranking?month=" + MONTH).get("redCards").findParents("town").stream()
                .filter(c -> c.get("town").asText().equals(town)).findFirst().orElseThrow();
        assertThat(card.get("reasons").toString()).isEqualTo("[\"OVERDUE\",\"SATISFACTION\"]");
        WebElement shown = browser.driver().findElements(By.cssSelector("#redCards .red-card")).stream()
                .filter(li -> li.findElement(By.className("town")).getText().equals(town)).findFirst().orElseThrow();
        assertThat(shown.getText()).contains("亮红牌", "7 件");
        assertThat(shown.findElements(By.className("reason"))).extracting(WebElement::getText)
                .containsExactly("超期比例 " + DashboardWebTests.percent(card.get("overdueRate")),
                        "满意率 " + DashboardWebTests.percent(card.get("satisfactionRate")));
    }

    @Test
    void theOverdueListShowsTheOpenOverdueTicketsWithTheirTitlesAsTextNotAsScript() {
        open("/" + query);
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#overdue tbody tr"));
        List<String> ids = rows.stream().map(r -> r.getDomAttribute("data-id")).toList();
        assertThat(ids).containsExactlyInAnyOrderElementsOf(tickets.subList(3, 7));
        assertThat(text("overdueTotal")).isEqualTo("4");
        WebElement scripted = rows.get(ids.indexOf(tickets.get(5)));
        assertThat(scripted.findElement(By.className("title")).getText()).isEqualTo(SCRIPT_TITLE);
        assertThat(scripted.findElement(By.className("category")).getText()).isEqualTo("融资信贷");
        assertThat(scripted.findElement(By.className("department")).getText()).isEqualTo("金融办");
        assertThat(scripted.findElement(By.className("enterprise")).getText()).isEqualTo("台州驾驶舱泵业有限公司");
        assertThat(scripted.findElement(By.className("deadline")).getText()).isEqualTo("2014-03-12 17:30");
        WebElement unassigned = rows.get(ids.indexOf(tickets.get(6)));
        assertThat(unassigned.findElement(By.className("department")).getText()).as("the status is called 待交办").isEqualTo("尚未交办");
        assertThat(browser.driver().findElements(By.cssSelector("#overdue tbody script"))).isEmpty();
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void anOverdueTicketOpensItsDetailFromTheList() {
        open("/" + query);
        String id = tickets.get(4);
        WebElement link = browser.find("#overdue tr[data-id='" + id + "'] a.ticket-id");
        // the link names the dashboard's month and town it was opened from, and the ticket leads back there
        String href = link.getDomAttribute("href");
        assertThat(href).isEqualTo("/tickets/" + id + "?back=dashboard:" + MONTH + "-01~" + MONTH + "-31~" + MONTH
                + "~town%3D" + UriUtils.encode(town, StandardCharsets.UTF_8));
        link.click();
        browser.await(ExpectedConditions.urlToBe(browser.baseUrl() + href));
        assertThat(browser.path()).isEqualTo(href);
        browser.find("#wayBack").click();
        browser.await(ExpectedConditions.urlToBe(browser.baseUrl() + "/?from=" + MONTH + "-01&to=" + MONTH + "-31&month=" + MONTH
                + "&town=" + UriUtils.encode(town, StandardCharsets.UTF_8)));
        assertThat(browser.find("#overdue").isDisplayed()).isTrue();
    }

    @Test
    void echartsDrawsEveryChartWithTheApisBreakdowns() {
        open("/" + query);
        JsonNode summary = apiJson("/api/stats/summary" + query.replace("&month=" + MONTH, ""));
        JavascriptExecutor js = browser.driver();
        chartsDrawn();
        for (String chart : CHARTS) {
            assertThat(browser.driver().findElement(By.id(chart)).findElements(By.tagName("canvas"))).as(chart).isNotEmpty();
            assertThat(js.executeScript("return echarts.getInstanceByDom(document.getElementById(arguments[0])) != null",
                    chart)).as(chart).isEqualTo(true);
        }
        assertThat(chartTotals(js, "chartByCategory")).isEqualTo(totals(summary.get("byCategory")));
        assertThat(chartTotals(js, "chartByDepartment")).isEqualTo(totals(summary.get("byDepartment")));
        assertThat(chartTotals(js, "chartBySource")).isEqualTo(totals(summary.get("bySource")));
        browser.screenshotForDocs("dashboard-desktop", true);
    }

    @Test
    void aClickOnAPartOfACategorysBarOpensTheTicketsItCountsAndOnItsLabelTheWholeBars() {
        open("/" + query);
        chartsDrawn();
        JavascriptExecutor js = browser.driver();
        WebElement chart = browser.driver().findElement(By.id("chartByCategory"));
        // the first category's bar, where ECharts drew it: the middle of its largest part, that part's
        // count, the left end of the bars (the labels are left of it) and the whole bar's count
        @SuppressWarnings("unchecked")
        List<Number> bar = (List<Number>) js.executeScript("""
                var chart = echarts.getInstanceByDom(document.getElementById('chartByCategory'));
                var values = chart.getOption().series.map(function (s) { return s.data[0]; });
                var part = values.indexOf(Math.max.apply(null, values));
                var before = values.slice(0, part).reduce(function (a, b) { return a + b; }, 0);
                var at = chart.convertToPixel({gridIndex: 0}, [before + values[part] / 2, 0]);
                var axis = chart.convertToPixel({gridIndex: 0}, [0, 0]);
                return [at[0], at[1], values[part], axis[0], values.reduce(function (a, b) { return a + b; }, 0)];
                """);
        int dx = -chart.getSize().getWidth() / 2;
        int dy = bar.get(1).intValue() - chart.getSize().getHeight() / 2;
        new Actions(browser.driver()).moveToElement(chart, bar.get(0).intValue() + dx, dy).click().perform();
        browser.await(ExpectedConditions.urlContains("/tickets?"));
        assertThat(browser.driver().getCurrentUrl()).contains("category=", "town=", "open=");
        assertThat(browser.driver().findElement(By.id("total")).getText())
                .isEqualTo("共 " + bar.get(2).intValue() + " 件");

        open("/" + query);
        chartsDrawn();
        chart = browser.driver().findElement(By.id("chartByCategory"));
        new Actions(browser.driver()).moveToElement(chart, bar.get(3).intValue() - 12 + dx, dy).click().perform();
        browser.await(ExpectedConditions.urlContains("/tickets?"));
        assertThat(browser.driver().getCurrentUrl()).contains("category=", "town=").doesNotContain("open=");
        assertThat(browser.driver().findElement(By.id("total")).getText())
                .isEqualTo("共 " + bar.get(4).intValue() + " 件");
    }

    @Test
    void onAPhoneTheDashboardFitsTheScreenAndItsTablesScrollInsideTheirPanels() {
        browser.phoneSize().signInAs("leader").open("/" + query);
        chartsDrawn();
        // a link in a table (a department, its total, an overdue ticket's number and title) is tapped as often as a
        // figure's, and so are a red card's town and a panel's 查看全部 beside its heading
        browser.noSidewaysScroll().tapTargetsAtLeast44px(".filters a, .kpi-link, table.table td a, .red-card a.town, h2 a.sub");
        assertThat(browser.findAll("#ranking td a, #overdue td a")).as("the table links checked").hasSizeGreaterThan(4);
        assertThat(browser.findAll("#redCards a.town")).as("the red cards' towns checked").isNotEmpty();
        assertThat(browser.findAll("#overdueAll, #closedAll")).as("the panels' 查看全部 checked").hasSize(2);
        assertThat(browser.find("header.bar nav").getText()).as("the shared top bar").contains("工作台", "事项", "驾驶舱");
        assertThat(text("scope")).contains(town);

        long innerWidth = (Long) browser.script("return window.innerWidth");
        for (String chart : CHARTS) {
            assertThat((Long) browser.script("return echarts.getInstanceByDom(document.getElementById(arguments[0])).getWidth()",
                    chart)).as("%s drawn to the phone's width", chart).isBetween(innerWidth - 80, innerWidth);
        }
        assertThat(browser.script("var wrap = document.getElementById('ranking').parentElement; "
                + "return getComputedStyle(wrap).overflowX + ' ' + (wrap.scrollWidth > wrap.clientWidth)"))
                .as("the ranking's 12 columns scroll inside their panel").isEqualTo("auto true");
        assertThat(browser.script("return getComputedStyle(document.getElementById('overdue').parentElement).overflowX"))
                .isEqualTo("auto");
        // a table wider than the phone says it scrolls, right above it: the 季度通报's 亮红牌 column and the
        // overdue list's deadlines are out of sight otherwise
        assertThat(tablesScrollingWithoutTheirHint())
                .as("tables scrolling inside their panels without the hint above them").isEmpty();
        assertThat((Long) browser.script("return document.querySelectorAll('.table-wrap').length")).isGreaterThan(2L);
        // 季度通报 a card a month: every 记录约谈 on the screen, none beyond its edge to be swiped to
        assertThat(browser.findAll("#quarterMonths a.record-talk")).as("the talks to record checked").isNotEmpty();
        assertThat(browser.script("""
                return [...document.querySelectorAll('#quarterMonths a.record-talk, #quarterMonths td')]
                  .filter(e => e.getBoundingClientRect().right > document.getElementById('quarterMonths').parentElement
                    .getBoundingClientRect().right + 0.5).map(e => e.textContent.trim().slice(0, 20))"""))
                .as("季度通报's cells and 记录约谈 beyond its panel's edge").asList().isEmpty();
        assertThat(browser.find("#quarterRoll .swipe-hint").isDisplayed()).as("季度通报 has nothing to swipe").isFalse();
        assertThat(browser.findAll(".kpis.counts .kpi").stream().map(k -> k.getRect().getY()).distinct().count())
                .as("the four counts wrap two by two").isEqualTo(2);

        browser.screenshotForDocs("dashboard-phone", false);
        browser.fullPageScreenshot("dashboard-phone-whole");
        browser.desktopSize();
    }

    /**
     * 在线查看 on a phone (the week of 3 March 2014): the briefing opens as a page that fits the screen, its tables
     * scrolling inside their boxes, a script title shown as text, and 打印 shown by its script (js/briefing.js,
     * none inline: the Content-Security-Policy would refuse it); printed, without the top bar and the buttons.
     */
    @Test
    void onAPhoneTheWeeksBriefingOpensInTheBrowserAndFitsTheScreen() {
        browser.phoneSize().signInAs("leader").open("/" + query);
        browser.script("document.querySelector('#weeklyBriefing input[name=week]').value = '2014-W10'");
        browser.follow("#weeklyBriefing button[value=html]");
        assertThat(browser.path()).isEqualTo("/reports/weekly?week=2014-W10&format=html");
        // a ticket's number in 五、超期事项 (#120) is opened with a thumb in a meeting, as a table's links are
        browser.noSidewaysScroll().noPolicyViolations().tapTargetsAtLeast44px("a.ticket-link");
        assertThat(browser.findAll("a.ticket-link")).as("the ticket links checked").hasSizeGreaterThan(2);
        assertThat(browser.find("h1").getText()).isEqualTo("三服务工作简报（2014年第10周）");
        assertThat(browser.findAll("main h2").stream().map(WebElement::getText).toList())
                .startsWith("一、总体情况", "二、分类别情况", "三、分部门情况", "四、部门赛马排名", "五、超期事项");
        assertThat(browser.find("main").getText()).as("a title as typed").contains(SCRIPT_TITLE, "台州驾驶舱泵业有限公司");
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        WebElement print = browser.find("#printBriefing");
        assertThat(print.isDisplayed()).as("打印, shown by its script").isTrue();
        assertThat(print.getText()).isEqualTo("打印");
        assertThat(browser.script("""
                return [...document.querySelectorAll('.table-wrap')].filter(w => w.scrollWidth > w.clientWidth)
                  .map(w => getComputedStyle(w).overflowX)"""))
                .as("the department tables, wider than the phone, scroll in their boxes").asList().isNotEmpty()
                .containsOnly("auto");
        assertThat(tablesScrollingWithoutTheirHint())
                .as("tables scrolling inside their panels without the hint above them").isEmpty();
        browser.screenshot("briefing-phone");

        // on paper (sanfu.css's print rule): neither the top bar nor the buttons, black on white
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(browser.find("header.bar").isDisplayed()).as("the top bar, printed").isFalse();
            assertThat(browser.find("#briefingActions").isDisplayed()).as("the buttons, printed").isFalse();
            assertThat(browser.script("return getComputedStyle(document.body).backgroundColor + ' '"
                    + " + getComputedStyle(document.querySelector('main p')).color"))
                    .isEqualTo("rgb(255, 255, 255) rgb(0, 0, 0)");
            assertThat(browser.find("main h2").isDisplayed()).isTrue();
            assertThat(browser.script("return document.querySelector('a.ticket-link').getBoundingClientRect().height"))
                    .as("a ticket's number, printed: a line of the text, not a thumb's target").asString()
                    .satisfies(height -> assertThat(Double.parseDouble(height)).isLessThan(30));
        } finally {
            browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
        browser.desktopSize();
    }

    /**
     * The monthly report read on a phone (March 2014, 在线查看 from the dashboard's 月度通报): it fits the screen, its
     * wide tables scroll inside their boxes under the hint, and its tickets' numbers are a thumb's targets.
     */
    @Test
    void onAPhoneTheMonthlyReportOpensInTheBrowserAndFitsTheScreen() {
        browser.phoneSize().signInAs("leader").open("/" + query);
        browser.script("document.querySelector('#monthlyReport input[name=month]').value = '" + MONTH + "'");
        browser.follow("#monthlyReport button[value=html]");
        assertThat(browser.path()).isEqualTo("/reports/monthly?month=" + MONTH + "&format=html");
        assertThat(browser.find("h1").getText()).isEqualTo("三服务月度通报（2014年3月）");
        browser.noSidewaysScroll().noPolicyViolations().tapTargetsAtLeast44px("a.ticket-link");
        assertThat(browser.findAll("a.ticket-link")).as("the ticket links checked").hasSizeGreaterThan(2);
        assertThat(tablesScrollingWithoutTheirHint())
                .as("tables scrolling inside their panels without the hint above them").isEmpty();
        browser.fullPageScreenshot("monthly-report-phone");
        browser.desktopSize();
    }

    /**
     * A value axis in the thousands at 390 px: its labels (0, 5,000, 10,000, 15,000 …) must stand apart, not run
     * together as 05,00010,00015,000. The page's own script draws the charts again from figures 7,000 times this
     * class's (a bar of 21,000 tickets, as all time in a large county), put into the page's #chartData: a town of that size would take thousands of
     * tickets to make.
     */
    @Test
    void onAPhoneTheChartsValueLabelsInTheThousandsStandApart() {
        browser.phoneSize().signInAs("leader").open("/" + query);
        chartsDrawn();
        browser.script("""
                var data = JSON.parse(document.getElementById('chartData').textContent);
                Object.values(data).forEach(function (chart) {
                  ['closed', 'openInTime', 'overdueOpen'].forEach(function (k) {
                    chart[k] = chart[k].map(function (v) { return v * 7000; }); });
                });
                document.getElementById('chartData').textContent = JSON.stringify(data);
                arguments[0].forEach(function (id) {
                  var el = document.getElementById(id);
                  echarts.dispose(el);
                  el.removeAttribute('data-rendered');
                });
                var again = document.createElement('script');
                again.src = '/js/dashboard.js?again';
                document.body.appendChild(again);""", CHARTS);
        chartsDrawn();
        browser.noPolicyViolations();
        for (String chart : CHARTS) {
            List<Map<String, Object>> labels = valueAxisLabels(chart);
            assertThat(labels).as("%s's value axis labels", chart).hasSizeGreaterThanOrEqualTo(2);
            assertThat(labels.stream().map(l -> (String) l.get("text")).toList()).as(chart).contains("0")
                    .anyMatch(t -> t.contains(","));
            for (int i = 1; i < labels.size(); i++) {
                double gap = ((Number) labels.get(i).get("left")).doubleValue()
                        - ((Number) labels.get(i - 1).get("right")).doubleValue();
                assertThat(gap).as("%s: room between %s and %s", chart, labels.get(i - 1).get("text"),
                        labels.get(i).get("text")).isGreaterThanOrEqualTo(8);
            }
        }
        browser.script("document.getElementById('chartByCategory').scrollIntoView()");
        browser.screenshot("dashboard-phone-thousands");
        browser.desktopSize();
    }

    /** The value axis's labels ECharts drew (not those it hid), left to right: their text and their left and right ends. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> valueAxisLabels(String chart) {
        return (List<Map<String, Object>>) browser.script("""
                var chart = echarts.getInstanceByDom(document.getElementById(arguments[0]));
                var grid = chart.getModel().getComponent('grid', 0).coordinateSystem.getRect();
                var out = [];
                chart.getZr().storage.getDisplayList().forEach(function (el) {
                  var text = el.style && el.style.text;
                  if (typeof text !== 'string' || !/^[0-9][0-9,.]*$/.test(text) || el.invisible) { return; }
                  var r = el.getBoundingRect().clone();
                  r.applyTransform(el.getComputedTransform());
                  if (r.y < grid.y + grid.height) { return; }
                  out.push({text: text, left: r.x, right: r.x + r.width});
                });
                return out.sort(function (a, b) { return a.left - b.left; });""", chart);
    }

    /** The tables wider than their box whose 表格较宽，可左右滑动查看。 is missing or hidden, by their aria-label. */
    @SuppressWarnings("unchecked")
    private List<Object> tablesScrollingWithoutTheirHint() {
        return (List<Object>) browser.script("""
                return [...document.querySelectorAll('.table-wrap')].filter(w => w.scrollWidth > w.clientWidth)
                  .filter(w => { var hint = w.previousElementSibling;
                    return !(hint && hint.classList.contains('swipe-hint') && hint.getClientRects().length > 0); })
                  .map(w => w.getAttribute('aria-label'));""");
    }

    @Test
    void fromAPhoneToAWideScreenNothingScrollsSideways() {
        browser.phoneSize().signInAs("leader").open("/" + query);
        chartsDrawn();
        for (int width : List.of(320, 390, 600, 768, 1024, 1280, 1440, 1920)) {
            browser.resize(new Browser.Size(width, 900, width < 760)).noSidewaysScroll();
        }
        browser.desktopSize();
    }

    @Test
    void eachFiguresHintIsShownWholeOnAPhoneAndAtADesk() {
        // the hint says what a figure counts (期间内反映的问题（按反映时间计）, （满意 + 基本满意）/ 已评价); cut to an
        // ellipsis, its rest was in a hover title that a phone cannot show
        browser.phoneSize().signInAs("leader").open("/" + query);
        for (Browser.Size size : List.of(new Browser.Size(360, 640, true), Browser.Size.PHONE,
                new Browser.Size(1366, 768, false))) {
            browser.resize(size);
            assertThat(browser.script("""
                    return [...document.querySelectorAll('.kpi-hint')].filter(h => h.scrollWidth > h.clientWidth)
                      .map(h => h.textContent);"""))
                    .as("hints cut short at %d px", size.width()).asList().isEmpty();
            assertThat(browser.findAll(".kpi-hint")).extracting(WebElement::getText)
                    .contains("期间内反映的问题（按反映时间计）", "（满意 + 基本满意）/ 已评价");
        }
        browser.desktopSize();
    }

    private void chartsDrawn() {
        for (String chart : CHARTS) {
            browser.await(ExpectedConditions.attributeToBe(By.id(chart), "data-rendered", "true"));
        }
    }

    /** "label=total" for each bar of the chart: the sum of its stacked series. */
    @SuppressWarnings("unchecked")
    private static List<String> chartTotals(JavascriptExecutor js, String chart) {
        return (List<String>) js.executeScript("""
                var option = echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption();
                return option.yAxis[0].data.map(function (label, i) {
                  return label + '=' + option.series.reduce(function (sum, s) { return sum + s.data[i]; }, 0);
                });
                """, chart);
    }

    private static List<String> totals(JsonNode breakdown) {
        List<String> totals = new ArrayList<>();
        breakdown.forEach(b -> totals.add(b.get("label").asText() + "=" + b.get("total").asText()));
        return totals;
    }
}
