package org.sanfu.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The allow-list of operators' writes: exactly the listed calls, and no look-alike of them. */
class OperatorWritesUnitTests {

    private final OperatorWrites writes = new OperatorWrites(null, "/camunda");

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
