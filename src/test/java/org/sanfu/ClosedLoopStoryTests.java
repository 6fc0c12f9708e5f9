package org.sanfu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The 三服务 loop told as a story, over real HTTP on a random port: a staff member files an
 * enterprise, visits it and hears three problems; each department signs and replies; the staff
 * member calls back, the enterprise is satisfied, and every ticket is struck off (销号).
 */
@SanfuTest
class ClosedLoopStoryTests extends OverHttp {

    private static String department(JsonNode ticket) {
        return ticket.get("leadDepartment").asText().toLowerCase();
    }

    @Test
    void threeProblemsFromOneVisitAreHandledByThreeDepartmentsAndClosed() {
        String code = Api.creditCode();
        Answer enterprise = call("POST", "/api/enterprises", "staff1", Map.of("creditCode", code,
                "name", "台州正立电机有限公司", "town", "路桥区", "industry", "电机", "exporter", true, "key", true,
                "specialist", "staff1"));
        assertThat(enterprise.status()).isEqualTo(201);
        assertThat(enterprise.body().get("name").asText()).isEqualTo("台州正立电机有限公司");

        Answer visit = call("POST", "/api/visits", "staff1", Map.of(
                "enterpriseCreditCode", code,
                "visitedAt", "2021-01-04T10:00:00+08:00",
                "operatingStatus", "NORMAL",
                "orderBacklogMonths", 3,
                "notes", "外贸单子已经排到3、4月份了",
                "problems", List.of(
                        Map.of("category", "CONTAINER", "title", "出口集装箱紧张", "description", "运输用的集装箱比较紧张"),
                        Map.of("category", "FINANCING", "title", "流动资金不足", "description", "向供应商采购水泵的资金不够"),
                        Map.of("category", "LABOR", "title", "订单多招工难", "urgency", "URGENT"))));
        assertThat(visit.status()).isEqualTo(201);
        List<JsonNode> tickets = new ArrayList<>();
        visit.body().get("tickets").forEach(tickets::add);
        assertThat(tickets).extracting(t -> t.get("leadDepartment").asText())
                .containsExactly("TRANSPORT", "FINANCE", "HRSS");
        assertThat(tickets).allSatisfy(t -> assertThat(t.get("status").asText()).isEqualTo("ASSIGNED"));
        // the visit was logged long after it happened: the reply clocks ran out long ago
        assertThat(tickets).allSatisfy(t -> assertThat(t.get("overdue").asBoolean()).isTrue());

        String[] departments = {"transport", "finance", "hrss"};
        for (int i = 0; i < 3; i++) {
            String id = tickets.get(i).get("id").asText();
            String department = departments[i];
            Answer inbox = call("GET", "/api/inbox?size=200", department, null);
            assertThat(inbox.body().get("items").findValuesAsText("id")).contains(id);

            Answer signed = call("POST", "/api/tickets/" + id + "/sign", department, Map.of());
            assertThat(signed.status()).isEqualTo(200);
            assertThat(signed.body().get("status").asText()).isEqualTo("IN_PROGRESS");
            assertThat(signed.body().get("allowedActions").toString()).contains("reply", "return");

            Answer replied = call("POST", "/api/tickets/" + id + "/reply", department,
                    Map.of("resolution", "已协调落实：" + tickets.get(i).get("title").asText(), "outcome", "RESOLVED"));
            assertThat(replied.status()).isEqualTo(200);
            assertThat(replied.body().get("status").asText()).isEqualTo("REPLIED");
        }

        Answer staffInbox = call("GET", "/api/inbox?size=200", "staff1", null);
        List<String> waiting = staffInbox.body().get("items").findValuesAsText("id");
        tickets.forEach(t -> assertThat(waiting).contains(t.get("id").asText()));

        for (JsonNode ticket : tickets) {
            String id = ticket.get("id").asText();
            Answer feedback = call("POST", "/api/tickets/" + id + "/feedback", "staff1",
                    Map.of("satisfaction", "SATISFIED", "comment", "问题已解决，企业满意"));
            assertThat(feedback.status()).isEqualTo(200);
            assertThat(feedback.body().get("status").asText()).isEqualTo("CLOSED");
            assertThat(feedback.body().get("satisfaction").asText()).isEqualTo("SATISFIED");
            assertThat(feedback.body().get("closedAt").isNull()).isFalse();

            Answer history = call("GET", "/api/tickets/" + id + "/history", "leader", null);
            assertThat(history.status()).isEqualTo(200);
            // the visit was logged late: its reply clock had run out, which the history says at once
            assertThat(history.body().findValuesAsText("action"))
                    .containsExactly("report", "route", "overdue", "sign", "reply", "feedback");
            assertThat(history.body().findValuesAsText("actor"))
                    .containsExactly("staff1", "system", "system", department(ticket), department(ticket), "staff1");
            JsonNode last = history.body().get(5);
            assertThat(last.get("fromStatus").asText()).isEqualTo("REPLIED");
            assertThat(last.get("toStatus").asText()).isEqualTo("CLOSED");
        }

        Answer profile = call("GET", "/api/enterprises/" + code, "leader", null);
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.body().get("latestOperatingStatus").asText()).isEqualTo("NORMAL");
        assertThat(profile.body().get("visits")).hasSize(1);
        assertThat(profile.body().get("tickets")).hasSize(3);
        profile.body().get("tickets").forEach(t -> assertThat(t.get("status").asText()).isEqualTo("CLOSED"));
    }
}
