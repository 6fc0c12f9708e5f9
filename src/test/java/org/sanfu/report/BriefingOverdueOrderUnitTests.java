package org.sanfu.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.sanfu.report.BriefingDocument.Items;
import org.sanfu.report.BriefingDocument.Paragraph;
import org.sanfu.report.BriefingDocument.Run;
import org.sanfu.report.BriefingDocument.Section;

/**
 * 超期事项 is read line by line against the deadline each line gives, the one its ticket missed: the sign deadline
 * of a ticket that missed only that, the reply deadline otherwise. The list is in that order, the earliest first, and
 * says so, on the page, in the Markdown and on the workbook's sheet alike; a briefing stored while the lines went by
 * reply deadline reads so too.
 */
class BriefingOverdueOrderUnitTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** The lines as a week stored them, by reply deadline: those late to be signed after one due earlier. */
    private static ObjectNode week() {
        ObjectNode b = JSON.createObjectNode();
        b.put("week", "2026-W49").put("from", "2026-11-30").put("to", "2026-12-06")
                .put("generatedAt", "2026-12-07T08:00:00+08:00").put("closedThisWeek", 0);
        b.putObject("headline").put("total", 4);
        b.putArray("byCategory");
        b.putArray("byDepartment");
        b.putObject("ranking").putArray("departments");
        b.withObject("/ranking").putArray("redCards");
        ArrayNode overdue = b.putArray("overdue");
        line(overdue, "2957", "2026-11-25T17:30:00+08:00", "2026-12-04T17:30:00+08:00", "reply");
        line(overdue, "2927", "2026-11-30T17:30:00+08:00", "2026-12-07T17:30:00+08:00", "sign");
        line(overdue, "2972", "2026-12-03T17:30:00+08:00", "2026-12-10T17:30:00+08:00", "sign");
        line(overdue, "2948", "2026-12-01T17:30:00+08:00", "2026-12-11T17:30:00+08:00", "sign");
        b.putArray("resolved");
        b.putArray("systemicProblems");
        return b;
    }

    private static void line(ArrayNode overdue, String id, String sign, String reply, String missed) {
        ObjectNode t = overdue.addObject().put("id", id).put("enterpriseName", "企业" + id).put("categoryLabel", "物流运输")
                .put("title", "问题" + id).put("leadDepartmentLabel", "交通运输局").put("signDeadline", sign)
                .put("replyDeadline", reply);
        t.putArray("missed").add(missed);
    }

    private static final List<String> IN_ORDER = List.of("2927", "2948", "2972", "2957");

    @Test
    void thePageAndTheMarkdownListOverdueLinesByTheDeadlineEachGivesAndSaySo() {
        BriefingMarkdown markdown = BriefingNotesUnitTests.markdown();
        Section section = markdown.document(week(), SHANGHAI).sections().stream()
                .filter(s -> s.heading().equals("五、超期事项")).findFirst().orElseThrow();
        String intro = text(((Paragraph) section.blocks().get(0)).runs());
        assertThat(intro).contains("按各条所列期限（只超签收期限的为签收期限，其余为答复期限）早的在前")
                .doesNotContain("答复期限早的在前");
        List<String> lines = ((Items) section.blocks().get(1)).items().stream().map(BriefingOverdueOrderUnitTests::text)
                .toList();
        assertThat(lines).extracting(l -> l.substring(1, 5)).containsExactlyElementsOf(IN_ORDER);
        assertThat(lines).extracting(l -> l.substring(l.lastIndexOf("期限 ") + 3, l.length() - 1)).containsExactly(
                "2026-11-30 17:30", "2026-12-01 17:30", "2026-12-03 17:30", "2026-12-04 17:30");

        String md = markdown.render(week(), SHANGHAI);
        Matcher ids = Pattern.compile("\\n\\d+\\. #(\\d+) ").matcher(md);
        List<String> listed = new ArrayList<>();
        while (ids.find()) {
            listed.add(ids.group(1));
        }
        assertThat(listed).containsExactlyElementsOf(IN_ORDER);
        assertThat(md).contains(intro);
    }

    @Test
    void theWorkbooksOverdueSheetIsInTheSameOrderAndSaysSo() throws Exception {
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(BriefingNotesUnitTests.workbook().render(week())))) {
            Sheet sheet = book.getSheet("超期事项");
            List<String> ids = new ArrayList<>();
            for (int r = 1; r <= 4; r++) {
                ids.add(sheet.getRow(r).getCell(0).getStringCellValue());
            }
            assertThat(ids).containsExactlyElementsOf(IN_ORDER);
            List<String> texts = new ArrayList<>();
            for (Row row : sheet) {
                row.forEach(cell -> texts.add(cell.toString()));
            }
            assertThat(texts).anyMatch(t -> t.contains("按各条所列期限（只超签收期限的为签收期限，其余为答复期限）早的在前"))
                    .noneMatch(t -> t.contains("答复期限早的在前"));
        }
    }

    private static String text(List<Run> runs) {
        StringBuilder text = new StringBuilder();
        runs.forEach(run -> text.append(run.text()));
        return text.toString();
    }
}
