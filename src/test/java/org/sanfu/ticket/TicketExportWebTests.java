package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The ticket list exported as Excel (导出) from /tickets: the list's filters and who may see what, a
 * title line saying what was exported, the columns in Chinese, people's text as typed.
 */
@SanfuTest
class TicketExportWebTests {

    @Autowired
    Api api;
    @Autowired
    Pages pages;
    @Autowired
    JdbcClient jdbc;

    /** Cells as Excel shows them. */
    private static final DataFormatter SHOWN = new DataFormatter(Locale.ROOT);

    private MockHttpServletResponse download(String path, String user) throws Exception {
        return pages.mvc().perform(Pages.in(get(path).accept(MediaType.ALL), pages.session(user))).andReturn()
                .getResponse();
    }

    private static List<List<String>> rows(MockHttpServletResponse excel) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(excel.getContentAsByteArray()))) {
            assertThat(book.getNumberOfSheets()).isEqualTo(1);
            Sheet sheet = book.getSheet("事项清单");
            List<List<String>> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    Cell cell = row.getCell(c);
                    // a moment as Excel shows it (its date format), a number as its digits
                    cells.add(cell == null ? "" : cell.getCellType() != CellType.NUMERIC ? cell.getStringCellValue()
                            : DateUtil.isCellDateFormatted(cell) ? SHOWN.formatCellValue(cell)
                            : String.valueOf((long) cell.getNumericCellValue()));
                }
                rows.add(cells);
            }
            return rows;
        }
    }

    @Test
    void aLeaderExportsTheFilteredListWithItsColumnsInChineseAndTextAsTyped() throws Exception {
        String town = "导出镇" + Api.creditCode().substring(12);
        String code = api.enterprise("台州导出泵业有限公司", town);
        String formula = "=HYPERLINK(\"http://example.com\",\"点我\")";
        List<JsonNode> tickets = api.visit(code, List.of(Api.problem("CONTAINER", "海运舱位紧张，运价上涨"),
                Map.of("category", "FINANCING", "title", formula, "description", "贷款_x0041_审批慢")));
        String container = tickets.get(0).get("id").asText();
        api.act(container, "sign", "transport", null);

        String link = pages.get("/tickets?town=" + town, "leader").html().select("#export").attr("href");
        assertThat(URLDecoder.decode(link, StandardCharsets.UTF_8)).isEqualTo("/tickets/export?town=" + town);

        MockHttpServletResponse excel = download("/tickets/export?town=" + town, "leader");
        assertThat(excel.getStatus()).isEqualTo(200);
        assertThat(excel.getContentType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        String disposition = excel.getHeader("Content-Disposition");
        assertThat(disposition).contains("attachment");
        assertThat(URLDecoder.decode(disposition.substring(disposition.indexOf("filename*=UTF-8''") + 17),
                StandardCharsets.UTF_8)).as("the day alone, no zone offset").matches("事项清单-\\d{8}\\.xlsx");
        List<List<String>> rows = rows(excel);
        assertThat(rows.get(0).get(0)).startsWith("事项清单（导出时间 ").contains("；镇（街道） " + town, "；共 2 件）");
        assertThat(rows.get(1)).startsWith("编号", "反映时间", "企业名称", "统一社会信用代码", "镇（街道）", "问题类别", "事项");
        assertThat(rows).hasSize(4);
        // (addition) a status as the list reads it (any ASCII case, full-width) is named in Chinese, as the list names it
        assertThat(rows(download("/tickets/export?town=" + town + "&status=ａｓｓｉｇｎｅｄ", "leader")).get(0).get(0))
                .contains("；状态 待签收，镇（街道） " + town, "；共 1 件）");
        List<String> signed = rows.stream().filter(r -> r.get(0).equals(container)).findFirst().orElseThrow();
        assertThat(signed).contains("台州导出泵业有限公司", code, town, "集装箱/海运舱位", "海运舱位紧张，运价上涨", "办理中",
                "交通运输局（港航）", "一般", "走访");
        List<String> financing = rows.stream().filter(r -> r.get(0).equals(tickets.get(1).get("id").asText()))
                .findFirst().orElseThrow();
        assertThat(financing).contains(formula, "贷款_x0041_审批慢", "待签收", "金融办");

        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(excel.getContentAsByteArray()))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).as("headings stay in view").isEqualTo((short) 2);
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).as("a filter on every column").isEqualTo("A2:X4");
            assertThat(sheet.getColumnWidth(6)).as("the title's column is wide enough to read").isEqualTo(30 * 256);
            for (Row row : sheet) {
                if (row.getCell(6) != null && formula.equals(row.getCell(6).getStringCellValue())) {
                    assertThat(row.getCell(6).getCellType()).isEqualTo(CellType.STRING);
                    assertThat(row.getCell(6).getCellStyle().getQuotePrefixed()).as("kept text when edited").isTrue();
                }
            }
        }
    }

    /**
     * A ticket reopened on a 不满意 and replied again waits for a new rating: its 企业评价 is the earlier round's,
     * said so (上次回访：不满意), not the answer to this reply; once rated, the rating alone.
     */
    @Test
    void theRatingOfATicketRepliedAgainAfterAReopenIsTheEarlierRounds() throws Exception {
        String town = "重评镇" + Api.creditCode().substring(12);
        String id = api.visit(api.enterprise("台州重评泵业有限公司", town), List.of(Api.problem("CONTAINER", "舱位紧张")))
                .get(0).get("id").asText();
        api.act(id, "sign", "transport", null);
        api.act(id, "reply", "transport", Map.of("resolution", "已协调船公司", "outcome", "PARTIAL"));
        api.act(id, "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED", "comment", "仍订不到舱"));
        api.act(id, "reply", "transport", Map.of("resolution", "已增开航线", "outcome", "RESOLVED"));
        assertThat(rating(town)).isEqualTo("上次回访：不满意");
        api.act(id, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        assertThat(rating(town)).isEqualTo("满意");
    }

    /** The 企业评价 of the one ticket of the town in the export. */
    private String rating(String town) throws Exception {
        MockHttpServletResponse excel = download("/tickets/export?town=" + town, "leader");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(excel.getContentAsByteArray()))) {
            Row headings = book.getSheetAt(0).getRow(1);
            for (Cell heading : headings) {
                if (heading.getStringCellValue().equals("企业评价")) {
                    return book.getSheetAt(0).getRow(2).getCell(heading.getColumnIndex()).getStringCellValue();
                }
            }
            throw new AssertionError("no 企业评价 column");
        }
    }

    /**
     * (addition) The moments are Excel's date-times, not text, so that Excel sorts and filters them by date: each a
     * number cell in the format yyyy-mm-dd hh:mm holding the moment in the service's zone, shown as the page shows it
     * (2026-12-01 10:00); a moment not yet reached (答复时间, 办结时间) is a blank cell. Before, each was that text.
     */
    @Test
    void theMomentsAreDateTimeCellsShownAsThePagesShowThem() throws Exception {
        String town = "时刻镇" + Api.creditCode().substring(12);
        String code = api.enterprise("台州时刻泵业有限公司", town);
        String id = api.visit(code, List.of(Api.problem("CONTAINER", "舱位紧张"))).get(0).get("id").asText();
        JsonNode signed = api.act(id, "sign", "transport", null);
        assertThat(signed.get("signedAt").isNull()).isFalse();

        MockHttpServletResponse excel = download("/tickets/export?town=" + town, "leader");
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        DateTimeFormatter shown = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(excel.getContentAsByteArray()))) {
            Row headings = book.getSheetAt(0).getRow(1);
            Row row = book.getSheetAt(0).getRow(2);
            assertThat(SHOWN.formatCellValue(row.getCell(0))).isEqualTo(id);
            Map<String, Integer> column = new HashMap<>();
            headings.forEach(c -> column.put(c.getStringCellValue(), c.getColumnIndex()));
            Map<String, String> moments = Map.of("反映时间", "reportedAt", "签收期限", "signDeadline", "签收时间", "signedAt",
                    "答复期限", "replyDeadline");
            moments.forEach((heading, field) -> {
                Instant at = java.time.OffsetDateTime.parse(signed.get(field).asText()).toInstant().truncatedTo(ChronoUnit.MILLIS);
                Cell cell = row.getCell(column.get(heading));
                assertThat(cell.getCellType()).as(heading).isEqualTo(CellType.NUMERIC);
                assertThat(DateUtil.isCellDateFormatted(cell)).as(heading).isTrue();
                assertThat(cell.getCellStyle().getDataFormatString()).as(heading).isEqualTo("yyyy-mm-dd hh:mm");
                assertThat(cell.getLocalDateTimeCellValue()).as(heading).isEqualTo(LocalDateTime.ofInstant(at, zone));
                assertThat(SHOWN.formatCellValue(cell)).as(heading + ", the text the page shows")
                        .isEqualTo(shown.format(at));
            });
            for (String heading : List.of("答复时间", "办结时间")) {
                Cell cell = row.getCell(column.get(heading));
                assertThat(cell == null || cell.getCellType() == CellType.BLANK).as(heading + " blank").isTrue();
            }
        }
    }

    @Test
    void aDepartmentExportsOnlyTheTicketsItMaySee() throws Exception {
        String town = "导出部门镇" + Api.creditCode().substring(12);
        List<JsonNode> tickets = api.visit(api.enterprise("台州导出物流有限公司", town),
                List.of(Api.problem("CONTAINER", "订舱难"), Api.problem("FINANCING", "融资难")));
        List<List<String>> rows = rows(download("/tickets/export?town=" + town, "transport"));
        assertThat(rows.get(0).get(0)).contains("共 1 件");
        assertThat(rows.subList(2, rows.size())).extracting(r -> r.get(0))
                .containsExactly(tickets.get(0).get("id").asText());
    }

    @Test
    void theTitleLineNamesTheReporterByTheirName() throws Exception {
        String town = "导出上报镇" + Api.creditCode().substring(12);
        String code = api.enterprise("台州上报阀门有限公司", town);
        String mine = api.visit(code, List.of(Api.problem("CONTAINER", "订舱难"))).get(0).get("id").asText();
        Api.Response theirs = api.post("/api/visits", "staff2", Map.of("enterpriseCreditCode", code,
                "problems", List.of(Api.problem("LOGISTICS", "物流不畅"))));
        assertThat(theirs.status()).as(theirs.text()).isEqualTo(201);

        List<List<String>> rows = rows(download("/tickets/export?town=" + town + "&reporter=staff1", "staff1"));
        assertThat(rows.get(0).get(0)).contains("；镇（街道） " + town + "，跟进人 王晓明（staff1）；共 1 件）");
        assertThat(rows.subList(2, rows.size())).extracting(r -> r.get(0)).containsExactly(mine);
        // typed with a Chinese input method and pasted with a no-break space: named as the filter used them
        List<List<String>> typed = rows(download("/tickets/export?town=" + town + "\u00A0&category="
                + Api.fullWidth("CONTAINER") + "&reporter=" + Api.fullWidth("staff1"), "staff1"));
        assertThat(typed.get(0).get(0))
                .contains("；问题类别 集装箱/海运舱位，镇（街道） " + town + "，跟进人 王晓明（staff1）；共 1 件）");
        MockHttpServletResponse refused = download("/tickets/export?reporter=" + "s".repeat(65), "staff1");
        assertThat(refused.getStatus()).isEqualTo(303);
        assertThat(refused.getHeader("Location")).isEqualTo("/tickets?reporter=" + "s".repeat(65));
    }

    /**
     * A town, a code box or words over the list's bounds go back (303) to the list, which names them; at them,
     * exported. The code box takes a name as the list does, up to the words' bound, and it matches nothing.
     */
    @Test
    void filtersOverTheListsBoundsGoBackToTheList() throws Exception {
        for (String query : List.of("town=" + "t".repeat(101), "enterprise=" + "E".repeat(201), "q=" + "q".repeat(201))) {
            MockHttpServletResponse refused = download("/tickets/export?" + query, "staff1");
            assertThat(refused.getStatus()).as(query).isEqualTo(303);
            assertThat(refused.getHeader("Location")).isEqualTo("/tickets?" + query);
        }
        MockHttpServletResponse longest = download("/tickets/export?town=" + "t".repeat(100) + "&enterprise="
                + "E".repeat(200) + "&q=" + "q".repeat(200), "staff1");
        assertThat(longest.getStatus()).isEqualTo(200);
        assertThat(rows(longest).get(0).get(0)).contains("共 0 件");
    }

    @Test
    void theSourcesAskedForAreExportedAndNamedInTheTitleLine() throws Exception {
        String town = "导出来源镇" + Api.creditCode().substring(12);
        String code = api.enterprise("台州来源阀门有限公司", town);
        String hotline = api.visit(code, "HOTLINE", List.of(Api.problem("CONTAINER", "热线订舱难"))).get(0).get("id")
                .asText();
        String online = api.visit(code, "ONLINE", List.of(Api.problem("CONTAINER", "网上订舱难"))).get(0).get("id")
                .asText();
        api.visit(code, List.of(Api.problem("CONTAINER", "走访订舱难")));

        List<List<String>> rows = rows(download("/tickets/export?town=" + town + "&source=HOTLINE&source=ONLINE",
                "dispatch"));
        assertThat(rows.get(0).get(0)).contains("；镇（街道） " + town + "，来源 热线、网上；共 2 件）");
        assertThat(rows.subList(2, rows.size())).extracting(r -> r.get(0)).containsExactlyInAnyOrder(hotline, online);
        MockHttpServletResponse refused = download("/tickets/export?source=HOTLINE&source=PHONE", "dispatch");
        assertThat(refused.getStatus()).isEqualTo(303);
        assertThat(refused.getHeader("Location")).isEqualTo("/tickets?source=HOTLINE&source=PHONE");
    }

    /** 来源 says where a ticket came from in the list's words: a channel's by the channel's name, not its code. */
    @Test
    void theSourceColumnNamesEachSourceAsTheListDoesAChannelByItsName() throws Exception {
        String code = api.enterprise();
        String hotline = api.visit(code, "HOTLINE", List.of(Api.problem("CONTAINER", "热线订舱难"))).get(0).get("id")
                .asText();
        TicketWebTestSupport.Channel channel = TicketWebTestSupport.channel(api, "浙江政务服务网·台州");
        String filed = TicketWebTestSupport.filed(api, channel, code, "网上反映订舱难").get("id").asText();

        List<List<String>> rows = rows(download("/tickets/export?enterprise=" + code, "leader"));
        int source = rows.get(1).indexOf("来源");
        Map<String, String> sources = new HashMap<>();
        rows.subList(2, rows.size()).forEach(r -> sources.put(r.get(0), r.get(source)));
        assertThat(sources).containsOnly(Map.entry(hotline, "热线"), Map.entry(filed, channel.name()));
    }

    /**
     * A channel registered on another node moments ago (this node still keeps the channel list it read): its
     * tickets' 来源 names it all the same, as the ticket page does.
     */
    @Test
    void theSourceColumnNamesAChannelRegisteredOnAnotherNodeByItsName() throws Exception {
        String code = api.enterprise();
        assertThat(pages.get("/tickets?enterprise=" + code, "leader").html().select("#sourceFilter input[name=source]"))
                .as("the channel list read").isNotEmpty();
        String channel = "N" + Long.toString(System.nanoTime(), 36).toUpperCase();
        String key = "key-" + channel;
        jdbc.sql("""
                insert into channel (code, name, key_hash, secret_hash, secret_cipher, created_at)
                values (?, ?, ?, ?, ?, current_timestamp)
                """).params(channel, "另一节点登记的渠道" + channel, sha256(key), sha256("secret-" + channel),
                "plain:secret-" + channel).update();
        try {
            String filed = TicketWebTestSupport.filed(api, new TicketWebTestSupport.Channel(channel, "", key), code,
                    "另一节点的渠道反映订舱难").get("id").asText();

            List<List<String>> rows = rows(download("/tickets/export?enterprise=" + code, "leader"));
            int source = rows.get(1).indexOf("来源");
            assertThat(rows.subList(2, rows.size())).extracting(r -> r.get(0) + " " + r.get(source))
                    .containsExactly(filed + " 另一节点登记的渠道" + channel);
        } finally {
            // its secret is stored unencrypted: left live, /admin's 上线检查 would name it (ReadinessWebTests)
            jdbc.sql("update channel set revoked_at = current_timestamp where code = ?").param(channel).update();
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFilterGivenWrongGoesBackToTheListThatNamesIt() throws Exception {
        MockHttpServletResponse refused = download("/tickets/export?status=NOPE&town=某镇", "leader");
        assertThat(refused.getStatus()).isEqualTo(303);
        assertThat(URLDecoder.decode(refused.getHeader("Location"), StandardCharsets.UTF_8))
                .isEqualTo("/tickets?status=NOPE&town=某镇");
        // braces are no URI template: encoded like any other character
        MockHttpServletResponse braces = pages.mvc().perform(Pages.in(get(URI.create("/tickets/export?status=NOPE&q=%7Bx%7D"))
                .accept(MediaType.ALL), pages.session("leader"))).andReturn().getResponse();
        assertThat(braces.getStatus()).isEqualTo(303);
        assertThat(braces.getHeader("Location")).isEqualTo("/tickets?status=NOPE&q=%7Bx%7D");
        assertThat(pages.mvc().perform(get("/tickets/export")).andReturn().getResponse().getStatus())
                .as("signed out: to the sign-in").isEqualTo(302);
    }
}
