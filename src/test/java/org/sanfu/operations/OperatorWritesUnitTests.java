package org.sanfu.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The allow-list of operators' writes: exactly the listed calls, and no look-alike of them. */
class OperatorWritesUnitTests {

    /** The engine as these tests see it: job 42, job definition 9, external task 5 and task 3, nothing else. */
    private final OperatorWrites writes = new OperatorWrites(null, "/camunda",
            new OperatorWrites.Known(ids -> ids.contains("42") ? Set.of("42") : Set.of(), "9"::equals, "5"::equals,
                    "3"::equals), 1024);

    @Test
    void aWriteNamingAJobDefinitionOrExternalTaskTheEngineHasNotIsToldWhichUnderEveryRoot() {
        for (String root : new String[] {"/engine-rest", "/engine-rest/engine/default",
                "/camunda/api/engine/engine/default"}) {
            assertThat(writes.unknown(root + "/job/42/retries")).as(root).isNull();
            assertThat(writes.unknown(root + "/job/43/retries")).as(root).isEqualTo("43");
            assertThat(writes.unknown(root + "/job/43/duedate")).as(root).isEqualTo("43");
            assertThat(writes.unknown(root + "/job/43/duedate/recalculate")).as(root).isEqualTo("43");
            assertThat(writes.unknown(root + "/job-definition/9/retries")).as(root).isNull();
            assertThat(writes.unknown(root + "/job-definition/8/retries")).as(root).isEqualTo("8");
            assertThat(writes.unknown(root + "/external-task/5/retries")).as(root).isNull();
            assertThat(writes.unknown(root + "/external-task/6/retries")).as(root).isEqualTo("6");
            // the bulk writes name no id in their path: the engine judges their bodies
            assertThat(writes.unknown(root + "/job/retries")).as(root).isNull();
            assertThat(writes.unknown(root + "/external-task/retries")).as(root).isNull();
            assertThat(writes.unknown(root + "/incident/7/annotation")).as(root).isNull();
        }
    }

    @Test
    void aReadOfTheDeployedFormOfATaskTheEngineHasNotIsToldWhich() {
        for (String root : new String[] {"/engine-rest", "/engine-rest/engine/default",
                "/camunda/api/engine/engine/default"}) {
            assertThat(writes.unknownTask(root + "/task/3/deployed-form")).as(root).isNull();
            assertThat(writes.unknownTask(root + "/task/4/deployed-form")).as(root).isEqualTo("4");
            assertThat(writes.unknownTask(root + "/task/4/form")).as(root).isNull();
        }
        assertThat(writes.unknownTask("/api/task/4/deployed-form")).isNull();
    }

    @Test
    void theIncidentWorkIsAllowedUnderEveryRootOfTheEngine() {
        for (String root : new String[] {"/engine-rest", "/engine-rest/engine/default",
                "/camunda/api/engine/engine/default"}) {
            assertThat(writes.allowed("PUT", root + "/job/42/retries")).as(root).isTrue();
            assertThat(writes.allowed("POST", root + "/job/retries")).as(root).isTrue();
            assertThat(writes.allowed("PUT", root + "/job/42/duedate")).as(root).isTrue();
            assertThat(writes.allowed("DELETE", root + "/incident/7/annotation")).as(root).isTrue();
            assertThat(writes.allowed("POST", root + "/task")).as(root).isTrue();
            assertThat(writes.allowed("POST", root + "/history/process-instance/count")).as(root).isTrue();
        }
        assertThat(writes.allowed("POST", "/camunda/api/cockpit/plugin/base/default/process-instance/count")).isTrue();
        assertThat(writes.allowed("POST", "/camunda/api/admin/auth/user/default/logout")).isTrue();
    }

    @Test
    void lookAlikesAndEverythingElseAreRefused() {
        for (String[] call : new String[][] {
                {"POST", "/engine-rest/job/42/retries"}, // the right path with the wrong method
                {"PUT", "/engine-rest/job/42/retries/"}, // a trailing slash
                {"PUT", "/engine-rest/Job/42/retries"}, // another case
                {"PUT", "/engine-rest/job/42/retries/x"},
                {"POST", "/engine-rest/task/42/complete"},
                {"POST", "/engine-rest/task/create"},
                {"POST", "/engine-rest/history/cleanup"},
                {"POST", "/engine-rest/process-instance/delete"},
                {"POST", "/engine-rest/job/42/execute"},
                {"POST", "/engine-rest/engine/default/deployment/create"},
                {"POST", "/engine-rest/identity/verify"},
                {"POST", "/camunda/api/admin/setup/default/user/create"},
                {"POST", "/camunda/api/admin/auth/user/default/login/cockpit"},
                {"POST", "/camunda/api/engine/engine/default/filter/create"},
                {"POST", "/camunda/app/cockpit/default/"},
                {"POST", "/camunda/api/cockpit/plugin/other/default/process-instance"},
                {"POST", "/elsewhere/job/retries"}}) {
            assertThat(writes.allowed(call[0], call[1])).as(call[0] + " " + call[1]).isFalse();
        }
    }
}
