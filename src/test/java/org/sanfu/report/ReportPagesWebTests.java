package org.sanfu.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanfu.Api.at;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.sanfu.web.IsoWeek;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The weekly briefing from the workbench: a signed-in leader downloads it from the dashboard as Excel or
 * Markdown (the API's content, named for its week); a staff member or a department is refused (403),
 * and a wrong week is a Chinese 400 page.
 */
@SanfuTest
class ReportPagesWebTests {

    @Autowired
    Pages pages;
    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Test
    void aLeaderDownloadsTheWeeksBriefingFromTheDashboard() throws Exception {
        var form = pages.get("/", "leader").html().selectFirst("#weeklyBriefing form");
        assertThat(form.attr("action")).isEqualTo("/reports/weekly");
        assertThat(form.select("button[name=format]").eachAttr("value")).containsExactly("xlsx", "md", "docx", "html");

        MockHttpServletResponse excel = download("/reports/weekly?week=2026-W48&format=xlsx", "leader");
        assertThat(excel.getStatus()).isEqualTo(200);
        assertThat(excel.getContentType()).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(excel.getHeader("Content-Disposition")).contains("attachment", "2026-W48.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(excel.getContentAsByteArray()))) {
            assertThat(book.getNumberOfSheets()).isGreaterThan(1);
        }

        MockHttpServletResponse markdown = download("/reports/weekly?week=2026-W48&format=md", "dispatch");
        assertThat(markdown.getStatus()).isEqualTo(200);
        // a .txt a leader's PC opens on a double click, marked UTF-8 for an older Notepad; plain text, no Markdown
        assertThat(markdown.getContentType()).startsWith("text/plain").contains("UTF-8");
        assertThat(markdown.getHeader("Content-Disposition")).contains("2026-W48.txt");
        assertThat(markdown.getContentAsByteArray()).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(markdown.getContentAsString(StandardCharsets.UTF_8)).contains("三服务工作简报（2026年第48周）");

        assertThat(download("/reports/weekly", "admin").getHeader("Content-Disposition"))
                .as("last week by default, as Excel").contains(".xlsx");
    }

    @Test
    void othersAreRefusedAndAWrongWeekIsAChinesePage() throws Exception {
        for (String user : new String[] {"staff1", "finance"}) {
            assertThat(pages.get("/reports/weekly?format=xlsx", user).status()).as(user).isEqualTo(403);
        }
        Pages.Answer wrong = pages.get("/reports/weekly?week=2026-W60&format=xlsx", "leader");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.html().select("#errorTitle").text()).contains("请求有误");
        assertThat(wrong.html().text()).as("the parameter by its Chinese name").contains("周：").doesNotContain("week");
        assertThat(wrong.html().select(".flash.error").text()).as("what is expected, in words and by example, no jargon")
                .isEqualTo("周：必须是年份和周数，写作“年份-W周数”，例如 2020-W24，即 2020 年第 24 周（6 月 8 日周一至 6 月 14 日周日）");
        Pages.Answer pdf = pages.get("/reports/weekly?format=pdf", "leader");
        assertThat(pdf.status()).isEqualTo(400);
        assertThat(pdf.html().text()).contains("格式：").doesNotContain("format");
        assertThat(pages.get("/reports/weekly", (String) null).status()).as("without a session: to sign-in").isEqualTo(302);
    }

    /**
     * (addition) A format is read as typed words are (API.md General): in any case, with spaces around it, on the pages'
     * downloads and the API's alike; HTML is the page, by its own address (303 to format=html). Another word is still 400.
     */
    @Test
    void theFormatIsTakenInAnyCaseWithSpacesAround() throws Exception {
        for (String typed : new String[] {"XLSX", " Xlsx ", "ｘｌｓｘ"}) {
            assertThat(typedFormat("/reports/weekly", "week", "2026-W48", typed).getHeader("Content-Disposition"))
                    .as(typed).contains("2026-W48.xlsx");
        }
        for (String typed : new String[] {"TXT", "Text\u00A0", " MD"}) {
            MockHttpServletResponse text = typedFormat("/reports/monthly", "month", "2026-06", typed);
            assertThat(text.getContentType()).as(typed).startsWith("text/plain");
            assertThat(text.getHeader("Content-Disposition")).as(typed).contains("2026-06.txt");
        }
        assertThat(typedFormat("/reports/weekly", "week", "2026-W48", "Docx ").getHeader("Content-Disposition"))
                .contains("2026-W48.docx");
        MockHttpServletResponse page = typedFormat("/reports/weekly", "week", "2026-W48", " HTML");
        assertThat(page.getStatus()).isEqualTo(303);
        assertThat(page.getRedirectedUrl()).isEqualTo("/reports/weekly?week=2026-W48&format=html");
        assertThat(typedFormat("/reports/monthly", "month", null, "Html").getRedirectedUrl())
                .isEqualTo("/reports/monthly?format=html");
        assertThat(typedFormat("/reports/weekly", "week", "2026-W48", "PDF").getStatus()).isEqualTo(400);
        for (String blank : new String[] {"", " "}) {
            assertThat(typedFormat("/reports/weekly", "week", "2026-W48", blank).getHeader("Content-Disposition"))
                    .as("a blank format is none, as at the API: '%s'", blank).contains("2026-W48.xlsx");
            assertThat(api.perform(get("/api/reports/weekly").queryParam("week", "2026-W48").queryParam("format", blank),
                    "leader").contentType()).as(blank).startsWith("application/json");
        }

        Api.Response excel = api.perform(get("/api/reports/weekly").queryParam("week", "2026-W48")
                .queryParam("format", " XLSX "), "leader");
        assertThat(excel.status()).isEqualTo(200);
        assertThat(excel.contentType()).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(api.perform(get("/api/reports/monthly").queryParam("month", "2026-06").queryParam("format", "Markdown"),
                "leader").contentType()).startsWith("text/markdown");
        assertThat(api.perform(get("/api/reports/monthly").queryParam("format", "DOCX"), "dispatch").contentType())
                .startsWith("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(api.perform(get("/api/reports/weekly").queryParam("format", "Pdf"), "leader").firstFault()
                .get("field").asText()).isEqualTo("format");
    }

    private MockHttpServletResponse typedFormat(String path, String period, String value, String format)
            throws Exception {
        var request = get(path).queryParam("format", format).accept(MediaType.ALL);
        if (value != null) {
            request.queryParam(period, value);
        }
        return pages.mvc().perform(Pages.in(request, pages.session("leader"))).andReturn().getResponse();
    }

    /**
     * 在线查看: the briefing as a page, for a phone in a meeting and for print, saying what the Markdown of the same
     * week says, in its order and words: a week of May 2011 (no other test's) with a resolved ticket whose title is
     * Markdown and HTML, which the page shows as typed, and one overdue.
     */
    @Test
    void aLeaderReadsTheBriefingInTheBrowserAsTheTextSaysIt() throws Exception {
        String town = "简报页测试镇" + Api.creditCode().substring(14);
        try {
            at("2011-05-09T09:00:00");
            String code = api.enterprise("台州简报页阀门有限公司", town);
            List<String> ids = api.visit(code, List.of(Api.problem("FINANCING", TYPED),
                    Api.problem("CONTAINER", "舱位不足"))).stream().map(t -> t.get("id").asText()).toList();
            at("2011-05-10T10:00:00");
            api.act(ids.get(0), "sign", "finance", null);
            // on two lines, as a form sends them: one line of the text download, as of the Markdown
            api.act(ids.get(0), "reply", "finance", Map.of("resolution", "已对接银行\r\n续贷 500 万元",
                    "outcome", "RESOLVED"));
            api.act(ids.get(0), "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
            at("2011-05-30T10:00:00");
            api.sweepDeadlines();
        } finally {
            ClockUtil.reset();
        }
        for (String id : new String[] {"#weeklyBriefing", "#monthlyReport"}) {
            Element open = pages.get("/", "leader").html().selectFirst(id + " form button[value=html]");
            assertThat(open).as(id).isNotNull();
            assertThat(open.attr("name")).isEqualTo("format");
            assertThat(open.text()).isEqualTo("在线查看");
        }

        // the API's Markdown, and the page's text download after its byte-order mark: the same words without the marks
        String markdown = markdown("/api/reports/weekly?week=2011-W19", "leader");
        String plain = download("/reports/weekly?week=2011-W19&format=md", "leader")
                .getContentAsString(StandardCharsets.UTF_8).substring(1);
        assertIsThePlainText(plain, markdown);
        assertThat(plain).as("people's words as typed, not escaped").contains(TYPED);
        for (String typed : new String[] {"text", "txt"}) {
            assertThat(download("/reports/weekly?week=2011-W19&format=" + typed, "leader")
                    .getContentAsString(StandardCharsets.UTF_8)).as(typed).isEqualTo("\uFEFF" + plain);
        }
        Pages.Answer answer = pages.get("/reports/weekly?week=2011-W19&format=html", "leader");
        assertThat(answer.status()).isEqualTo(200);
        Document page = answer.html();
        assertThat(ids(markdown)).as("tickets listed").isNotEmpty();
        assertThat(markdown).contains("金融办", "已对接银行", "舱位不足（主办：交通运输局（港航）");
        assertSaysTheSame(page, markdown);
        // on the page each ticket's number opens it, naming the briefing for the ticket's way back; the Markdown, read
        // away from the workbench, says the number alone
        assertThat(page.select("main li a.ticket-link").eachAttr("href")).as("ticket numbers linked")
                .containsExactlyElementsOf(ids(markdown).stream().map(id -> "/tickets/" + id + "?back=weekly:2011-W19").toList());
        assertThat(page.select("main li a.ticket-link").eachText())
                .containsExactlyElementsOf(ids(markdown).stream().map(id -> "#" + id).toList());
        assertThat(markdown).doesNotContain("/tickets/");
        // 办结时长中位数 in days, as the dashboard says it, on the page and in the Markdown alike
        assertThat(page.select("main table tr:contains(办结时长中位数) td").eachText().get(1)).matches("[0-9.]+ 天|不足 0.1 天");
        assertThat(markdown).containsPattern("\\| 办结时长中位数 \\| ([0-9.]+|不足 0.1) 天 \\|");
        assertThat(page.select("li").eachText()).as("the title as typed, no markup").anyMatch(li -> li.contains(TYPED));
        assertThat(page.select("main b")).isEmpty();
        assertThat(page.select("header.bar")).as("a page of the workbench").hasSize(1);
        assertThat(page.selectFirst("#printBriefing").text()).isEqualTo("打印");
        assertThat(page.select("script[src=/js/briefing.js]")).hasSize(1);
        assertThat(page.selectFirst("#briefingExcel").attr("href")).isEqualTo("/reports/weekly?week=2011-W19&format=xlsx");
        assertThat(page.selectFirst("#briefingText").attr("href")).isEqualTo("/reports/weekly?week=2011-W19&format=md");
        assertThat(page.selectFirst("#briefingText").text()).isEqualTo("下载文本");
        assertThat(page.selectFirst("#briefingExcel").text()).isEqualTo("下载 Excel");

        Pages.Answer month = pages.get("/reports/monthly?month=2011-05&format=html", "dispatch");
        assertThat(month.status()).isEqualTo(200);
        MockHttpServletResponse text = download("/reports/monthly?month=2011-05&format=md", "dispatch");
        assertThat(text.getHeader("Content-Disposition")).contains("2011-05.txt");
        String monthMarkdown = markdown("/api/reports/monthly?month=2011-05", "dispatch");
        assertSaysTheSame(month.html(), monthMarkdown);
        assertIsThePlainText(text.getContentAsString(StandardCharsets.UTF_8).substring(1), monthMarkdown);
        assertThat(month.html().select("h2").eachText()).contains("八、约谈");
        assertThat(month.html().selectFirst("#briefingExcel").attr("href")).isEqualTo("/reports/monthly?month=2011-05&format=xlsx");
        assertThat(month.html().select("main li a.ticket-link").eachAttr("href")).isNotEmpty()
                .allMatch(link -> link.matches("/tickets/\\d+\\?back=monthly:2011-05"));
        assertThat(pages.get("/reports/weekly?format=html", "admin").status()).as("last week by default").isEqualTo(200);
    }

    /**
     * (Addition) 下载 Word: the briefing as a Word document for the office to circulate, named for its week or month,
     * saying what the text download of the same period says, people's words as typed: a week of October 2007 (no
     * other test's) with a ticket whose enterprise and title hold quotes, & and <. Offered beside the other
     * downloads on the page and on the dashboard's forms; refused to STAFF and DEPT as they are.
     */
    @Test
    void aLeaderDownloadsTheBriefingAsAWordDocumentThatSaysWhatTheTextSays() throws Exception {
        String town = "公文测试镇" + Api.creditCode().substring(14);
        try {
            at("2007-10-16T09:00:00");
            String id = api.visit(api.enterprise(BriefingDocxUnitTests.ENTERPRISE, town),
                    List.of(Api.problem("FINANCING", BriefingDocxUnitTests.TITLE))).get(0).get("id").asText();
            at("2007-10-17T10:00:00");
            api.act(id, "sign", "finance", null);
            api.act(id, "reply", "finance", Map.of("resolution", RESOLUTION, "outcome", "RESOLVED"));
            api.act(id, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        } finally {
            ClockUtil.reset();
        }
        for (String id : new String[] {"#weeklyBriefing", "#monthlyReport"}) {
            Element word = pages.get("/", "leader").html().selectFirst(id + " form button[value=docx]");
            assertThat(word).as(id).isNotNull();
            assertThat(word.text()).isEqualTo("下载 Word 文档");
        }
        // both compiled at one moment: each says when it was made, to the minute, and a minute may turn between them
        at("2026-12-01T10:00:00");
        MockHttpServletResponse word;
        String markdown;
        try {
            word = download("/reports/weekly?week=2007-W42&format=docx", "leader");
            markdown = markdown("/api/reports/weekly?week=2007-W42", "leader");
        } finally {
            ClockUtil.reset();
        }
        assertThat(word.getStatus()).isEqualTo(200);
        assertThat(word.getContentType())
                .startsWith("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(ContentDisposition.parse(word.getHeader("Content-Disposition")))
                .satisfies(d -> assertThat(d.isAttachment()).isTrue())
                .satisfies(d -> assertThat(d.getFilename()).isEqualTo("三服务简报-2007-W42.docx"));
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(word.getContentAsByteArray()))) {
            BriefingDocxUnitTests.assertSaysTheSame(docx, markdown);
            assertThat(BriefingDocxUnitTests.paragraphs(docx).get(0)).isEqualTo("三服务工作简报（2007年第42周）");
            assertThat(BriefingDocxUnitTests.headings(docx)).containsExactly("一、总体情况", "二、分类别情况", "三、分部门情况",
                    "四、部门赛马排名", "五、超期事项", "六、本周办结案例", "七、共性问题");
            assertThat(BriefingDocxUnitTests.tables(docx).get(1)).as("二、分类别情况").hasSize(2)
                    .anySatisfy(row -> assertThat(row).startsWith("融资信贷", "1", "1", "100.0%"));
            List<String> runs = new ArrayList<>();
            docx.getParagraphs().forEach(p -> p.getRuns().forEach(r -> runs.add(r.text())));
            assertThat(runs).as("people's words as typed").contains(BriefingDocxUnitTests.ENTERPRISE,
                    BriefingDocxUnitTests.TITLE, RESOLUTION);
            XWPFParagraph body = docx.getParagraphs().get(4);
            assertThat(body.getText()).startsWith("本周共收集企业问题 1 个");
            assertThat(body.getRuns().get(0).getFontFamily(XWPFRun.FontCharRange.eastAsia)).isEqualTo("仿宋");
        }

        Document page = pages.get("/reports/weekly?week=2007-W42&format=html", "dispatch").html();
        assertThat(page.selectFirst("#briefingWord").attr("href"))
                .isEqualTo("/reports/weekly?week=2007-W42&format=docx");
        assertThat(page.selectFirst("#briefingWord").text()).isEqualTo("下载 Word");
        assertThat(pages.get("/reports/monthly?month=2007-10&format=html", "leader").html().selectFirst("#briefingWord")
                .attr("href")).isEqualTo("/reports/monthly?month=2007-10&format=docx");

        MockHttpServletResponse month = download("/reports/monthly?month=2007-10&format=docx", "admin");
        assertThat(month.getStatus()).isEqualTo(200);
        assertThat(ContentDisposition.parse(month.getHeader("Content-Disposition")).getFilename())
                .isEqualTo("三服务月度通报-2007-10.docx");
        String monthText = markdown("/api/reports/monthly?month=2007-10", "admin");
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(month.getContentAsByteArray()))) {
            BriefingDocxUnitTests.assertSaysTheSame(docx, monthText);
            assertThat(BriefingDocxUnitTests.headings(docx)).endsWith("八、约谈");
        }

        for (String path : new String[] {"/reports/weekly?week=2007-W42&format=docx", "/reports/monthly?format=docx"}) {
            for (String user : new String[] {"staff1", "finance"}) {
                assertThat(pages.get(path, user).status()).as(user + " " + path).isEqualTo(403);
            }
        }
        Pages.Answer pdf = pages.get("/reports/monthly?format=pdf", "leader");
        assertThat(pdf.status()).isEqualTo(400);
        assertThat(pdf.html().select(".flash.error").text()).as("the formats there are").contains("docx");
    }

    /**
     * A leader reading a briefing or a monthly report opens a ticket from it and finds the way back there on the
     * ticket's page, to the same week or month; dispatch too.
     */
    @Test
    void aTicketOpenedFromABriefingLeadsBackToIt() {
        String id = api.ticket("CONTAINER").get("id").asText();
        for (String[] from : new String[][] {
                {"weekly:2011-W19", "/reports/weekly?week=2011-W19&format=html", "返回每周简报（2011年第19周）"},
                {"monthly:2011-05", "/reports/monthly?month=2011-05&format=html", "返回月度通报（2011年5月）"}}) {
            for (String user : new String[] {"leader", "dispatch"}) {
                Pages.Answer ticket = pages.get("/tickets/" + id + "?back=" + from[0], user);
                assertThat(ticket.status()).isEqualTo(200);
                Element back = ticket.html().selectFirst("#wayBack");
                assertThat(back).as(user + " " + from[0]).isNotNull();
                assertThat(back.attr("href")).isEqualTo(from[1]);
                assertThat(back.text()).isEqualTo(from[2]);
                assertThat(pages.get(back.attr("href"), user).status()).as("the way back opens").isEqualTo(200);
            }
        }
    }

    /**
     * A new county's first day: the week the dashboard's form gives by default (the last) ended before the first
     * ticket. Its page says so at the top, with the day of that ticket and a link to the week under way (the month
     * under way for the monthly report); its sections say 本周无… where a table had no rows, in the text download too.
     */
    @Test
    void aWeekBeforeTheFirstTicketSaysSoAndLinksToTheWeekUnderWay() throws Exception {
        api.ticket("CONTAINER");
        LocalDate first = jdbc.sql("select min(reported_at) from ticket")
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).single().atZoneSameInstant(ZONE).toLocalDate();
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        String underWay = IsoWeek.of(today).toString();

        Pages.Answer answer = pages.get("/reports/weekly?week=2000-W01&format=html", "leader");
        assertThat(answer.status()).isEqualTo(200);
        Document page = answer.html();
        assertThat(page.select("#noDataYet span").text()).isEqualTo("该周尚无数据（最早的事项反映于 " + first + "）。");
        assertThat(page.selectFirst("#toPeriodUnderWay").attr("href"))
                .isEqualTo("/reports/weekly?week=" + underWay + "&format=html");
        assertThat(page.selectFirst("#toPeriodUnderWay").text()).isEqualTo("查看本周（进行中）的简报");
        for (String heading : List.of("二、分类别情况", "三、分部门情况")) {
            Element section = page.select("main section").stream()
                    .filter(s -> s.selectFirst("h2").text().equals(heading)).findFirst().orElseThrow();
            assertThat(section.select("table")).as(heading).isEmpty();
            assertThat(section.select("p").text()).as(heading).isEqualTo("本周无企业反映的问题。");
        }
        String markdown = markdown("/api/reports/weekly?week=2000-W01", "leader");
        assertSaysTheSame(page, markdown);
        assertThat(markdown).contains("## 二、分类别情况\n\n本周无企业反映的问题。\n")
                .contains("## 三、分部门情况\n\n本周无企业反映的问题。\n").doesNotContain("| 问题类别 |");

        assertThat(pages.get(page.selectFirst("#toPeriodUnderWay").attr("href"), "leader").html().select("#noDataYet"))
                .as("the week under way has the ticket just reported").isEmpty();
        Document month = pages.get("/reports/monthly?month=2000-01&format=html", "leader").html();
        assertThat(month.select("#noDataYet span").text()).isEqualTo("该月尚无数据（最早的事项反映于 " + first + "）。");
        assertThat(month.selectFirst("#toPeriodUnderWay").attr("href"))
                .isEqualTo("/reports/monthly?month=" + YearMonth.from(today) + "&format=html");
    }

    @Test
    void theBriefingPageIsRefusedAsTheDownloadsAreAndAWrongWeekIsAChinesePage() {
        for (String path : new String[] {"/reports/weekly?format=html", "/reports/monthly?format=html"}) {
            for (String user : new String[] {"staff1", "finance"}) {
                assertThat(pages.get(path, user).status()).as(user + " " + path).isEqualTo(403);
            }
        }
        Pages.Answer wrong = pages.get("/reports/weekly?week=2026-W60&format=html", "leader");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.html().select(".flash.error").text()).startsWith("周：");
        Pages.Answer month = pages.get("/reports/monthly?month=2026-13&format=html", "leader");
        assertThat(month.status()).isEqualTo(400);
        assertThat(month.html().select("#errorTitle").text()).contains("请求有误");
        assertThat(pages.get("/reports/weekly?format=pdf", "leader").html().select(".flash.error").text())
                .as("the formats there are").contains("html");
    }

    /**
     * A week or a month not begun (the service's clock) has no briefing: the Chinese 400 page naming 周 or 月份, and
     * the API's 400 naming {@code week} or {@code month}, as the talks refuse a month not begun, rather than an empty
     * report without a word; the week and the month under way still read as they stand.
     */
    @Test
    void aWeekOrAMonthNotBegunIsRefusedOnThePagesAndTheApiWhileTheOnesUnderWayRead() {
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        LocalDate nextMonday = IsoWeek.of(today).sunday().plusDays(1);
        IsoWeek next = IsoWeek.of(nextMonday);
        YearMonth coming = YearMonth.from(today).plusMonths(1);
        String monthWords = coming.getYear() + "年" + coming.getMonthValue() + "月";
        for (String format : new String[] {"html", "xlsx", "docx", "md"}) {
            Pages.Answer week = pages.get("/reports/weekly?week=" + next + "&format=" + format, "leader");
            assertThat(week.status()).as(format).isEqualTo(400);
            assertThat(week.html().select(".flash.error").text()).as(format)
                    .isEqualTo("周：" + next.year() + "年第" + next.week() + "周尚未开始，还没有该周的简报");
            Pages.Answer month = pages.get("/reports/monthly?month=" + coming + "&format=" + format, "leader");
            assertThat(month.status()).as(format).isEqualTo(400);
            assertThat(month.html().select(".flash.error").text()).as(format)
                    .isEqualTo("月份：" + monthWords + "尚未开始，还没有该月的月度通报");
        }
        Api.Response week = api.get("/api/reports/weekly?week=" + next, "leader");
        assertThat(week.status()).isEqualTo(400);
        assertThat(week.firstFault().get("field").asText()).isEqualTo("week");
        Api.Response month = api.get("/api/reports/monthly?month=" + coming, "leader");
        assertThat(month.status()).isEqualTo(400);
        assertThat(month.firstFault().get("field").asText()).isEqualTo("month");
        assertThat(pages.get("/reports/weekly?week=" + IsoWeek.of(today) + "&format=html", "leader").status())
                .isEqualTo(200);
        assertThat(pages.get("/reports/monthly?month=" + YearMonth.from(today) + "&format=html", "leader").status())
                .isEqualTo(200);
    }

    /** A reply's words with quotes, & and <, which the Word document keeps as typed. */
    private static final String RESOLUTION = "已对接\"农商行\" & <续贷>";

    /** A title typed with Markdown and HTML in it, which both forms must show as typed. */
    static final String TYPED = "<b>舱位</b> *急* [订舱](x) | 第#2批";

    private static final Pattern TICKET = Pattern.compile("#(\\d+) ");

    private static List<String> ids(String markdown) {
        return TICKET.matcher(markdown).results().map(m -> m.group(1)).toList();
    }

    /**
     * The page says what the Markdown says: its title, the headings in order, each table's rows cell by cell, each
     * list's items and each paragraph, read without the Markdown's bold and escapes; every ticket number in it.
     */
    private static void assertSaysTheSame(Document page, String markdown) {
        List<String> lines = markdown.lines().toList();
        assertThat(page.selectFirst("h1").text()).isEqualTo(lines.get(0).substring(2));
        assertThat(page.select("main h2").eachText()).as("sections in the same order and words").isEqualTo(
                lines.stream().filter(l -> l.startsWith("## ")).map(l -> l.substring(3)).toList());
        List<List<String>> rows = new ArrayList<>();
        for (Element row : page.select("main table tr")) {
            rows.add(row.select("th, td").stream().map(Element::text).toList());
        }
        assertThat(rows).isEqualTo(lines.stream().filter(l -> l.startsWith("|") && !l.startsWith("|---"))
                .map(l -> Arrays.stream(l.substring(1, l.length() - 1).split("(?<!\\\\)\\|"))
                        .map(cell -> plain(cell.strip())).toList()).toList());
        assertThat(page.select("main li").eachText()).isEqualTo(lines.stream().filter(l -> ITEM.matcher(l).lookingAt())
                .map(l -> plain(ITEM.matcher(l).replaceFirst(""))).toList());
        assertThat(page.select("main section p:not(.swipe-hint)").eachText()).isEqualTo(lines.stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith(">") && !l.startsWith("|")
                        && !ITEM.matcher(l).lookingAt()).map(ReportPagesWebTests::plain).toList());
        assertThat(page.select("#briefingScope").text()).contains(lines.get(2).substring(2).strip());
        String text = page.select("main").text();
        assertThat(ids(markdown)).allSatisfy(id -> assertThat(text).contains("#" + id + " "));
    }

    private static final Pattern ITEM = Pattern.compile("(\\d+\\. |- )");

    /** Markdown's text as read: no bold, no escapes. */
    private static String plain(String markdown) {
        return markdown.replaceAll("(?<!\\\\)\\*\\*", "").replaceAll("\\\\(\\p{Punct})", "$1").strip();
    }

    /** The API's Markdown of a briefing, which the page, the text download and the Word file each say in their way. */
    private String markdown(String path, String user) {
        Api.Response answer = api.perform(MockMvcRequestBuilders.request(HttpMethod.GET, path)
                .header("Accept", "text/markdown"), user);
        assertThat(answer.status()).as(path).isEqualTo(200);
        return answer.text();
    }

    /**
     * The page's text download is the Markdown's document in plain text: line for line the same words, without a
     * heading's #, the period's >, bold's **, escapes or a table's rule; a table's cells between full-width bars, a
     * bulleted item after ·.
     */
    private static void assertIsThePlainText(String text, String markdown) {
        List<String> expected = new ArrayList<>();
        for (String line : markdown.lines().toList()) {
            if (line.isBlank() || line.startsWith("|---")) {
                continue;
            }
            if (line.startsWith("|")) {
                expected.add(String.join("｜", Arrays.stream(line.substring(1, line.length() - 1)
                        .split("(?<!\\\\)\\|")).map(cell -> plain(cell.strip())).toList()));
            } else if (line.startsWith("## ")) {
                expected.add(line.substring(3));
            } else if (line.startsWith("# ") || line.startsWith("> ")) {
                expected.add(line.substring(2).strip());
            } else if (line.startsWith("- ")) {
                expected.add("· " + plain(line.substring(2)));
            } else {
                expected.add(plain(line));
            }
        }
        assertThat(text.lines().filter(line -> !line.isBlank()).toList()).isEqualTo(expected);
        assertThat(text).doesNotContain("**", "|---", "\\").doesNotStartWith("#");
    }

    private MockHttpServletResponse download(String path, String user) throws Exception {
        return pages.mvc().perform(Pages.in(get(path).accept(MediaType.ALL), pages.session(user))).andReturn()
                .getResponse();
    }
}
