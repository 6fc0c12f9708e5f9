package org.sanfu.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Output;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sanfu.sla.SlaProperties;

/** Every row of bpmn/routing.dmn, evaluated by Camunda's DMN engine, and the URGENT rule on top. */
class RoutingDecisionTableTests {

    private static DmnEngine engine;
    private static DmnDecision decision;
    private final Routing routing = new Routing(new SlaProperties(1, 7, 5));

    @BeforeAll
    static void parse() throws Exception {
        engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream dmn = RoutingDecisionTableTests.class.getResourceAsStream("/bpmn/routing.dmn")) {
            decision = engine.parseDecision(Routing.DECISION, dmn);
        }
    }

    private static DmnDecisionTableResult evaluate(String category, String urgency) {
        return engine.evaluateDecisionTable(decision,
                Variables.createVariables().putValue("category", category).putValue("urgency", urgency));
    }

    @ParameterizedTest(name = "{0} → {1} (co: {2}), sign {3}, reply {4}")
    @CsvSource(nullValues = "-", value = {
            "CONTAINER,        TRANSPORT, -,       1, 5",
            "LOGISTICS,        TRANSPORT, -,       1, 5",
            "FINANCING,        FINANCE,   -,       1, 7",
            "CREDIT_INSURANCE, COMMERCE,  FINANCE, 1, 7",
            "TRADE_FAIR,       COMMERCE,  -,       1, 5",
            "POLICY,           COMMERCE,  -,       1, 7",
            "CUSTOMS,          CUSTOMS,   -,       1, 3",
            "LABOR,            HRSS,      -,       1, 7",
            "LEGAL,            JUSTICE,   -,       1, 7",
            "OTHER,            -,         -,       1, 7"})
    void eachRowRoutesItsCategory(String category, String lead, String co, int sign, int reply) {
        DmnDecisionTableResult result = evaluate(category, "NORMAL");
        assertThat(result).hasSize(1);
        // an empty output cell leaves its entry out of the result
        DmnDecisionRuleResult row = result.getSingleResult();
        assertThat(row.getEntryMap().get("leadDepartment")).isEqualTo(lead);
        assertThat(row.getEntryMap().get("coDepartments")).isEqualTo(co);
        assertThat(((Number) row.getEntry("signLimit")).intValue()).isEqualTo(sign);
        assertThat(((Number) row.getEntry("replyLimit")).intValue()).isEqualTo(reply);

        RoutingDecision normal = routing.decide(row.getEntryMap());
        assertThat(normal.leadDepartment()).isEqualTo(lead);
        assertThat(normal.routed()).isEqualTo(lead != null);
        assertThat(normal.coDepartments()).isEqualTo(co == null ? java.util.List.of() : java.util.List.of(co));
        assertThat(normal.signLimit()).isEqualTo(sign);
        assertThat(normal.replyLimit()).isEqualTo(reply);
    }

    /** Each category has an URGENT row before its own: the same departments, each limit halved, rounded up, at least 1. */
    @ParameterizedTest(name = "URGENT {0}")
    @CsvSource({"CONTAINER", "LOGISTICS", "FINANCING", "CREDIT_INSURANCE", "TRADE_FAIR", "POLICY", "CUSTOMS", "LABOR",
            "LEGAL", "OTHER"})
    void urgentHalvesEachLimitRoundingUpNeverBelowOne(String category) {
        RoutingDecision normal = routing.decide(evaluate(category, "NORMAL").getSingleResult().getEntryMap());
        RoutingDecision urgent = routing.decide(evaluate(category, "URGENT").getSingleResult().getEntryMap());
        assertThat(urgent.leadDepartment()).isEqualTo(normal.leadDepartment());
        assertThat(urgent.coDepartments()).isEqualTo(normal.coDepartments());
        assertThat(urgent.signLimit()).isEqualTo(Math.max(1, (normal.signLimit() + 1) / 2));
        assertThat(urgent.replyLimit()).isEqualTo(Math.max(1, (normal.replyLimit() + 1) / 2));
    }

    @ParameterizedTest(name = "URGENT {0}: reply limit {1}")
    @CsvSource({"CONTAINER, 3", "FINANCING, 4", "CUSTOMS, 2", "OTHER, 4"})
    void urgentReplyLimitsAsWorkedOutByHand(String category, int urgentReply) {
        RoutingDecision urgent = routing.decide(evaluate(category, "URGENT").getSingleResult().getEntryMap());
        assertThat(urgent.replyLimit()).isEqualTo(urgentReply);
        assertThat(urgent.signLimit()).isEqualTo(1);
    }

    @Test
    void anUnknownCategoryMatchesNoRowAndGoesToDispatchWithTheDefaultLimits() {
        assertThat(evaluate("SPACE_TRAVEL", "NORMAL")).isEmpty();
        RoutingDecision none = routing.decide(null);
        assertThat(none.routed()).isFalse();
        assertThat(none.signLimit()).isEqualTo(1);
        assertThat(none.replyLimit()).isEqualTo(7);
    }

    @Test
    void coDepartmentsAreACommaSeparatedList() {
        RoutingDecision d = routing.decide(Map.of("leadDepartment", "COMMERCE", "coDepartments", "FINANCE, HRSS,FINANCE",
                "signLimit", 1, "replyLimit", 7));
        assertThat(d.coDepartments()).containsExactly("FINANCE", "HRSS");
    }

    /**
     * Cockpit shows the table's columns by their labels: each says what the ticket's page and history call it,
     * 时限 for the working days allowed (答复时限 7 个工作日), as the routing event words it.
     */
    @Test
    void theOutputsAreLabelledInTheTicketsWords() throws Exception {
        Map<String, String> labels = new HashMap<>();
        try (InputStream dmn = RoutingDecisionTableTests.class.getResourceAsStream("/bpmn/routing.dmn")) {
            Dmn.readModelFromStream(dmn).getModelElementsByType(Output.class)
                    .forEach(o -> labels.put(o.getName(), o.getLabel()));
        }
        assertThat(labels).containsExactlyInAnyOrderEntriesOf(Map.of("leadDepartment", "主办部门",
                "coDepartments", "协办部门", "signLimit", "签收时限（工作日）", "replyLimit", "答复时限（工作日）"));
    }
}
