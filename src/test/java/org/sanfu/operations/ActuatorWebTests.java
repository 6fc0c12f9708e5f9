package org.sanfu.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

/** Health is open to anyone and says only UP; the index, info and prometheus are for ADMIN (API.md "Operations"). */
@SanfuTest
class ActuatorWebTests {

    @Autowired
    Api api;

    @Test
    void healthIsOpenToAnyoneAndSaysOnlyUp() {
        Api.Response r = api.get("/actuator/health", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().toString()).isEqualTo("{\"status\":\"UP\"}");
        Api.Response leader = api.get("/actuator/health", "leader");
        assertThat(leader.json().toString()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void anAdminSeesTheDatabaseAndTheEngineInHealth() {
        JsonNode components = api.get("/actuator/health", "admin").json().get("components");
        assertThat(components.at("/db/status").asText()).isEqualTo("UP");
        assertThat(components.at("/processEngine/status").asText()).isEqualTo("UP");
        // the job executor is off in these tests; ProductionProfileTests sees it on
    }

    @Test
    void infoGivesTheVersionAndCommitToAdminsOnly() {
        refusedToAllButAdmins("/actuator/info");
        Api.Response r = api.get("/actuator/info", "admin");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/build/version").asText()).isNotBlank();
        if (new ClassPathResource("git.properties").exists() && r.json().has("git")) {
            assertThat(r.json().at("/git/commit/id").asText()).isNotBlank();
        }
    }

    @Test
    void theIndexOfTheEndpointsIsForAdminsOnly() {
        refusedToAllButAdmins("/actuator");
        Api.Response admin = api.get("/actuator", "admin");
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.json().at("/_links/prometheus/href").asText()).endsWith("/actuator/prometheus");
    }

    @Test
    void prometheusIsForAdminsOnly() {
        refusedToAllButAdmins("/actuator/prometheus");
        Api.Response admin = api.perform(get("/actuator/prometheus"), "admin");
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.text()).contains("sanfu_tickets_open ");
        assertThat(api.get("/actuator/env", "admin").status()).as("not exposed").isEqualTo(404);
    }

    /** 401 without a sign-in, and 403 problem+json that tells nothing of the endpoint to every role but ADMIN. */
    private void refusedToAllButAdmins(String path) {
        assertThat(api.get(path, null).status()).as(path).isEqualTo(401);
        for (String user : List.of("leader", "dispatch", "staff1", "finance")) {
            Api.Response r = api.get(path, user);
            assertThat(r.status()).as(user + " " + path).isEqualTo(403);
            assertThat(r.contentType()).as(user + " " + path).startsWith("application/problem+json");
            assertThat(r.text()).as(user + " " + path).doesNotContain("_links", "sanfu_tickets_open", "build");
        }
    }
}
