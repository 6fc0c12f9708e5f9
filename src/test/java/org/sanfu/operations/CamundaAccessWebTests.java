package org.sanfu.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.sanfu.TestAccounts;
import org.sanfu.security.AccountAdministration;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Camunda's web apps (/camunda/) and engine REST API (/engine-rest/) over real HTTP (they are
 * servlets of their own, beside Spring MVC): refused without credentials (401) and to every role but
 * ADMIN (403); an ADMIN gets in with the same HTTP Basic as the API, or signed in to the workbench, and
 * the apps know who it is.
 */
@SanfuTest
class CamundaAccessWebTests {

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    Api api;
    @Autowired
    AccountAdministration accounts;
    @Autowired
    Pages pages;

    private List<String> paths() {
        String name = engine.getName();
        return List.of(
                "/camunda/app/cockpit/",
                "/camunda/app/cockpit/" + name + "/",
                "/camunda/app/admin/" + name + "/",
                "/camunda/api/engine/engine/" + name + "/process-definition?key=ticket",
                "/engine-rest/engine",
                "/engine-rest/engine/" + name + "/process-definition?key=ticket",
                "/engine-rest/engine/" + name + "/incident");
    }

    @Test
    void withoutCredentialsEverythingIsRefusedWithABasicChallenge() throws Exception {
        for (String path : paths()) {
            HttpResponse<String> r = get(path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                    v -> assertThat(v).startsWith("Basic"));
        }
        assertThat(get("/camunda/app/cockpit/", "admin:wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void everyRoleButAdminIsRefused() throws Exception {
        for (String user : List.of("leader", "dispatch", "finance", "staff1")) {
            for (String path : paths()) {
                assertThat(get(path, user + ":demo").statusCode()).as(user + " " + path).isEqualTo(403);
            }
            HttpResponse<String> retry = send(HttpRequest.newBuilder(uri("/engine-rest/engine/" + engine.getName()
                    + "/job/retries")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"retries\":1,\"jobIds\":[]}")), user + ":demo");
            assertThat(retry.statusCode()).as(user + " POST").isEqualTo(403);
        }
    }

    @Test
    void anAdminReachesCockpitAndEngineRestAsItself() throws Exception {
        HttpResponse<String> welcome = get("/camunda/app/cockpit/", "admin:demo");
        assertThat(welcome.statusCode()).isEqualTo(302);
        HttpResponse<String> cockpit = get("/camunda/app/cockpit/" + engine.getName() + "/", "admin:demo");
        assertThat(cockpit.statusCode()).isEqualTo(200);
        assertThat(cockpit.body()).contains("Cockpit");
        // the app took the user from Sanfu's sign-in (no login form of its own), with all its apps
        assertThat(cockpit.headers().firstValue("X-Authorized-User")).hasValue("admin");
        assertThat(cockpit.headers().firstValue("X-Authorized-Apps").orElse("")).contains("cockpit", "admin");

        HttpResponse<String> definitions = get("/camunda/api/engine/engine/" + engine.getName()
                + "/process-definition?key=ticket", "admin:demo");
        assertThat(definitions.statusCode()).isEqualTo(200);
        assertThat(definitions.body()).contains("\"key\":\"ticket\"");

        HttpResponse<String> rest = get("/engine-rest/engine/" + engine.getName()
                + "/process-definition?key=ticket", "admin:demo");
        assertThat(rest.statusCode()).isEqualTo(200);
        assertThat(rest.body()).contains("\"key\":\"ticket\"");
        assertThat(get("/engine-rest/engine/" + engine.getName() + "/incident", "admin:demo").statusCode())
                .isEqualTo(200);
    }

    /**
     * Camunda's jar also holds copies of the apps' files where Spring serves any jar's static files (its
     * webjars/camunda, plugin and camunda-welcome): Tasklist's page among them, and the apps' under addresses
     * no operator knows. They are Camunda's like /camunda: 401 without a sign-in, 403 to every role but ADMIN,
     * and not served even to ADMIN (404), whose Cockpit loads its own files, plugins included, from /camunda.
     */
    private static final List<String> COPIES = List.of("/webjars/camunda/app/tasklist/index.html",
            "/webjars/camunda/app/cockpit/index.html", "/webjars/camunda/securityFilterRules.json",
            "/webjars/camunda/lib/deps.js", "/plugin/cockpit/app/plugin.js", "/plugin/tasklist/app/plugin.js",
            "/camunda-welcome/index.html");

    @Test
    void theCopiesOfTheAppsFilesOutsideCamundaAreServedToNobody() throws Exception {
        String staff = http().workbenchSession("staff1", "demo");
        String admin = http().workbenchSession("admin", "demo");
        for (String path : COPIES) {
            HttpResponse<String> anonymous = get(path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path).isPresent();
            for (String user : List.of("staff1", "finance", "leader", "dispatch")) {
                assertThat(get(path, user + ":demo").statusCode()).as(user + " " + path).isEqualTo(403);
            }
            assertThat(withSession(path, staff).statusCode()).as("staff1's workbench session " + path).isEqualTo(403);
            HttpResponse<String> byAdmin = get(path, "admin:demo");
            assertThat(byAdmin.statusCode()).as(path).isEqualTo(404);
            assertThat(byAdmin.body()).as(path).contains("/camunda/app/").doesNotContain("<script");
            assertThat(withSession(path, admin).statusCode()).as("admin's workbench session " + path).isEqualTo(404);
        }
        // what the apps load is where they load it from
        String name = engine.getName();
        HttpResponse<String> cockpit = withSession("/camunda/app/cockpit/" + name + "/", admin);
        assertThat(cockpit.statusCode()).isEqualTo(200);
        assertThat(cockpit.body()).contains("/camunda/lib/deps.js").contains("/camunda/app/cockpit/camunda-cockpit-bootstrap.js");
        for (String file : List.of("/camunda/lib/deps.js", "/camunda/app/cockpit/camunda-cockpit-bootstrap.js",
                "/camunda/api/cockpit/plugin/cockpitPlugins/static/app/plugin.js")) {
            assertThat(withSession(file, admin).statusCode()).as(file).isEqualTo(200);
        }
    }

    @Test
    void anAdminsCamundaSessionOpensNothingWithoutAnAdminsCredentials() throws Exception {
        HttpResponse<String> cockpit = get("/camunda/app/cockpit/" + engine.getName() + "/", "admin:demo");
        String session = cockpit.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SANFU_SESSION="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        String path = "/camunda/api/engine/engine/" + engine.getName() + "/process-definition?key=ticket";
        assertThat(send(HttpRequest.newBuilder(uri(path)).header("Cookie", session).GET(), null).statusCode())
                .isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri(path)).header("Cookie", session).GET(), "leader:demo")
                .statusCode()).isEqualTo(403);
        // and the same session keeps working for the admin across requests (no new session id each time)
        HttpResponse<String> again = send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/"
                + engine.getName())).header("Cookie", session).GET(), "admin:demo");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"userId\":\"admin\"");
    }

    @Test
    void aPersonSignedInToTheWorkbenchIsNotAskedAgainAndOnlyAnAdminGetsIn() throws Exception {
        String name = engine.getName();
        String admin = http().workbenchSession("admin", "demo");
        HttpResponse<String> cockpit = withSession("/camunda/app/cockpit/" + name + "/", admin);
        assertThat(cockpit.statusCode()).isEqualTo(200);
        assertThat(cockpit.headers().firstValue("X-Authorized-User")).hasValue("admin");
        assertThat(cockpit.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(withSession("/engine-rest/engine/" + name + "/incident", admin).statusCode()).isEqualTo(200);

        String leader = http().workbenchSession("leader", "demo");
        for (String path : paths()) {
            assertThat(withSession(path, leader).statusCode()).as(path).isEqualTo(403);
        }
        // a browser signed in nowhere is sent to the form; a script still gets the Basic challenge
        HttpResponse<String> browser = send(HttpRequest.newBuilder(uri("/camunda/app/cockpit/" + name + "/"))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET(), null);
        assertThat(browser.statusCode()).isEqualTo(302);
        assertThat(browser.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void aDisabledAdministratorsWorkbenchSessionOpensNothingMore() throws Exception {
        String username = "ops" + Api.creditCode().substring(12).toLowerCase(java.util.Locale.ROOT);
        TestAccounts.create(accounts, username, "ADMIN", null, "Sanfu-Ops-Passw0rd!");
        String session = http().workbenchSession(username, "Sanfu-Ops-Passw0rd!");
        String path = "/engine-rest/engine/" + engine.getName() + "/incident";
        HttpResponse<String> first = withSession(path, session);
        assertThat(first.statusCode()).as("an administrator's password is changed before anything else").isEqualTo(302);
        assertThat(first.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/account"));
        pages.passwordChosen(username);
        assertThat(withSession(path, session).statusCode()).isEqualTo(200);
        accounts.disable(new Caller("admin", Role.ADMIN, null), username);
        assertThat(withSession(path, session).statusCode()).isEqualTo(401);
    }

    @Test
    void anAdminRetriesAFailedTimerThroughCockpitsApi() throws Exception {
        // the deadline sweep's timer is the job an operator would find failed
        Job timer = engine.getManagementService().createJobQuery().processDefinitionKey("deadline-sweep").singleResult();
        engine.getManagementService().setJobRetries(timer.getId(), 0); // as if it had failed three times
        assertThat(engine.getRuntimeService().createIncidentQuery().configuration(timer.getId()).count()).isEqualTo(1);

        // what Cockpit does: the page gives the session its CSRF token, the retry sends it back
        HttpResponse<String> retry = send(HttpRequest.newBuilder(uri("/camunda/api/engine/engine/" + engine.getName()
                        + "/job/" + timer.getId() + "/retries"))
                .header("Content-Type", "application/json").headers(http().cockpitSession(engine.getName()))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"retries\":1}")), "admin:demo");
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(204);
        assertThat(engine.getRuntimeService().createIncidentQuery().configuration(timer.getId()).count()).isZero();
        assertThat(engine.getManagementService().createJobQuery().jobId(timer.getId()).singleResult().getRetries())
                .isEqualTo(1);
    }

    @Test
    void sanfusApiKeepsItsOwnBasicSignIn() {
        assertThat(api.get("/api/inbox", "leader").status()).isEqualTo(200);
        assertThat(api.get("/api/inbox", null).status()).isEqualTo(401);
    }

    private HttpResponse<String> withSession(String path, String cookie) throws Exception {
        assertThat(cookie).as("signed in through the form").isNotNull();
        return send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie).GET(), null);
    }

    private HttpResponse<String> get(String path, String credentials) throws Exception {
        return http().get(path, credentials);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String credentials) throws Exception {
        return http().send(request, credentials);
    }

    private URI uri(String path) {
        return http().uri(path);
    }

    private CamundaHttp http() {
        return new CamundaHttp(port);
    }
}
