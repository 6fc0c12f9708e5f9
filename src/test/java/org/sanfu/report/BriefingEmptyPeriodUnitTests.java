package org.sanfu.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A briefing of a period with nothing in it (a new county's first week) reads as sentences, not as tables of
 * headings without rows: every section that can be empty says so, as 五 to 七 always did (本周无办结事项。), in
 * the document the page shows and the Markdown the text download holds alike. And its 办结时长中位数 of tickets
 * closed within minutes (the API's 0.0 hours) reads 不足 0.1 天, never 0 天.
 */
class BriefingEmptyPeriodUnitTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** A week without tickets, as the API answers it: no categories, no departments, nothing overdue or closed. */
    private static ObjectNode emptyWeek() {
        ObjectNode b = JSON.createObjectNode();
        b.put("week", "2026-W48").put("from", "2026-11-23").put("to", "2026-11-29")
                .put("generatedAt", "2026-11-30T00:00:00Z").put("closedThisWeek", 0);
        b.putObject("headline").put("total", 0).putNull("medianHoursToClose");
        b.putArray("byCategory");
        b.putArray("byDepartment");
        b.putObject("ranking").putArray("departments").addObject().put("label", "交通运输局").putNull("rank")
                .putNull("score").put("total", 0);
        b.withObject("/ranking").putArray("redCards");
        b.putArray("overdue");
        b.putArray("resolved");
        b.putArray("systemicProblems");
        return b;
    }

    private static BriefingDocument.Section section(BriefingDocument document, String heading) {
        return document.sections().stream().filter(s -> s.heading().startsWith(heading)).findFirst().orElseThrow();
    }

    private static String text(BriefingDocument.Block block) {
        assertThat(block).isInstanceOf(BriefingDocument.Paragraph.class);
        StringBuilder text = new StringBuilder();
        ((BriefingDocument.Paragraph) block).runs().forEach(run -> text.append(run.text()));
        return text.toString();
    }

    @Test
    void aWeekWithoutTicketsSaysSoInEachSectionInsteadOfAnEmptyTable() {
        BriefingMarkdown markdown = BriefingNotesUnitTests.markdown();
        BriefingDocument document = markdown.document(emptyWeek(), ZONE);

        for (String heading : List.of("二、", "三、")) {
            BriefingDocument.Section section = section(document, heading);
            assertThat(section.blocks()).as(heading).hasSize(1);
            assertThat(text(section.blocks().get(0))).as(heading).isEqualTo("本周无企业反映的问题。");
        }
        assertThat(text(section(document, "五、").blocks().get(0))).isEqualTo("无超期事项。");
        assertThat(text(section(document, "六、").blocks().get(0))).isEqualTo("本周无办结事项。");
        assertThat(text(section(document, "七、").blocks().get(0))).isEqualTo("本周无共性问题。");
        // every table the document still has has rows
        document.sections().forEach(s -> s.blocks().stream().filter(BriefingDocument.Table.class::isInstance)
                .forEach(t -> assertThat(((BriefingDocument.Table) t).rows()).as(s.heading()).isNotEmpty()));

        String md = markdown.render(emptyWeek(), ZONE);
        assertThat(md).doesNotContain("| 问题类别 |").doesNotContain("| 主办部门 |");
        assertThat(md.substring(md.indexOf("## 二、"), md.indexOf("## 四、")))
                .contains("## 二、分类别情况\n\n本周无企业反映的问题。\n").contains("## 三、分部门情况\n\n本周无企业反映的问题。\n");

        ObjectNode month = emptyWeek();
        month.remove("week");
        month.put("month", "2026-11").put("closedThisMonth", 0);
        assertThat(text(section(markdown.document(month, ZONE), "二、").blocks().get(0))).isEqualTo("本月无企业反映的问题。");
    }

    /** Tickets none of which has a lead department (solved on the visit, or not yet assigned): said in a sentence. */
    @Test
    void aWeekWhoseTicketsHaveNoLeadDepartmentSaysSoUnderByDepartment() {
        ObjectNode week = emptyWeek();
        week.withObject("/headline").put("total", 4);
        week.withArray("/byCategory").addObject().put("label", "集装箱/海运舱位").put("total", 4).put("closed", 0);

        BriefingDocument document = BriefingNotesUnitTests.markdown().document(week, ZONE);

        assertThat(section(document, "二、").blocks().get(0)).isInstanceOf(BriefingDocument.Table.class);
        BriefingDocument.Section byDepartment = section(document, "三、");
        assertThat(byDepartment.blocks()).hasSize(1);
        assertThat(text(byDepartment.blocks().get(0)))
                .isEqualTo("本周反映的 4 个问题都没有主办部门（当场解决，或尚待专班办公室交办）。");
    }

    @Test
    void aMedianOfTicketsClosedWithinMinutesReadsUnderATenthOfADay() {
        ObjectNode week = emptyWeek();
        week.withObject("/headline").put("total", 1).put("closed", 1).put("medianHoursToClose", 0.0);

        String md = BriefingNotesUnitTests.markdown().render(week, ZONE);

        assertThat(md).contains("| 办结时长中位数 | 不足 0.1 天 |").doesNotContain("| 0 天 |");
        assertThat(BriefingNotesUnitTests.markdown().render(emptyWeek(), ZONE))
                .as("no ticket closed").contains("| 办结时长中位数 | — |");
    }
}
