package org.sanfu.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What engine-rest answers to input it cannot read, as a hostile client's audit sent it: 400 problem+json
 * naming the field and what it must be, in the API's language, and nothing changes.
 */
@SanfuTest
@ExtendWith(OutputCaptureExtension.class)
class EngineRestBadInputWebTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProcessEngine engine;
    private final CamundaHttp http;
    private final String root;

    @Autowired
    EngineRestBadInputWebTests(@LocalServerPort int port, ProcessEngine engine) {
        this.engine = engine;
        this.http = new CamundaHttp(port);
        this.root = "/engine-rest/engine/" + engine.getName();
    }

    @Test
    void aDueDateThatIsNoDateIs400NamingDuedateAndWhatItMustBe(CapturedOutput output) throws Exception {
        Job job = sweepTimer();
        String path = "/job/" + job.getId() + "/duedate";
        HttpResponse<String> r = send("PUT", path, "{\"duedate\":\"garbage\"}", "en");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode problem = problem(r);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("duedate");
        String detail = problem.path("detail").asText();
        assertThat(detail).startsWith("duedate: must be a date-time in Camunda's format yyyy-MM-dd'T'HH:mm:ss.SSSZ, "
                + "such as 2031-01-01T09:00:00.000+0800");
        assertThat(r.headers().firstValue("Content-Language")).hasValue("en");
        // the operator's log says it in words too, its key beside
        assertThat(output.getOut()).contains("duedate: must be a date-time in Camunda's format "
                + "yyyy-MM-dd'T'HH:mm:ss.SSSZ, such as 2031-01-01T09:00:00.000+0800 (sanfu.operations.date)");
        HttpResponse<String> zh = send("PUT", path, "{\"duedate\":\"garbage\"}", "zh-CN");
        assertThat(problem(zh).path("detail").asText())
                .startsWith("duedate: 必须是 Camunda 格式 yyyy-MM-dd'T'HH:mm:ss.SSSZ 的日期时间，例如 2031-01-01T09:00:00.000+0800");
        assertThat(engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult().getDuedate())
                .isEqualTo(job.getDuedate());

        // the example it gives is a date engine-rest takes
        String example = detail.substring(detail.lastIndexOf(' ') + 1);
        HttpResponse<String> good = send("PUT", path, "{\"duedate\":\"" + example + "\"}", null);
        try {
            assertThat(good.statusCode()).as(good.body()).isEqualTo(204);
            assertThat(engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult().getDuedate())
                    .hasYear(2031);
        } finally {
            engine.getManagementService().setJobDuedate(job.getId(), job.getDuedate());
        }
    }

    @Test
    void aValueOfTheWrongTypeOrFormInTheBodyOfAnAllowedWriteIs400NamingItsFieldAndChangesNothing() throws Exception {
        Job job = sweepTimer();
        String id = job.getId();
        long batches = engine.getManagementService().createBatchQuery().count();
        String garbage = "\"garbage\"";
        List<String> failures = new ArrayList<>();
        for (String[] bad : new String[][] {
                {"PUT", "/job/" + id + "/duedate", "{\"duedate\":\"2031-01-01T00:00:00.000+0000\",\"cascade\":\"abc\"}",
                        "cascade", "must be true or false"},
                {"PUT", "/job/" + id + "/duedate", "{\"duedate\":[1]}", "duedate", "must be a date-time"},
                {"PUT", "/job/" + id + "/duedate", "{\"duedate\":", "body", "is not readable JSON"},
                {"PUT", "/job/" + id + "/retries", "{\"retries\":1,\"dueDate\":" + garbage + "}", "dueDate",
                        "must be a date-time"},
                {"POST", "/job/retries", "{\"retries\":1,\"jobIds\":[\"" + id + "\"],\"dueDate\":" + garbage + "}",
                        "dueDate", "must be a date-time"},
                {"POST", "/job/retries", "{\"retries\":1,\"jobQuery\":{\"withRetriesLeft\":\"abc\"}}",
                        "jobQuery.withRetriesLeft", "must be true or false"},
                {"PUT", "/job-definition/" + job.getJobDefinitionId() + "/retries",
                        "{\"retries\":1,\"dueDate\":" + garbage + "}", "dueDate", "must be a date-time"},
                {"POST", "/process-instance/job-retries",
                        "{\"retries\":1,\"historicProcessInstanceQuery\":{\"startedBefore\":" + garbage + "}}",
                        "historicProcessInstanceQuery.startedBefore", "must be a date-time"},
                {"PUT", "/external-task/retries",
                        "{\"retries\":1,\"externalTaskQuery\":{\"lockExpirationBefore\":" + garbage + "}}",
                        "externalTaskQuery.lockExpirationBefore", "must be a date-time"},
                {"POST", "/external-task/retries-async",
                        "{\"retries\":1,\"externalTaskQuery\":{\"lockExpirationBefore\":" + garbage + "}}",
                        "externalTaskQuery.lockExpirationBefore", "must be a date-time"},
                {"PUT", "/incident/nope/annotation", "{\"annotation\":{}}", "annotation", "must be a string"},
                // a query sent as POST, which an operator's script may send as well
                {"POST", "/job", "{\"jobIds\":\"" + id + "\"}", "jobIds", "must be an array"},
                {"POST", "/job", "{\"sortBy\":\"garbage\"}", "sortBy",
                        "is not a valid value (Camunda says: sortBy parameter has invalid value: garbage)"},
                // past the parser's limits: Camunda answered 500
                {"POST", "/job", "{\"priorityHigherThanOrEquals\":" + "9".repeat(1001) + "}", "body",
                        "is beyond what is read"}}) {
            HttpResponse<String> r = send(bad[0], bad[1], bad[2], null);
            String what = bad[0] + " " + bad[1] + " " + bad[2].substring(0, Math.min(80, bad[2].length())) + " → "
                    + r.statusCode() + " " + r.headers().firstValue("Content-Type").orElse("") + " " + r.body();
            if (!refused(r, bad[3], bad[4])) {
                failures.add(what);
            }
        }
        assertThat(failures).isEmpty();
        Job after = engine.getManagementService().createJobQuery().jobId(id).singleResult();
        assertThat(after.getRetries()).isEqualTo(job.getRetries());
        assertThat(after.getDuedate()).isEqualTo(job.getDuedate());
        assertThat(engine.getManagementService().createBatchQuery().count()).isEqualTo(batches);
    }

    @Test
    void aQueryParameterThatCannotBeReadIs400NamingItNot404() throws Exception {
        String whole = "must be a whole number from 0 to 2147483647";
        List<String> failures = new ArrayList<>();
        for (String[] bad : new String[][] {
                // typed parameters of the resource methods: JAX-RS answered 404, as if the list did not exist
                {"/job?firstResult=abc", "firstResult", whole},
                {"/job?maxResults=abc", "maxResults", whole},
                {"/process-instance?firstResult=1.5", "firstResult", whole},
                {"/task?maxResults=99999999999", "maxResults", whole},
                {"/history/process-instance?firstResult=x", "firstResult", whole},
                // negative: the database refused its OFFSET or FETCH, which Camunda answered 500
                {"/job?maxResults=-5", "maxResults", whole},
                {"/history/activity-instance?firstResult=-5&maxResults=5", "firstResult", whole},
                {"/task?firstResult=0&maxResults=-1", "maxResults", whole},
                // a flag: JAX-RS read anything but true as false
                {"/variable-instance?deserializeValues=ture", "deserializeValues", "must be true or false"},
                {"/process-instance/nope/variables?deserializeValues=", "deserializeValues", "must be true or false"},
                // a list's filters: Camunda's own 400, not a problem
                {"/job?withRetriesLeft=abc", "withRetriesLeft", "must be true or false"},
                {"/job/count?withRetriesLeft=abc", "withRetriesLeft", "must be true or false"},
                {"/job?priorityHigherThanOrEquals=abc", "priorityHigherThanOrEquals", "must be a whole number"},
                {"/history/process-instance?startedBefore=garbage", "startedBefore",
                        "must be a date-time in Camunda's format yyyy-MM-dd'T'HH:mm:ss.SSSZ, such as 2031-01-01T"},
                {"/job?dueDates=garbage", "dueDates",
                        "is not a valid value (Camunda says: condition query parameter has to have format OPERATOR_VALUE.)"},
                {"/job?sortBy=garbage&sortOrder=asc", "sortBy",
                        "is not a valid value (Camunda says: sortBy parameter has invalid value: garbage)"}}) {
            HttpResponse<String> r = http.get(root + bad[0], "admin:demo");
            if (!refused(r, bad[1], bad[2])) {
                failures.add("GET " + bad[0] + " → " + r.statusCode() + " " + r.body());
            }
        }
        // a query sent as POST keeps its paging in the query string
        HttpResponse<String> post = send("POST", "/job?firstResult=abc", "{}", null);
        if (!refused(post, "firstResult", whole)) {
            failures.add("POST /job?firstResult=abc → " + post.statusCode() + " " + post.body());
        }
        assertThat(failures).isEmpty();

        // what can be read still is, a flag in any case as before
        assertThat(http.get(root + "/job?maxResults=", "admin:demo").statusCode()).as("empty: no bound").isEqualTo(200);
        HttpResponse<String> page = http.get(root + "/job?firstResult=0&maxResults=1", "admin:demo");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(JSON.readTree(page.body())).hasSize(1);
        for (String flag : List.of("true", "false", "TRUE", "False")) {
            HttpResponse<String> r = http.get(root + "/variable-instance?deserializeValues=" + flag, "admin:demo");
            assertThat(r.statusCode()).as(flag + ": " + r.body()).isEqualTo(200);
        }
        HttpResponse<String> zh = send("GET", "/job?maxResults=abc", "", "zh-CN");
        assertThat(problem(zh).path("detail").asText()).isEqualTo("maxResults: 必须是 0 到 2147483647 之间的整数");
    }

    /**
     * Camunda's words quote the value sent in a body (a query string's line break is refused before, by
     * web.RejectedRequests): its line breaks, \n and \r, are spaces in the operator's log, where they would start a
     * line that reads as another event; the answer still quotes it as sent.
     */
    @Test
    void aRefusedValueWithLineBreaksIsLoggedOnOneLine(CapturedOutput output) throws Exception {
        HttpResponse<String> lf = send("POST", "/job", "{\"sortBy\":\"a\\nFORGED WARN\\r\\nb\"}", null);
        assertThat(refused(lf, "sortBy", "is not a valid value (Camunda says: sortBy parameter has invalid value: "
                + "a\nFORGED WARN\r\nb)")).as(lf.body()).isTrue();
        HttpResponse<String> cr = send("POST", "/job/count", "{\"sortBy\":\"c\\rFORGED ERROR d\"}", null);
        assertThat(refused(cr, "sortBy", "is not a valid value")).as(cr.body()).isTrue();

        assertThat(output.getOut()).contains("Refused POST " + root + "/job by admin: sortBy: is not a valid value "
                + "(Camunda says: sortBy parameter has invalid value: a FORGED WARN b) (sanfu.operations.camunda-says)");
        assertThat(output.getOut()).contains("Refused POST " + root + "/job/count by admin: sortBy: is not a valid "
                + "value (Camunda says: sortBy parameter has invalid value: c FORGED ERROR d) "
                + "(sanfu.operations.camunda-says)");
        assertThat(output.getOut().lines().filter(l -> l.startsWith("FORGED") || l.startsWith("b)"))).isEmpty();
    }

    @Test
    void aRecalculationWhoseFlagIsNoFlagIsRefusedNotRunFromAnotherDate() throws Exception {
        Job job = sweepTimer();
        HttpResponse<String> r = send("POST", "/job/" + job.getId() + "/duedate/recalculate?creationDateBased=ture", "",
                null);
        assertThat(refused(r, "creationDateBased", "must be true or false")).as(r.statusCode() + " " + r.body()).isTrue();
        assertThat(engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult().getDuedate())
                .isEqualTo(job.getDuedate());
    }

    /** Whether this is the 400 problem naming the field, its detail starting so. */
    private static boolean refused(HttpResponse<String> r, String field, String detail) throws IOException {
        if (r.statusCode() != 400
                || !r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            return false;
        }
        JsonNode problem = JSON.readTree(r.body());
        return problem.path("errors").path(0).path("field").asText().equals(field)
                && problem.path("detail").asText().startsWith(field + ": " + detail);
    }

    /** The deadline sweep's timer: a job an operator may retry or move. */
    private Job sweepTimer() {
        return engine.getManagementService().createJobQuery().processDefinitionKey("deadline-sweep").singleResult();
    }

    /** An operator's JSON call to the tests' engine, in the language given (none when null). */
    private HttpResponse<String> send(String method, String path, String body, String language) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(http.uri(root + path))
                .header("Content-Type", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return http.send(request, "admin:demo");
    }

    private static JsonNode problem(HttpResponse<String> r) throws IOException {
        assertThat(r.headers().firstValue("Content-Type")).as(r.body())
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        return JSON.readTree(r.body());
    }
}
