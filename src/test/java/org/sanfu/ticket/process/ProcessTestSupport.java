package org.sanfu.ticket.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.sanfu.Api;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.ticket.ActionRequests;
import org.sanfu.ticket.TicketActions;
import org.sanfu.ticket.TicketQueries;
import org.sanfu.ticket.TicketView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the process tests share: the callers, the services the REST actions use, camunda-bpm-assert
 * bound to the engine, and the engine's clock pinned to a Monday morning that each test moves on.
 */
abstract class ProcessTestSupport {

    static final Caller STAFF = new Caller("staff1", Role.STAFF, null);
    static final Caller DISPATCH = new Caller("dispatch", Role.DISPATCH, "DISPATCH");
    static final Caller LEADER = new Caller("leader", Role.LEADER, null);
    static final Caller TRANSPORT = new Caller("transport", Role.DEPT, "TRANSPORT");
    static final Caller FINANCE = new Caller("finance", Role.DEPT, "FINANCE");
    static final Caller COMMERCE = new Caller("commerce", Role.DEPT, "COMMERCE");
    static final Caller HRSS = new Caller("hrss", Role.DEPT, "HRSS");
    static final Caller CUSTOMS = new Caller("customs", Role.DEPT, "CUSTOMS");

    /** Monday 8 March 2021, 10:00 in Shanghai: an ordinary working week. */
    static final Instant MONDAY = Instant.parse("2021-03-08T02:00:00Z");

    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TicketActions actions;
    @Autowired
    TicketQueries tickets;
    @Autowired
    ObjectMapper json;
    @Autowired
    Api api;
    @Autowired
    RepositoryService repository;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void bindAssertionsToTheEngineAndPinItsClock() {
        init(engine);
        now(MONDAY);
    }

    @AfterEach
    void releaseTheClock() {
        ClockUtil.reset();
    }

    static void now(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    static void later(Duration by) {
        now(ClockUtil.getCurrentTime().toInstant().plus(by));
    }

    /** A ticket for one problem on a fresh enterprise, logged by staff1 now; its id. */
    String open(Map<String, Object> problem) {
        return api.visit(api.enterprise(), List.of(problem)).get(0).get("id").asText();
    }

    String open(String category) {
        return open(Api.problem(category, "问题 " + category));
    }

    ProcessInstance process(String ticketId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(TicketProcess.KEY)
                .processInstanceBusinessKey(ticketId).singleResult();
    }

    /** A command as the web edge would have read it from this JSON-like value. */
    <T> T body(Class<T> type, Object value) {
        return json.convertValue(value, type);
    }

    TicketView ticket(String id) {
        return tickets.get(id, STAFF);
    }

    /**
     * An unrouted problem dispatch gave finance to lead with commerce's part, signed, with an extension
     * asked: handling waits on the lead, the part and dispatch's decision at once. Its id.
     */
    String inHandlingWithAPartAndAnExtension() {
        String id = open(Api.problem("OTHER", "出口退税慢"));
        actions.assign(id, DISPATCH, body(ActionRequests.Assign.class, Map.of("leadDepartment", "FINANCE",
                "coDepartments", List.of("COMMERCE"))));
        actions.sign(id, FINANCE);
        actions.extend(id, FINANCE, body(ActionRequests.Extend.class, Map.of("workingDays", 3, "reason", "等银行")));
        return id;
    }

    /** A container problem signed by transport and escalated to the city task force. Its id. */
    String escalatedToTheCity() {
        String id = open(Api.problem("CONTAINER", "海运费上涨"));
        actions.sign(id, TRANSPORT);
        actions.escalate(id, TRANSPORT, body(ActionRequests.Escalate.class, Map.of("level", "CITY", "reason", "需市里协调")));
        return id;
    }

    /**
     * Runs {@code opening} while the newest ticket diagram is this one without the leader's 督办 (its
     * BoundaryEvent_Supervised_* and "actions.LEADER" properties), as it was deployed before they
     * existed; then deploys this one again. What {@code opening} returns.
     */
    <T> T onTheDiagramBeforeSupervision(Supplier<T> opening) {
        BpmnModelInstance older = Bpmn.readModelFromStream(diagram());
        for (SequenceFlow flow : List.copyOf(older.getModelElementsByType(SequenceFlow.class))) {
            if (flow.getSource().getId().startsWith("BoundaryEvent_Supervised_")) {
                flow.getParentElement().removeChildElement(flow);
            }
        }
        List.copyOf(older.getModelElementsByType(BoundaryEvent.class)).stream()
                .filter(event -> event.getId().startsWith("BoundaryEvent_Supervised_"))
                .forEach(event -> event.getParentElement().removeChildElement(event));
        List.copyOf(older.getModelElementsByType(CamundaProperty.class)).stream()
                .filter(property -> "actions.LEADER".equals(property.getCamundaName()))
                .forEach(property -> property.getParentElement().removeChildElement(property));
        List.copyOf(older.getModelElementsByType(BpmnDiagram.class))
                .forEach(shapes -> shapes.getParentElement().removeChildElement(shapes));
        repository.createDeployment().addModelInstance("ticket.bpmn", older).deploy();
        try {
            return opening.get();
        } finally {
            repository.createDeployment().addInputStream("ticket.bpmn", diagram()).deploy();
        }
    }

    private static InputStream diagram() {
        return ProcessTestSupport.class.getResourceAsStream("/bpmn/ticket.bpmn");
    }

    /**
     * Moves the ticket onto a process of a diagram without this version's boundary events (running
     * tickets keep the version they started on): one that only waits in Task_Sign. Its process's id.
     */
    String onAnOlderDiagram(String id, String key) {
        String legacy = key + "-" + id;
        repository.createDeployment().addModelInstance(legacy + ".bpmn", Bpmn.createExecutableProcess(legacy)
                .camundaHistoryTimeToLive(1).startEvent().userTask("Task_Sign").endEvent().done()).deploy();
        String old = runtime.startProcessInstanceByKey(legacy, id).getId();
        jdbc.sql("update ticket set process_instance_id = ? where id = ?").params(old, Long.parseLong(id)).update();
        return old;
    }
}
