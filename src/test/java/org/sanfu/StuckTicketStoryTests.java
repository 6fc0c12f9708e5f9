package org.sanfu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A ticket that gets stuck, told over real HTTP: transport sends it back, dispatch gives it to
 * commerce with finance co-handling, commerce escalates it to the city task force, the enterprise
 * is still dissatisfied, commerce tries to return it twice more, and a leader finally rules.
 */
@SanfuTest
class StuckTicketStoryTests extends OverHttp {

    private JsonNode act(String id, String action, String user, Map<String, Object> body) {
        Answer answer = call("POST", "/api/tickets/" + id + "/" + action, user, body);
        assertThat(answer.status()).as(action + " by " + user + ": " + answer.body()).isEqualTo(200);
        return answer.body();
    }

    private List<String> allowed(String id, String user) {
        List<String> actions = new java.util.ArrayList<>();
        call("GET", "/api/tickets/" + id, user, null).body().get("allowedActions").forEach(a -> actions.add(a.asText()));
        return actions;
    }

    private List<String> inbox(String user) {
        return call("GET", "/api/inbox?size=200", user, null).body().get("items").findValuesAsText("id");
    }

    @Test
    void aStuckTicketIsReturnedCoHandledEscalatedAndFinallyRuledOnByALeader() {
        String code = Api.creditCode();
        assertThat(call("POST", "/api/enterprises", "staff2", Map.of("creditCode", code,
                "name", "三门县汽车减震器有限公司", "town", "海润街道", "exporter", true, "specialist", "staff2"))
                .status()).isEqualTo(201);
        JsonNode visit = call("POST", "/api/visits", "staff2", Map.of("enterpriseCreditCode", code,
                "source", "FORUM", "notes", "座谈会：订单已排到几个月后",
                "problems", List.of(Map.of("category", "LOGISTICS", "title", "出口运费和信保费用高",
                        "description", "海运费上涨，信保费率高，希望统保平台降费")))).body();
        String id = visit.get("tickets").get(0).get("id").asText();

        // 退回: not transport's business; dispatch upholds it and gives it to commerce, finance co-handling
        act(id, "return", "transport", Map.of("reason", "信保降费属商务、金融职责"));
        assertThat(inbox("dispatch")).contains(id);
        JsonNode assigned = act(id, "assign", "dispatch", Map.of("leadDepartment", "COMMERCE",
                "coDepartments", List.of("FINANCE"), "note", "商务局牵头，金融办协办"));
        assertThat(assigned.get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(call("GET", "/api/tickets/" + id, "transport", null).status()).isEqualTo(403);

        // 协办: finance's part is open as soon as commerce signs; commerce may not reply before it
        act(id, "sign", "commerce", Map.of());
        assertThat(inbox("finance")).contains(id);
        assertThat(allowed(id, "commerce")).contains("return", "extend", "escalate").doesNotContain("reply");
        assertThat(call("POST", "/api/tickets/" + id + "/reply", "commerce",
                Map.of("resolution", "先答复", "outcome", "PARTIAL")).status()).isEqualTo(409);
        assertThat(call("POST", "/api/tickets/" + id + "/reply", "finance",
                Map.of("resolution", "协办不能答复", "outcome", "PARTIAL")).status()).isEqualTo(403);
        act(id, "contribute", "finance", Map.of("opinion", "可纳入小微企业政府统保平台，保费降30%"));
        assertThat(inbox("finance")).doesNotContain(id);

        // 上报: the premium rate is the province's to set
        JsonNode escalated = act(id, "escalate", "commerce", Map.of("level", "PROVINCE", "reason", "费率需省级统筹"));
        assertThat(escalated.get("status").asText()).isEqualTo("ESCALATED");
        assertThat(inbox("dispatch")).contains(id);
        act(id, "comment", "leader", Map.of("text", "请专班跟进省里答复"));
        JsonNode answered = act(id, "escalation-reply", "dispatch",
                Map.of("resolution", "省专班：统保上限提至500万美元", "outcome", "PARTIAL"));
        assertThat(answered.get("status").asText()).isEqualTo("REPLIED");
        assertThat(inbox("staff2")).contains(id);

        // 不满意: reopened to commerce, who tries to return it; dispatch rejects, the third return goes up
        JsonNode reopened = act(id, "feedback", "staff2", Map.of("satisfaction", "DISSATISFIED",
                "comment", "运费问题没解决"));
        assertThat(reopened.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(reopened.get("reopenCount").asInt()).isEqualTo(1);
        act(id, "contribute", "finance", Map.of("opinion", "重办：再对接关贸E贷"));
        act(id, "return", "commerce", Map.of("reason", "运费属交通"));
        act(id, "assign", "dispatch", Map.of("leadDepartment", "COMMERCE", "coDepartments", List.of("FINANCE")));
        JsonNode supervised = act(id, "return", "commerce", Map.of("reason", "仍属交通"));
        assertThat(supervised.get("status").asText()).isEqualTo("SUPERVISION");
        assertThat(supervised.get("returnCount").asInt()).isEqualTo(3);
        assertThat(inbox("leader")).contains(id);
        assertThat(call("POST", "/api/tickets/" + id + "/rule", "dispatch", Map.of("decision", "CLOSE",
                "note", "专班不能裁定")).status()).isEqualTo(403);

        // 督办: the leader gives it to transport for good, which signs and answers; the enterprise is satisfied
        JsonNode ruled = act(id, "rule", "leader", Map.of("decision", "REASSIGN", "leadDepartment", "TRANSPORT",
                "coDepartments", List.of(), "note", "运费由交通运输局牵头解决"));
        assertThat(ruled.get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(ruled.get("leadDepartment").asText()).isEqualTo("TRANSPORT");
        act(id, "sign", "transport", Map.of());
        act(id, "reply", "transport", Map.of("resolution", "协调船公司锁定运价", "outcome", "RESOLVED"));
        JsonNode closed = act(id, "feedback", "staff2", Map.of("satisfaction", "BASICALLY_SATISFIED"));
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("escalationLevel").asText()).isEqualTo("PROVINCE");
        assertThat(closed.get("contributions").findValuesAsText("department")).containsExactly("FINANCE", "FINANCE");

        JsonNode history = call("GET", "/api/tickets/" + id + "/history", "leader", null).body();
        assertThat(history.findValuesAsText("action")).containsExactly("report", "route", "return", "assign",
                "sign", "contribute", "escalate", "comment", "escalation-reply", "feedback", "contribute", "return",
                "assign", "return", "rule", "sign", "reply", "feedback");
        assertThat(history.get(7).get("fromStatus").asText()).isEqualTo("ESCALATED");
        assertThat(history.get(7).get("toStatus").asText()).isEqualTo("ESCALATED");
        assertThat(history.get(13).get("toStatus").asText()).isEqualTo("SUPERVISION");
    }
}
