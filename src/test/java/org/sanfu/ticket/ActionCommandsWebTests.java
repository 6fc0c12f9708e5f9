package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The action bodies as commands at the web edge: Bean Validation with messages from the
 * MessageSource, English unless the client prefers Chinese (Accept-Language), fields named as the
 * client wrote them, every fault at once in the order of the body, and nothing changed. The edge
 * judges a body only after 404 and 403, and before the ticket's status (409).
 */
@SanfuTest
class ActionCommandsWebTests extends TicketWebTestSupport {

    /** The handling departments of config/application.yml, in their order: DISPATCH is none. */
    private static final String HANDLING = "COMMERCE, FINANCE, TRANSPORT, CUSTOMS, HRSS, JUSTICE";

    @Test
    void aBlankReasonIsNamedInEnglishWhenTheClientNamesNoLanguage() {
        String id = id(api.ticket("CONTAINER"));
        Snapshot before = snapshot(id);

        Api.Response r = post(id, "return", "transport", Map.of("reason", "  "));

        assertInvalid(r, "reason");
        assertThat(errors(r)).containsExactly(tuple("reason", "must not be blank"));
        assertUnchanged(id, before);
    }

    @Test
    void theSameFaultIsNamedInChineseWhenTheClientPrefersChinese() {
        String id = id(api.ticket("CONTAINER"));

        assertThat(errors(send(id, "return", "transport", "zh-CN", "{}"))).containsExactly(tuple("reason", "不能为空"));
        assertThat(errors(send(id, "return", "transport", "zh-TW,zh;q=0.9,en;q=0.8", "{}")))
                .containsExactly(tuple("reason", "不能为空"));
        // of the two languages we have, Chinese comes first here
        assertThat(errors(send(id, "return", "transport", "fr, zh;q=0.5, en;q=0.3", "{}")))
                .containsExactly(tuple("reason", "不能为空"));
        assertThat(errors(send(id, "return", "transport", "en", "{}")))
                .containsExactly(tuple("reason", "must not be blank"));
        assertThat(errors(send(id, "return", "transport", "en-US,en;q=0.9", "{}")))
                .containsExactly(tuple("reason", "must not be blank"));
        assertThat(errors(send(id, "return", "transport", "en;q=0.9, zh;q=0.8", "{}")))
                .containsExactly(tuple("reason", "must not be blank"));
        // a language we have no messages for is not a preference for Chinese
        assertThat(errors(send(id, "return", "transport", "fr", "{}")))
                .containsExactly(tuple("reason", "must not be blank"));
    }

