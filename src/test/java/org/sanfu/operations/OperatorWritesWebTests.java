package org.sanfu.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;

/**
 * Nothing moves a ticket around Sanfu (issue 11, point 10): as ADMIN, through engine-rest and through
 * Cockpit's copy of the same resources, every call that would start, complete, claim, correlate or
 * change a `ticket` is refused 403 problem+json, and the ticket's status and history stay as they
 * were; the operators' calls for incidents still work. Cross-site writes (point 1) are refused too.
 */
@SanfuTest
@ExtendWith(OutputCaptureExtension.class)
class OperatorWritesWebTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNDARY = "sanfuBoundary";

    private final ProcessEngine engine;
    private final Api api;
    private final CamundaHttp http;

    @Autowired
    OperatorWritesWebTests(@LocalServerPort int port, ProcessEngine engine, Api api) {
        this.engine = engine;
        this.api = api;
        this.http = new CamundaHttp(port);
    }

    /** A call to one of the engine's resources, relative to the engine's root. */
    private record Call(String method, String path, String contentType, String body) {

        static Call json(String method, String path, String body) {
            return new Call(method, path, "application/json", body);
        }
    }

    /** Every kind of call that would move a ticket or change what its process knows. */
    private List<Call> ticketMovers(String ticketId, ProcessInstance instance, Task task, Job job) throws IOException {
        String pi = instance.getId();
        String definition = instance.getProcessDefinitionId();
        String t = task.getId();
        String start = "{\"businessKey\":\"" + ticketId + "-again\"}";
        String variable = "{\"value\":\"CLOSED\",\"type\":\"String\"}";
        String variables = "{\"modifications\":{\"decision\":" + variable + "}}";
        return List.of(
                Call.json("POST", "/process-definition/key/ticket/start", start),
                Call.json("POST", "/process-definition/" + definition + "/start", start),
                Call.json("POST", "/process-definition/key/ticket/submit-form", start),
                Call.json("POST", "/process-definition/" + definition + "/submit-form", start),
                Call.json("POST", "/process-definition/" + definition + "/restart",
                        "{\"processInstanceIds\":[\"" + pi + "\"],\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_Sign\"}]}"),
                Call.json("POST", "/task/" + t + "/complete", "{\"variables\":{\"decision\":{\"value\":\"SIGN\"}}}"),
                Call.json("POST", "/task/" + t + "/submit-form", "{}"),
                Call.json("POST", "/task/" + t + "/claim", "{\"userId\":\"admin\"}"),
                Call.json("POST", "/task/" + t + "/unclaim", ""),
                Call.json("POST", "/task/" + t + "/assignee", "{\"userId\":\"admin\"}"),
                Call.json("POST", "/task/" + t + "/delegate", "{\"userId\":\"admin\"}"),
                Call.json("POST", "/task/" + t + "/resolve", "{}"),
                Call.json("PUT", "/task/" + t, "{\"name\":\"renamed\"}"),
                Call.json("PUT", "/task/" + t + "/variables/decision", variable),
                Call.json("POST", "/task/" + t + "/variables", variables),
                Call.json("PUT", "/task/" + t + "/localVariables/decision", variable),
                Call.json("DELETE", "/task/" + t + "/variables/leadDepartment", ""),
                Call.json("POST", "/task/" + t + "/identity-links", "{\"groupId\":\"COMMERCE\",\"type\":\"candidate\"}"),
                Call.json("POST", "/task/create", "{\"id\":\"stray\",\"name\":\"stray\"}"),
                Call.json("POST", "/message",
                        "{\"messageName\":\"ExtensionRequested\",\"businessKey\":\"" + ticketId + "\",\"all\":true}"),
                Call.json("POST", "/process-instance/message-async",
                        "{\"messageName\":\"ExtensionRequested\",\"processInstanceIds\":[\"" + pi + "\"]}"),
                Call.json("POST", "/signal", "{\"name\":\"anything\"}"),
                Call.json("POST", "/condition", "{\"variables\":{\"x\":{\"value\":1}}}"),
                Call.json("PUT", "/process-instance/" + pi + "/variables/leadDepartment", variable),
                Call.json("POST", "/process-instance/" + pi + "/variables", variables),
                Call.json("DELETE", "/process-instance/" + pi + "/variables/leadDepartment", ""),
                Call.json("POST", "/process-instance/variables-async",
                        "{\"processInstanceIds\":[\"" + pi + "\"],\"variables\":{\"x\":{\"value\":1}}}"),
                Call.json("PUT", "/execution/" + pi + "/localVariables/leadDepartment", variable),
                Call.json("POST", "/execution/" + pi + "/localVariables", variables),
                Call.json("POST", "/execution/" + pi + "/signal", "{}"),
                Call.json("POST", "/process-instance/" + pi + "/modification",
                        "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"Task_Sign\"}]}"),
                Call.json("PUT", "/process-instance/" + pi + "/suspended", "{\"suspended\":true}"),
                Call.json("DELETE", "/process-instance/" + pi, ""),
                Call.json("POST", "/process-instance/delete", "{\"processInstanceIds\":[\"" + pi + "\"]}"),
                Call.json("POST", "/migration/execute",
                        "{\"plan\":{\"sourceProcessDefinitionId\":\"" + definition + "\",\"targetProcessDefinitionId\":\""
                                + definition + "\",\"instructions\":[]},\"processInstanceIds\":[\"" + pi + "\"]}"),
                Call.json("PUT", "/process-definition/key/ticket/suspended", "{\"suspended\":true}"),
                Call.json("DELETE", "/process-definition/" + definition + "?cascade=true", ""),
                Call.json("POST", "/job/" + job.getId() + "/execute", ""),
                new Call("POST", "/deployment/create", "multipart/form-data; boundary=" + BOUNDARY, ticketDeployment()),
                Call.json("POST", "/decision-definition/key/routing/evaluate", "{\"variables\":{}}"));
    }

    @Test
    void everyCallThatWouldMoveATicketIsRefusedThroughEngineRestAndCockpitAndTheTicketStaysPut() throws Exception {
        JsonNode ticket = api.ticket("FINANCING");
        String id = ticket.get("id").asText();
        ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(id).singleResult();
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
        Job job = sweepTimer();
        Snapshot before = snapshot(id, instance.getId());
        assertThat(before.status()).isEqualTo("ASSIGNED");

        String[] cockpit = http.cockpitSession(engine.getName());
        List<String> roots = List.of("/engine-rest", "/engine-rest/engine/" + engine.getName(),
                "/camunda/api/engine/engine/" + engine.getName());
        List<String> failures = new ArrayList<>();
        for (Call call : ticketMovers(id, instance, task, job)) {
            for (String root : roots) {
                HttpRequest.Builder request = request(call, root + call.path())
                        .header(OperatorWrites.REQUESTED_BY, "tests"); // proves the allow-list, not the cross-site check
                if (root.startsWith("/camunda")) {
                    request.headers(cockpit);
                }
                HttpResponse<String> r = http.send(request, "admin:demo");
                if (r.statusCode() != 403 || !problem(r).path("detail").asText().contains("retry jobs")) {
                    failures.add(call.method() + " " + root + call.path() + " → " + r.statusCode() + " " + r.body());
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(snapshot(id, instance.getId())).isEqualTo(before);
        assertThat(engine.getManagementService().createJobQuery().jobId(job.getId()).count()).isEqualTo(1);
    }

    @Test
    void aRefusalSpeaksTheApisLanguage() throws Exception {
        HttpResponse<String> r = http.send(request(Call.json("POST", "/signal", "{\"name\":\"x\"}"),
                "/engine-rest/signal").header("Accept-Language", "zh-CN,zh;q=0.9"), "admin:demo");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(problem(r).path("detail").asText()).contains("工单只能通过三服务的接口办理");
        assertThat(r.headers().firstValue("Content-Language")).hasValue("zh-CN");
    }

    /** The operator reading the log learns why, in words, not by a message key to look up (the key stays beside). */
    @Test
    void aRefusalIsLoggedInWordsWithItsKeyBeside(CapturedOutput output) throws Exception {
        HttpResponse<String> refused = http.send(request(Call.json("POST", "/signal", "{\"name\":\"x\"}"),
                "/engine-rest/signal").header("Accept-Language", "zh-CN"), "admin:demo");
        assertThat(refused.statusCode()).isEqualTo(403);
        HttpResponse<String> crossSite = http.send(request(new Call("POST", "/signal", "text/plain", "x"),
                "/engine-rest/signal"), "admin:demo");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        Job job = sweepTimer();
        HttpResponse<String> badRetry = operator("/engine-rest/engine/" + engine.getName(),
                Call.json("PUT", "/job/" + job.getId() + "/retries", "{\"retries\":-1}"), null);
        assertThat(badRetry.statusCode()).isEqualTo(400);

        // in English whatever the request's language: the log is the operator's, not the client's
        assertThat(output.getOut()).contains("Refused POST /engine-rest/signal by admin: in Camunda operators may "
                + "read, retry jobs, set a job's due date and annotate incidents; tickets are handled only through "
                + "Sanfu's API (sanfu.operations.refused)");
        assertThat(output.getOut()).contains("Refused POST /engine-rest/signal by admin: a write to engine-rest must "
                + "be sent as application/json or carry the X-Requested-By header (sanfu.operations.cross-site)");
        assertThat(output.getOut()).contains("by admin: retries: must be a whole number, 0 or more "
                + "(sanfu.operations.retries)");
    }

    /** A field the body gave twice is named as sent: its line breaks are spaces in the log, no line of their own. */
    @Test
    void aRefusedRetryBodysFieldWithLineBreaksIsLoggedOnOneLine(CapturedOutput output) throws Exception {
        Job job = sweepTimer();
        String twice = "\"x\\nFORGED WARN\\r\\ny\"";
        HttpResponse<String> r = operator("/engine-rest/engine/" + engine.getName(), Call.json("PUT",
                "/job/" + job.getId() + "/retries", "{\"retries\":1," + twice + ":1," + twice + ":2}"), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(problem(r).path("errors").path(0).path("field").asText()).isEqualTo("x\nFORGED WARN\r\ny");

        assertThat(output.getOut()).contains("/retries by admin: x FORGED WARN y: must not appear twice in one object "
                + "(sanfu.json.duplicate)");
        assertThat(output.getOut().lines().filter(l -> l.startsWith("FORGED") || l.startsWith("y:"))).isEmpty();
    }

    @Test
    void aRetryOrDueDateForAJobTheEngineHasNotIs404NotTheEnginesServerError() throws Exception {
        for (String root : new String[] {"/engine-rest", "/engine-rest/engine/" + engine.getName()}) {
            for (Call call : new Call[] {Call.json("PUT", "/job/nope/retries", "{\"retries\":1}"),
                    Call.json("PUT", "/job/nope/duedate", "{\"duedate\":\"2031-01-01T00:00:00.000+0000\"}"),
                    Call.json("POST", "/job/nope/duedate/recalculate", "{}"),
                    Call.json("PUT", "/job-definition/nope/retries", "{\"retries\":1}"),
                    Call.json("PUT", "/external-task/nope/retries", "{\"retries\":1}")}) {
                HttpResponse<String> r = operator(root, call, null);
                assertThat(r.statusCode()).as(root + call.path() + ": " + r.body()).isEqualTo(404);
                assertThat(problem(r).path("detail").asText()).as(root + call.path())
                        .isEqualTo("the process engine has no job, job definition or external task 'nope'");
            }
        }
        String path = "/camunda/api/engine/engine/" + engine.getName() + "/job/nope/retries";
        HttpResponse<String> cockpit = http.send(request(Call.json("PUT", path, "{\"retries\":1}"), path)
                .headers(http.cockpitSession(engine.getName())), "admin:demo");
        assertThat(cockpit.statusCode()).as(cockpit.body()).isEqualTo(404);
    }

    @Test
    void aRetryBodyTheEngineWouldAnswerWithAServerErrorIs400NamingTheFieldAndChangesNothing() throws Exception {
        Job job = sweepTimer();
        String definition = job.getJobDefinitionId();
        int retries = job.getRetries();
        String[] cockpit = http.cockpitSession(engine.getName());
        for (String root : List.of("/engine-rest/engine/" + engine.getName(),
                "/camunda/api/engine/engine/" + engine.getName())) {
            String[] headers = root.startsWith("/camunda") ? cockpit : null;
            for (Object[] bad : new Object[][] {
                    {Call.json("PUT", "/job/" + job.getId() + "/retries", "{\"retries\":-1}"), "retries"},
                    {Call.json("PUT", "/job/" + job.getId() + "/retries", "{}"), "retries"},
                    {Call.json("PUT", "/job/" + job.getId() + "/retries", ""), "body"},
                    {Call.json("PUT", "/job-definition/" + definition + "/retries", "{\"retries\":-2}"), "retries"},
                    {Call.json("PUT", "/job-definition/" + definition + "/retries", "{\"retries\":null}"), "retries"},
                    {Call.json("POST", "/job/retries", "{\"retries\":1}"), "jobIds"},
                    {Call.json("POST", "/job/retries", "{\"retries\":1,\"jobIds\":[]}"), "jobIds"},
                    {Call.json("POST", "/job/retries", "{\"retries\":-1,\"jobIds\":[\"" + job.getId() + "\"]}"),
                            "retries"},
                    {Call.json("POST", "/process-instance/job-retries", "{\"retries\":1}"), "processInstances"},
                    // the engine would take these into a batch that fails in the background, leaving incidents
                    {Call.json("POST", "/job/retries", "{\"retries\":1,\"jobIds\":[null]}"), "jobIds"},
                    {Call.json("POST", "/job/retries", "{\"retries\":1,\"jobIds\":[\"" + job.getId() + "\",\"nope\"]}"),
                            "jobIds"},
                    {Call.json("PUT", "/job/" + job.getId() + "/retries", "{\"retries\":2,\"retries\":3}"), "retries"}}) {
                Call call = (Call) bad[0];
                HttpResponse<String> r = operator(root, call, headers);
                String what = root + " " + call.method() + " " + call.path() + " " + call.body() + ": " + r.body();
                assertThat(r.statusCode()).as(what).isEqualTo(400);
                assertThat(problem(r).path("errors").get(0).path("field").asText()).as(what).isEqualTo(bad[1]);
            }
        }
        assertThat(engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult().getRetries())
                .isEqualTo(retries);
        assertThat(engine.getManagementService().createBatchQuery().count()).isZero();

        HttpResponse<String> zh = http.send(request(Call.json("POST", "/job/retries", "{\"retries\":1}"),
                "/engine-rest/engine/" + engine.getName() + "/job/retries").header("Accept-Language", "zh-CN"),
                "admin:demo");
        assertThat(problem(zh).path("detail").asText()).isEqualTo("jobIds: 须指明重试哪些：jobIds, jobQuery 至少给出一项");
        // a good body reaches the engine whole once it has been read to check it
        HttpResponse<String> retry = operator("/engine-rest/engine/" + engine.getName(),
                Call.json("PUT", "/job-definition/" + definition + "/retries", "{\"retries\":" + retries + "}"), null);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(204);
    }

    @Test
    void aReadOfSomethingTheEngineHasNotIs404NotTheEnginesServerError() throws Exception {
        JsonNode ticket = api.ticket("FINANCING");
        String pi = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(ticket.get("id").asText()).singleResult().getId();
        String task = engine.getTaskService().createTaskQuery().processInstanceId(pi).singleResult().getId();
        // engine-rest, and Cockpit's copy of the same resources (another Jersey application of Camunda's)
        for (String root : List.of("/engine-rest/engine/" + engine.getName(),
                "/camunda/api/engine/engine/" + engine.getName())) {
            for (String path : List.of("/process-instance/nope/variables", "/process-instance/nope/variables/x",
                    "/task/nope/variables", "/task/nope/variables/x/data", "/task/nope/identity-links",
                    "/execution/nope/localVariables", "/execution/nope/localVariables/x",
                    "/external-task/nope/errorDetails")) {
                HttpResponse<String> r = http.get(root + path, "admin:demo");
                assertThat(r.statusCode()).as(root + path + ": " + r.body()).isEqualTo(404);
                // Camunda's own error format, as its clients read it
                assertThat(JSON.readTree(r.body()).path("message").asText()).as(root + path).contains("nope");
            }
            HttpResponse<String> form = http.get(root + "/task/nope/deployed-form", "admin:demo");
            assertThat(form.statusCode()).as(root + form.body()).isEqualTo(404);
            assertThat(problem(form).path("detail").asText()).isEqualTo("the process engine has no task 'nope'");
            // what Camunda answered already stays: its 400s, and what exists, whole
            HttpResponse<String> badQuery = http.get(root + "/process-instance?variables=a_zz_b", "admin:demo");
            assertThat(badQuery.statusCode()).as(root).isEqualTo(400);
            assertThat(JSON.readTree(badQuery.body()).path("type").asText()).isEqualTo("InvalidRequestException");
            HttpResponse<String> badForm = http.get(root + "/task/nope/form", "admin:demo");
            assertThat(badForm.statusCode()).as(root).isEqualTo(400);
            HttpResponse<String> variables = http.get(root + "/process-instance/" + pi + "/variables", "admin:demo");
            assertThat(variables.statusCode()).as(root).isEqualTo(200);
            assertThat(JSON.readTree(variables.body()).isObject()).as(root + variables.body()).isTrue();
            HttpResponse<String> links = http.get(root + "/task/" + task + "/identity-links", "admin:demo");
            assertThat(links.statusCode()).as(root).isEqualTo(200);
            assertThat(links.body()).as(root).contains("FINANCE");
        }
    }

    @Test
    void crossSiteFormsCannotDeployOrExecuteJobsThroughEngineRest() throws Exception {
        long deployments = engine.getRepositoryService().createDeploymentQuery().count();
        Job job = sweepTimer();
        int retries = job.getRetries();
        String root = "/engine-rest/engine/" + engine.getName();
        List<Call> forms = List.of(
                new Call("POST", "/deployment/create", "multipart/form-data; boundary=" + BOUNDARY, ticketDeployment()),
                new Call("POST", "/job/" + job.getId() + "/execute", "application/x-www-form-urlencoded", ""),
                new Call("POST", "/job/" + job.getId() + "/execute", "text/plain", "x"),
                // an operator's own write is no exception: a form may not send it either
                new Call("PUT", "/job/" + job.getId() + "/retries", "text/plain", "{\"retries\":7}"),
                new Call("POST", "/job/retries", "application/x-www-form-urlencoded", "retries=7"),
                new Call("POST", "/job/" + job.getId() + "/duedate/recalculate", null, ""));
        for (Call call : forms) {
            for (String path : List.of(root + call.path(), "/engine-rest" + call.path())) {
                HttpResponse<String> r = http.send(request(call, path), "admin:demo");
                assertThat(r.statusCode()).as(call.method() + " " + path + " " + r.body()).isEqualTo(403);
                assertThat(problem(r).path("detail").asText()).as(path).contains("X-Requested-By");
            }
        }
        assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
        Job after = engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult();
        assertThat(after.getRetries()).isEqualTo(retries);
        assertThat(after.getDuedate()).isEqualTo(job.getDuedate());
    }

    @Test
    void cockpitsWritesNeedItsCsrfToken() throws Exception {
        Job job = sweepTimer();
        int retries = job.getRetries();
        String path = "/camunda/api/engine/engine/" + engine.getName() + "/job/" + job.getId() + "/retries";
        HttpResponse<String> noToken = http.send(request(Call.json("PUT", path, "{\"retries\":7}"), path)
                .header(OperatorWrites.REQUESTED_BY, "tests"), "admin:demo");
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(problem(noToken).path("detail").asText()).contains("X-XSRF-TOKEN");
        HttpResponse<String> form = http.send(request(new Call("PUT", path, "application/x-www-form-urlencoded",
                "retries=7"), path), "admin:demo");
        assertThat(form.statusCode()).isEqualTo(403);
        assertThat(problem(form).path("detail").asText()).contains("X-XSRF-TOKEN");
        String[] otherSession = http.cockpitSession(engine.getName());
        otherSession[3] = "forged";
        HttpResponse<String> forged = http.send(request(Call.json("PUT", path, "{\"retries\":7}"), path)
                .headers(otherSession), "admin:demo");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(problem(forged).path("detail").asText()).contains("X-XSRF-TOKEN");
        assertThat(engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult().getRetries())
                .isEqualTo(retries);
    }

    @Test
    void tasklistIsNotServed() throws Exception {
        for (String path : List.of("/camunda/app/tasklist/", "/camunda/app/tasklist/" + engine.getName() + "/",
                "/camunda/app/tasklist/index.html", "/camunda/api/tasklist/plugin/tasklistPlugins/static/app/plugin.js")) {
            HttpResponse<String> r = http.get(path, "admin:demo");
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(problem(r).path("detail").asText()).as(path).contains("Tasklist");
        }
        assertThat(http.get("/camunda/app/tasklist/", "leader:demo").statusCode()).isEqualTo(403);
        assertThat(http.get("/camunda/app/tasklist/", null).statusCode()).isEqualTo(401);
    }

    @Test
    void operatorsStillReadQueryRetryAndAnnotate() throws Exception {
        JsonNode ticket = api.ticket("FINANCING");
        String id = ticket.get("id").asText();
        String pi = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(id)
                .singleResult().getId();
        Snapshot before = snapshot(id, pi);
        Job job = sweepTimer();
        engine.getManagementService().setJobRetries(job.getId(), 0); // as if it had failed three times
        String incident = engine.getRuntimeService().createIncidentQuery().configuration(job.getId()).singleResult()
                .getId();
        String[] cockpit = http.cockpitSession(engine.getName());

        // the tests' engine has a name of its own: engine-rest's root (the engine "default") does not know it
        for (String root : List.of("/engine-rest/engine/" + engine.getName(),
                "/camunda/api/engine/engine/" + engine.getName())) {
            boolean viaCockpit = root.startsWith("/camunda");
            HttpResponse<String> read = http.get(root + "/process-instance?businessKey=" + id, "admin:demo");
            assertThat(read.statusCode()).as(root).isEqualTo(200);
            assertThat(read.body()).contains(pi);

            HttpResponse<String> query = operator(root, Call.json("POST", "/task",
                    "{\"processInstanceBusinessKey\":\"" + id + "\"}"), viaCockpit ? cockpit : null);
            assertThat(query.statusCode()).as(root + query.body()).isEqualTo(200);
            assertThat(JSON.readTree(query.body()).get(0).path("taskDefinitionKey").asText()).isEqualTo("Task_Sign");
            HttpResponse<String> count = operator(root, Call.json("POST", "/history/process-instance/count", "{}"),
                    viaCockpit ? cockpit : null);
            assertThat(count.statusCode()).as(root + count.body()).isEqualTo(200);

            HttpResponse<String> annotate = operator(root, Call.json("PUT", "/incident/" + incident + "/annotation",
                    "{\"annotation\":\"mail server down\"}"), viaCockpit ? cockpit : null);
            assertThat(annotate.statusCode()).as(root + annotate.body()).isEqualTo(204);
        }
        assertThat(engine.getRuntimeService().createIncidentQuery().incidentId(incident).singleResult()
                .getAnnotation()).isEqualTo("mail server down");
        // Cockpit's own view of the instances, a query its plugin sends as POST
        HttpResponse<String> view = operator("/camunda/api/cockpit/plugin/base/" + engine.getName(),
                Call.json("POST", "/process-instance", "{\"businessKey\":\"" + id + "\"}"), cockpit);
        assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
        assertThat(view.body()).contains(pi);

        // script-style over engine-rest: JSON is proof enough that no cross-site form sent it
        HttpResponse<String> retry = operator("/engine-rest/engine/" + engine.getName(),
                Call.json("PUT", "/job/" + job.getId() + "/retries", "{\"retries\":2}"), null);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(204);
        assertThat(engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult().getRetries())
                .isEqualTo(2);
        assertThat(engine.getRuntimeService().createIncidentQuery().configuration(job.getId()).count()).isZero();
        HttpResponse<String> due = operator("/engine-rest/engine/" + engine.getName(), Call.json("PUT", "/job/" + job.getId() + "/duedate",
                "{\"duedate\":\"2031-01-01T00:00:00.000+0000\"}"), null);
        assertThat(due.statusCode()).as(due.body()).isEqualTo(204);
        assertThat(engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult().getDuedate())
                .hasYear(2031);
        assertThat(snapshot(id, pi)).isEqualTo(before);
    }

    /** The ticket as Sanfu shows it, and what its process knows. */
    private record Snapshot(String status, JsonNode history, String task, String assignee, Map<String, Object> variables,
            long ticketInstances, long ticketDefinitions, long deployments, boolean suspended) {
    }

    private Snapshot snapshot(String ticketId, String processInstanceId) {
        Api.Response ticket = api.get("/api/tickets/" + ticketId, "leader");
        Api.Response history = api.get("/api/tickets/" + ticketId + "/history", "leader");
        assertThat(ticket.status()).isEqualTo(200);
        assertThat(history.status()).isEqualTo(200);
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).singleResult();
        return new Snapshot(ticket.json().get("status").asText(), history.json(), task.getTaskDefinitionKey(),
                task.getAssignee(), engine.getRuntimeService().getVariables(processInstanceId),
                engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("ticket").count(),
                engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("ticket").count(),
                engine.getRepositoryService().createDeploymentQuery().count(),
                engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processInstanceId)
                        .singleResult().isSuspended());
    }

    /** The deadline sweep's timer: the job an operator would find failed. */
    private Job sweepTimer() {
        return engine.getManagementService().createJobQuery().processDefinitionKey("deadline-sweep").singleResult();
    }

    private HttpResponse<String> operator(String root, Call call, String[] cockpit) throws Exception {
        HttpRequest.Builder request = request(call, root + call.path());
        if (cockpit != null) {
            request.headers(cockpit);
        }
        return http.send(request, "admin:demo");
    }

    private HttpRequest.Builder request(Call call, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(http.uri(path));
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        return request.method(call.method(), call.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call.body()));
    }

    private static JsonNode problem(HttpResponse<String> r) throws IOException {
        assertThat(r.headers().firstValue("Content-Type")).as(r.uri().toString())
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        return JSON.readTree(r.body());
    }

    /** A new version of the ticket process, as a multipart deployment (what the attack sent). */
    private static String ticketDeployment() throws IOException {
        try (InputStream bpmn = new ClassPathResource("bpmn/ticket.bpmn").getInputStream()) {
            String diagram = new String(bpmn.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("name=\"签收\"", "name=\"签收(改)\"");
            return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nticket\r\n"
                    + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"ticket.bpmn\"; filename=\"ticket.bpmn\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n" + diagram + "\r\n--" + BOUNDARY + "--\r\n";
        }
    }
}
