package org.sanfu.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which retry bodies reach the engine, and which are 400 naming their field. */
class RetryBodiesUnitTests {

    private static String fault(String method, String resource, String body) {
        RetryBodies.Checked checked = RetryBodies.check(method, resource, body.getBytes(StandardCharsets.UTF_8));
        return checked == null || checked.fault() == null ? null
                : checked.fault().field() + " " + checked.fault().message().code();
    }

    @Test
    void retriesMustBeAWholeNumberZeroOrMoreOnEveryRetryWrite() {
        for (String[] write : new String[][] {{"PUT", "/job/42/retries"}, {"PUT", "/job-definition/9/retries"},
                {"PUT", "/external-task/5/retries"}, {"PUT", "/external-task/retries"},
                {"POST", "/external-task/retries-async"}}) {
            String m = write[0], r = write[1];
            assertThat(fault(m, r, "{\"retries\":0}")).as(r).isNull();
            assertThat(fault(m, r, "{\"retries\":3,\"dueDate\":\"2031-01-01T00:00:00.000+0000\"}")).as(r).isNull();
            assertThat(fault(m, r, "{\"retries\":-1}")).as(r).isEqualTo("retries sanfu.operations.retries");
            assertThat(fault(m, r, "{\"retries\":1.5}")).as(r).isEqualTo("retries sanfu.operations.retries");
            assertThat(fault(m, r, "{\"retries\":\"2\"}")).as(r).isEqualTo("retries sanfu.operations.retries");
            assertThat(fault(m, r, "{\"retries\":9999999999}")).as(r).isEqualTo("retries sanfu.operations.retries");
            assertThat(fault(m, r, "{}")).as(r).isEqualTo("retries sanfu.validation.not-blank");
            assertThat(fault(m, r, "{\"retries\":null}")).as(r).isEqualTo("retries sanfu.validation.not-blank");
            assertThat(fault(m, r, "")).as(r).isEqualTo("body sanfu.json.not-object");
            assertThat(fault(m, r, "[1]")).as(r).isEqualTo("body sanfu.json.not-object");
            assertThat(fault(m, r, "{\"retries\":")).as(r).isEqualTo("body sanfu.json.unreadable");
        }
    }

    @Test
    void aBulkRetryMustNameWhatToRetry() {
        assertThat(fault("POST", "/job/retries", "{\"retries\":1}")).isEqualTo("jobIds sanfu.operations.retry-what");
        assertThat(fault("POST", "/job/retries", "{\"retries\":1,\"jobIds\":[]}"))
                .isEqualTo("jobIds sanfu.operations.retry-what");
        assertThat(fault("POST", "/job/retries", "{\"retries\":1,\"jobIds\":[\"42\"]}")).isNull();
        assertThat(fault("POST", "/job/retries", "{\"retries\":1,\"jobQuery\":{}}")).isNull();
        String byProcess = "/process-instance/job-retries";
        assertThat(fault("POST", byProcess, "{\"retries\":1}")).isEqualTo("processInstances sanfu.operations.retry-what");
        assertThat(fault("POST", byProcess, "{\"retries\":1,\"processInstances\":[\"7\"]}")).isNull();
        assertThat(fault("POST", byProcess, "{\"retries\":1,\"processInstanceQuery\":{}}")).isNull();
        assertThat(fault("POST", byProcess, "{\"retries\":1,\"historicProcessInstanceQuery\":{}}")).isNull();
    }

    @Test
    void aListOfIdsHoldsIdsOnlyAndNoKeyComesTwice() {
        for (String ids : List.of("[null]", "[\"42\",null]", "[\"\"]", "[\" \"]", "[42]", "[{}]", "[[\"42\"]]")) {
            assertThat(fault("POST", "/job/retries", "{\"retries\":1,\"jobIds\":" + ids + "}")).as(ids)
                    .isEqualTo("jobIds sanfu.operations.retry-ids");
            assertThat(fault("POST", "/process-instance/job-retries", "{\"retries\":1,\"processInstances\":" + ids + "}"))
                    .as(ids).isEqualTo("processInstances sanfu.operations.retry-ids");
        }
        assertThat(fault("PUT", "/job/42/retries", "{\"retries\":2,\"retries\":3}")).isEqualTo("retries sanfu.json.duplicate");
        assertThat(fault("POST", "/job/retries", "{\"retries\":1,\"jobIds\":[\"42\"],\"jobIds\":[]}"))
                .isEqualTo("jobIds sanfu.json.duplicate");
        // within a query, by its path
        assertThat(fault("POST", "/job/retries", "{\"retries\":1,\"jobQuery\":{\"jobIds\":[\"1\"],\"jobIds\":[]}}"))
                .isEqualTo("jobQuery.jobIds sanfu.json.duplicate");
    }

    @Test
    void theJobsABulkRetryNamesAreListedForTheCallerToLookUp() {
        byte[] body = "{\"retries\":1,\"jobIds\":[\"42\",\"43\"]}".getBytes(StandardCharsets.UTF_8);
        assertThat(RetryBodies.check("POST", "/job/retries", body).jobIds()).containsExactly("42", "43");
        assertThat(RetryBodies.check("POST", "/job/retries", "{\"retries\":1,\"jobQuery\":{}}"
                .getBytes(StandardCharsets.UTF_8)).jobIds()).isEmpty();
        byte[] byProcess = "{\"retries\":1,\"processInstances\":[\"7\"]}".getBytes(StandardCharsets.UTF_8);
        assertThat(RetryBodies.check("POST", "/process-instance/job-retries", byProcess).jobIds()).isEmpty();
        // a refused body names no jobs to look up
        assertThat(RetryBodies.check("POST", "/job/retries", "{\"retries\":-1,\"jobIds\":[\"42\"]}"
                .getBytes(StandardCharsets.UTF_8)).jobIds()).isEmpty();
    }

    @Test
    void otherWritesAreNotReadHere() {
        assertThat(RetryBodies.checked("PUT", "/job/42/duedate")).isFalse();
        assertThat(RetryBodies.checked("PUT", "/incident/7/annotation")).isFalse();
        assertThat(RetryBodies.checked("POST", "/task")).isFalse();
        assertThat(RetryBodies.checked("POST", "/job/42/retries")).isFalse();
        assertThat(fault("PUT", "/job/42/duedate", "not json")).isNull();
        assertThat(RetryBodies.checked("PUT", "/job/42/retries")).isTrue();
    }
}
