package org.sanfu.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The weekly briefing from the workbench: a signed-in leader downloads it from the dashboard as Excel or
 * Markdown (the API's content, named for its week); a staff member or a department is refused (403),
 * and a wrong week is a Chinese 400 page.
 */
@SanfuTest
class ReportPagesWebTests {

    @Autowired
    Pages pages;

    @Test
    void aLeaderDownloadsTheWeeksBriefingFromTheDashboard() throws Exception {
        var form = pages.get("/", "leader").html().selectFirst("#weeklyBriefing form");
        assertThat(form.attr("action")).isEqualTo("/reports/weekly");
        assertThat(form.select("button[name=format]").eachAttr("value")).containsExactly("xlsx", "md");

        MockHttpServletResponse excel = download("/reports/weekly?week=2026-W48&format=xlsx", "leader");
        assertThat(excel.getStatus()).isEqualTo(200);
        assertThat(excel.getContentType()).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(excel.getHeader("Content-Disposition")).contains("attachment", "2026-W48.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(excel.getContentAsByteArray()))) {
            assertThat(book.getNumberOfSheets()).isGreaterThan(1);
        }

        MockHttpServletResponse markdown = download("/reports/weekly?week=2026-W48&format=md", "dispatch");
        assertThat(markdown.getStatus()).isEqualTo(200);
        assertThat(markdown.getContentType()).startsWith("text/markdown");
        assertThat(markdown.getHeader("Content-Disposition")).contains("2026-W48.md");
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

    private MockHttpServletResponse download(String path, String user) throws Exception {
        return pages.mvc().perform(Pages.in(get(path).accept(MediaType.ALL), pages.session(user))).andReturn()
                .getResponse();
    }
}
