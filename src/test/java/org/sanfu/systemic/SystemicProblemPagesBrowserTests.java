package org.sanfu.systemic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;
import org.sanfu.Api;
import org.sanfu.Browser;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * /systemic-problems on a phone (390 px) in headless Chromium under the pages' Content-Security-Policy:
 * dispatch confirms a proposal with the form alone, a leader reads it; nothing scrolls sideways and every
 * input and button is at least 44 px tall.
 */
@SanfuTest
class SystemicProblemPagesBrowserTests {

    @RegisterExtension
    static final Browser browser = Browser.phone();

    /** What a thumb opens under a problem: a member ticket, the others folded away, the case. */
    private static final String MEMBER_LINKS = ".members li > a, .members summary, a.case";

    @Autowired
    Api api;

    /** Its tickets are reported in a fortnight of their own, so the scan sees no other test's tickets. */
    @BeforeEach
    void inAWindowOfItsOwn() {
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2019-09-02T09:00:00+08:00").toInstant()));
    }

    @AfterEach
    void timeGoesOn() {
        ClockUtil.reset();
    }

    @Test
    void dispatchConfirmsAProposalOnAPhone() {
        List<String> ids = new ArrayList<>();
        // more than the ten members shown: the others fold under 其余 1 件
        for (int i = 0; i < 11; i++) {
            ids.add(api.visit(api.enterprise(), List.of(Map.of("category", "LEGAL", "title", "海外商标被抢注",
                    "description", "海外商标被当地经销商抢注，维权费用高，希望提供涉外法律服务"))).get(0).get("id").asText());
        }
        String id = null;
        for (JsonNode p : api.post("/api/systemic-problems/scan", "dispatch", Map.of()).json()) {
            if (p.get("ticketIds").toString().contains("\"" + ids.get(0) + "\"")) {
                id = p.get("id").asText();
            }
        }
        assertThat(id).isNotNull();

        browser.signInAs("dispatch").open("/systemic-problems?status=PROPOSED");
        assertThat(browser.find("#problem-" + id + " .members summary").getText()).isEqualTo("其余 1 件");
        browser.noSidewaysScroll().tapTargetsAtLeast44px(MEMBER_LINKS);
        new Select(browser.find("#confirm-" + id + "-leadDepartment")).selectByValue("JUSTICE");
        browser.type("#confirm-" + id + "-note", "司法局牵头").follow("#problem-" + id + " form[data-action=confirm] button");
        assertThat(browser.path()).startsWith("/systemic-problems");
        assertThat(browser.find("#problem-" + id + " .status").getText()).isEqualTo("已确认");
        assertThat(browser.findAll("#problem-" + id + " a.case")).hasSize(1);
        browser.noSidewaysScroll().tapTargetsAtLeast44px(MEMBER_LINKS);

        browser.signInAs("leader").open("/systemic-problems");
        assertThat(browser.findAll("form[data-action]")).isEmpty();
        browser.noSidewaysScroll().tapTargetsAtLeast44px();
        browser.open("/");
        assertThat(browser.findAll("#systemicProblems tr[data-id='" + id + "']")).hasSize(1);
    }
}