    @Test
    void anAssignmentNamesEveryFaultAtOnceInTheOrderOfTheBody() {
        String id = id(api.ticket("OTHER"));
        Snapshot before = snapshot(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("leadDepartment", "FINANCE");
        body.put("coDepartments", List.of("NOPE", "FINANCE", "HRSS", "HRSS"));
        body.put("note", "长".repeat(4001));

        assertThat(errors(chinese(id, "assign", "dispatch", body))).containsExactly(
                tuple("coDepartments[0]", "必须是以下办理部门之一：" + HANDLING),
                tuple("coDepartments[1]", "主办部门不能同时作为协办部门"),
                tuple("coDepartments", "不能重复列出同一部门"),
                tuple("note", "不能超过 4000 个字符"));
        assertThat(errors(send(id, "assign", "dispatch", "en", api.write(body)))).containsExactly(
                tuple("coDepartments[0]", "must be one of " + HANDLING),
                tuple("coDepartments[1]", "must not be the lead department"),
                tuple("coDepartments", "must not name a department twice"),
                tuple("note", "must be at most 4000 characters"));
        assertThat(errors(send(id, "assign", "dispatch", "en", "{\"leadDepartment\": \"DISPATCH\"}")))
                .containsExactly(tuple("leadDepartment", "must be one of " + HANDLING));
        assertUnchanged(id, before);
    }

    @Test
    void choicesListWhatTheClientMaySend() {
        String id = id(api.ticket("CONTAINER"));
        api.act(id, "sign", "transport", null);

        assertThat(errors(send(id, "reply", "transport", "en", "{\"resolution\": \"\"}"))).containsExactly(
                tuple("resolution", "must not be blank"),
                tuple("outcome", "must be one of RESOLVED, PARTIAL, CANNOT_RESOLVE"));
        assertThat(errors(chinese(id, "escalate", "transport", Map.of("reason", "超出权限"))))
                .containsExactly(tuple("level", "必须是以下之一：CITY, PROVINCE"));
        // a value Jackson cannot read is named with the same words as a missing one
        assertThat(errors(chinese(id, "escalate", "transport", Map.of("level", "COUNTY", "reason", "超出权限"))))
                .containsExactly(tuple("level", "必须是以下之一：CITY, PROVINCE"));
        // UNRATED is the service's own; 400 comes before the 409 of a ticket not yet replied
        assertThat(errors(send(id, "feedback", "staff1", "en", "{\"satisfaction\": \"UNRATED\"}")))
                .containsExactly(tuple("satisfaction", "must be one of SATISFIED, BASICALLY_SATISFIED, DISSATISFIED"));
        // a value Jackson cannot read lists the same, without UNRATED
        assertThat(errors(send(id, "feedback", "staff1", "en", "{\"satisfaction\": \"sat\u0131sfied\"}")))
                .containsExactly(tuple("satisfaction", "must be one of SATISFIED, BASICALLY_SATISFIED, DISSATISFIED"));
        // a number of the wrong kind is named in words, not by Java's type
        assertThat(errors(send(id, "extend", "transport", "en", "{\"workingDays\": 2.5, \"reason\": \"x\"}")))
                .containsExactly(tuple("workingDays", "must be a whole number"));
        assertThat(errors(send(id, "extend", "transport", "zh-CN", "{\"workingDays\": 2.5, \"reason\": \"x\"}")))
                .containsExactly(tuple("workingDays", "必须是整数"));
    }

    @Test
    void anExtensionAsksForOneToTenWorkingDays() {
        String id = id(api.ticket("CONTAINER"));
        api.act(id, "sign", "transport", null);
        Snapshot before = snapshot(id);

        for (Object days : new Object[] {0, 11}) {
            assertThat(errors(chinese(id, "extend", "transport", Map.of("workingDays", days, "reason", "等船期"))))
                    .containsExactly(tuple("workingDays", "必须是 1 到 10 之间的整数"));
        }
        assertThat(errors(send(id, "extend", "transport", "en", "{\"reason\": \"等船期\"}")))
                .containsExactly(tuple("workingDays", "must be a whole number from 1 to 10"));
        assertUnchanged(id, before);
    }

    @Test
    void aRulingToCloseNeedsANoteAndOneToReassignAHandlingDepartment() {
        String id = id(api.ticket("CONTAINER"));

        // the leader may rule on any ticket, so the body is judged (400) before its status (409)
        assertThat(errors(chinese(id, "rule", "leader", Map.of("decision", "CLOSE"))))
                .containsExactly(tuple("note", "不能为空"));
        assertThat(errors(send(id, "rule", "leader", "en", "{\"decision\": \"REASSIGN\", \"leadDepartment\": \"X\"}")))
                .containsExactly(tuple("leadDepartment", "must be one of " + HANDLING));
        assertThat(errors(send(id, "rule", "leader", "en", "{}")))
                .containsExactly(tuple("decision", "must be one of CLOSE, REASSIGN"));
        assertRefused(post(id, "rule", "leader", Map.of("decision", "CLOSE", "note", "已办结")), 409);
    }

    @Test
    void theBodyIsJudgedOnlyAfterTheTicketIsFoundAndTheActionIsTheCallers() {
        String id = id(api.ticket("CONTAINER"));

        assertRefused(send("999999999999", "return", "transport", "en", "{not json"), 404);
        assertRefused(send(id, "return", "finance", "en", "{not json"), 403);
        assertRefused(send(id, "sign", "finance", "en", "{not json"), 403);
        assertThat(errors(send(id, "sign", "transport", "en", "{not json")))
                .containsExactly(tuple("body", "is not readable JSON"));
        assertThat(errors(send(id, "sign", "transport", null, "{not json")))
                .containsExactly(tuple("body", "is not readable JSON"));
        assertThat(errors(send(id, "sign", "transport", "zh", "{not json")))
                .containsExactly(tuple("body", "不是可读的 JSON"));
        assertThat(errors(send(id, "return", "transport", "en", "[1, 2]")))
                .containsExactly(tuple("body", "must be a JSON object"));
    }

    /** Posts a raw JSON body as the user, with Accept-Language when a language is given. */
    private Api.Response send(String id, String action, String user, String language, String json) {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post("/api/tickets/" + id + "/" + action)
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                .content(json.getBytes(StandardCharsets.UTF_8));
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return api.perform(request, user);
    }

    /** Posts a body as the user, asking for Chinese. */
    private Api.Response chinese(String id, String action, String user, Object body) {
        return send(id, action, user, "zh-CN", api.write(body));
    }

    /** The answer's field errors as (field, message), after checking it is a 400 problem. */
    private static List<Tuple> errors(Api.Response r) {
        assertRefused(r, 400);
        List<Tuple> errors = new ArrayList<>();
        for (JsonNode error : r.json().get("errors")) {
            errors.add(tuple(error.get("field").asText(), error.get("message").asText()));
        }
        return errors;
    }
}
