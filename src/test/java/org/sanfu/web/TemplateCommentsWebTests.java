package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The templates' comments are notes for whoever edits them, in English: written as Thymeleaf's parser-level
 * comments ({@code <!--/* ... *}{@code /-->}), they stay out of what a browser is sent, where a county's
 * office worker viewing the source (or a scanner) would otherwise meet them.
 */
@SanfuTest
class TemplateCommentsWebTests {

    /** An HTML comment that is not Thymeleaf's parser-level one, which starts {@code <!--/*}. */
    private static final Pattern SENT = Pattern.compile("<!--(?!/\\*)");

    @Autowired
    Pages pages;
    @Autowired
    Api api;

    @Test
    void theErrorPagesAndTheWorkbenchsPagesCarryNoHtmlComment() {
        String ticket = api.ticket("CONTAINER").get("id").asText();
        String enterprise = api.enterprise();
        List<Pages.Answer> answers = List.of(
                pages.get("/no-such-page", "staff1"), // 404
                pages.get("/admin", "transport"), // 403
                pages.get("/work?page=abc", "staff1"), // 400
                pages.get("/f/no-such-link", (String) null),
                pages.get("/login", (String) null),
                pages.get("/work", "staff1"),
                pages.get("/visits/new", "staff1"),
                pages.get("/tickets", "dispatch"),
                pages.get("/tickets/" + ticket, "dispatch"),
                pages.get("/enterprises", "staff1"),
                pages.get("/enterprises/" + enterprise, "staff1"),
                pages.get("/enterprises/" + enterprise + "/edit", "staff1"),
                pages.get("/systemic-problems", "dispatch"),
                pages.get("/reports/coverage", "leader"),
                // the month under way, whose form is offered for any town (a month over checks it against its red cards)
                pages.get("/talks/new?month=" + YearMonth.now(ZoneId.of("Asia/Shanghai")) + "&subjectKind=TOWN&subject=某镇",
                        "leader"),
                pages.get("/", "leader"),
                pages.get("/admin", "admin"));
        assertThat(answers.get(0).status()).isEqualTo(404);
        assertThat(answers.get(1).status()).isEqualTo(403);
        assertThat(answers.get(2).status()).isEqualTo(400);
        for (Pages.Answer answer : answers) {
            assertThat(answer.body()).as("%s (%d)", answer.html().title(), answer.status())
                    .contains("</html>").doesNotContain("<!--");
        }
    }

    @Test
    void everyTemplatesCommentsAreThymeleafsOwn() throws IOException {
        Resource[] templates = new PathMatchingResourcePatternResolver().getResources("classpath:templates/**/*.html");
        assertThat(templates).hasSizeGreaterThan(20);
        List<String> sent = new ArrayList<>();
        for (Resource template : templates) {
            String text = template.getContentAsString(StandardCharsets.UTF_8);
            Matcher m = SENT.matcher(text);
            while (m.find()) {
                long line = text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                sent.add(template.getURL().toString().replaceFirst(".*/templates/", "") + ":" + line + " "
                        + text.substring(m.start(), Math.min(text.length(), m.start() + 60)).lines().findFirst().orElse(""));
            }
        }
        assertThat(sent).as("HTML comments a browser would be sent: write them as <!--/* ... */-->").isEmpty();
    }
}
