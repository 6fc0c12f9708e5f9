package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.sanfu.security.MachineClient;
import org.sanfu.security.Role;
import org.sanfu.ticket.TicketAction;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document (/v3/api-docs) lists every path and action of API.md, with its request and
 * answer schemas, who may call it and its problem+json errors; and every /api endpoint the code has.
 */
@SanfuTest
class ApiDocsWebTests {

    /** API.md's endpoints, as "METHOD path". The leaders' view (stats, reports) is checked through the code. */
    static final List<String> API_MD = List.of(
            "POST /api/enterprises", "GET /api/enterprises", "GET /api/enterprises/{creditCode}",
            "POST /api/enterprises/import",
            "POST /api/visits", "GET /api/visits", "GET /api/visits/{id}",
            "GET /api/tickets", "GET /api/tickets/{id}", "GET /api/tickets/{id}/history", "GET /api/inbox");
    static final List<String> ACTIONS = List.of("assign", "sign", "return", "contribute", "reply", "extend",
            "approve-extension", "reject-extension", "escalate", "escalation-reply", "feedback", "supervise", "rule",
            "comment");

    @Autowired
    Api api;
    @Autowired
    Pages pages;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theDocumentIsForSignedInUsersOnly() {
        assertThat(api.get("/v3/api-docs", null).status()).isEqualTo(401);
        assertThat(api.get("/v3/api-docs.yaml", null).status()).as("the YAML document too").isEqualTo(401);
        assertThat(api.get("/swagger-ui.html", null).status()).isEqualTo(401);
        for (String user : List.of("staff1", "finance", "leader", "admin")) {
            assertThat(api.get("/v3/api-docs", user).status()).as(user).isEqualTo(200);
            Api.Response yaml = api.perform(MockMvcRequestBuilders.get("/v3/api-docs.yaml"), user);
            assertThat(yaml.status()).as(user + " YAML").isEqualTo(200);
            assertThat(yaml.text()).as(user + " YAML").contains("openapi:").contains("/api/tickets:");
            // a text, with Chinese in it: its charset stays (web.FilesWithoutCharset leaves springdoc's bytes alone)
            assertThat(MediaType.parseMediaType(yaml.contentType()).getCharset()).as(user + " YAML")
                    .isEqualTo(StandardCharsets.UTF_8);
        }
        Api.Response ui = api.get("/swagger-ui.html", "finance");
        assertThat(ui.status()).isEqualTo(302);
        assertThat(ui.header("Location")).contains("/swagger-ui/index.html");
        assertThat(api.get("/swagger-ui/index.html", "finance").status()).isEqualTo(200);
    }

    @Test
    void aPersonSignedInToTheWorkbenchReadsThemWithoutBeingAskedAgain() throws Exception {
        MockHttpServletResponse document = pages.mvc().perform(Pages.in(MockMvcRequestBuilders.get("/v3/api-docs")
                .accept(MediaType.APPLICATION_JSON), pages.session("finance"))).andReturn().getResponse();
        assertThat(document.getStatus()).isEqualTo(200);
        assertThat(document.getContentAsString(StandardCharsets.UTF_8)).contains("\"/api/tickets\"");
        assertThat(pages.get("/swagger-ui/index.html", "staff1").status()).isEqualTo(200);
        MockHttpServletResponse yaml = pages.mvc().perform(Pages.in(MockMvcRequestBuilders.get("/v3/api-docs.yaml"),
                pages.session("finance"))).andReturn().getResponse();
        assertThat(yaml.getStatus()).isEqualTo(200);
        assertThat(yaml.getContentAsString(StandardCharsets.UTF_8)).contains("/api/tickets:");
        // a browser signed in nowhere goes to the form (which brings it back); a script gets the 401
        Pages.Answer browser = pages.get("/swagger-ui/index.html", (String) null);
        assertThat(browser.status()).isEqualTo(302);
        assertThat(browser.redirect()).endsWith("/login");
        assertThat(pages.get("/v3/api-docs.yaml", (String) null).redirect()).endsWith("/login");
        // a Basic sign-in stays with its request: no session comes of it
        assertThat(api.get("/v3/api-docs", "leader").raw().getCookie("SANFU_SESSION")).isNull();
    }

    @Test
    void everyPathAndActionOfApiMdIsListed() {
        JsonNode paths = docs().get("paths");
        List<String> expected = new ArrayList<>(API_MD);
        ACTIONS.forEach(action -> expected.add("POST /api/tickets/{id}/" + action));
        assertThat(ACTIONS).containsExactlyElementsOf(Arrays.stream(TicketAction.values()).map(TicketAction::urlName)
                .toList());
        for (String endpoint : expected) {
            String[] parts = endpoint.split(" ");
            assertThat(paths.path(parts[1]).has(parts[0].toLowerCase())).as(endpoint).isTrue();
        }
    }

    @Test
    void everyApiEndpointOfTheCodeSaysWhoMayCallItAndItsErrors() {
        JsonNode paths = docs().get("paths");
        Set<String> roles = new TreeSet<>(Arrays.stream(Role.values()).map(Role::name).toList());
        // besides the people's roles, a channel's key (issue 14) for /api/intake
        Set<String> callable = new TreeSet<>(roles);
        callable.add(MachineClient.ROLE);
        List<String> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, method) -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api/"))
                .forEach(path -> info.getMethodsCondition().getMethods().stream().map(RequestMethod::name)
                        .forEach(m -> endpoints.add(m + " " + path))));
        assertThat(endpoints).hasSizeGreaterThanOrEqualTo(API_MD.size() + ACTIONS.size());
        for (String endpoint : endpoints) {
            String[] parts = endpoint.split(" ");
            JsonNode operation = paths.path(parts[1]).path(parts[0].toLowerCase());
            assertThat(operation.isObject()).as(endpoint + " is documented").isTrue();
            List<String> callers = texts(operation.get("x-roles"));
            assertThat(callers).as(endpoint + " names who may call it").isNotEmpty();
            assertThat(callable).as(endpoint).containsAll(callers);
            assertThat(operation.get("description").asText()).as(endpoint).startsWith("**Who:**");
            JsonNode responses = operation.get("responses");
            assertThat(responses.has("401")).as(endpoint).isTrue();
            if (callers.size() < roles.size()) {
                assertThat(responses.has("403")).as(endpoint + " answers 403 to other roles").isTrue();
            }
            responses.fieldNames().forEachRemaining(status -> {
                if (status.startsWith("4")) {
                    assertThat(responses.get(status).at("/content/application~1problem+json/schema/$ref").asText())
                            .as(endpoint + " " + status).isEqualTo("#/components/schemas/Problem");
                }
            });
            operation.path("parameters").forEach(p -> assertThat(p.get("name").asText()).as(endpoint)
                    .isNotIn("caller", "body", "json"));
        }
    }

    @Test
    void actionsDocumentTheirRealBodiesWithTheirEnums() {
        JsonNode docs = docs();
        JsonNode paths = docs.get("paths");
        JsonNode schemas = docs.at("/components/schemas");
        assertThat(body(paths, "feedback")).isEqualTo("#/components/schemas/Feedback");
        assertThat(body(paths, "reply")).isEqualTo("#/components/schemas/Reply");
        assertThat(body(paths, "assign")).isEqualTo("#/components/schemas/Assign");
        assertThat(body(paths, "rule")).isEqualTo("#/components/schemas/Rule");
        assertThat(body(paths, "supervise")).isEqualTo("#/components/schemas/Supervise");
        assertThat(texts(schemas.at("/Supervise/required"))).containsExactly("reason");
        assertThat(texts(schemas.at("/Feedback/properties/satisfaction/enum")))
                .containsExactlyInAnyOrder("SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED");
        assertThat(texts(schemas.at("/Feedback/required"))).contains("satisfaction");
        assertThat(texts(schemas.at("/Reply/properties/outcome/enum")))
                .containsExactly("RESOLVED", "PARTIAL", "CANNOT_RESOLVE");
        assertThat(texts(schemas.at("/Escalate/properties/level/enum"))).containsExactly("CITY", "PROVINCE");
        assertThat(texts(schemas.at("/Rule/properties/decision/enum"))).containsExactly("CLOSE", "REASSIGN");
        assertThat(texts(schemas.at("/TicketView/properties/status/enum"))).contains("DISPATCHING", "SUPERVISION",
                "CLOSED");
        JsonNode feedback = paths.at("/~1api~1tickets~1{id}~1feedback/post");
        assertThat(feedback.at("/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/TicketView");
        assertThat(texts(feedback.get("x-roles"))).containsExactly("STAFF", "DISPATCH");
        assertThat(feedback.get("responses").has("409")).isTrue();
        assertThat(feedback.get("responses").has("415")).isTrue();
        assertThat(feedback.get("parameters").findValuesAsText("name")).as("no Caller, no ActionBody")
                .containsExactly("id");
    }

    @Test
    void visitsAndTheImportDocumentTheirBodiesAndAnswers() {
        JsonNode paths = docs().get("paths");
        JsonNode log = paths.at("/~1api~1visits/post");
        assertThat(log.at("/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/VisitRequest");
        assertThat(log.at("/responses/201/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/VisitView");
        assertThat(texts(log.get("x-roles"))).containsExactly("STAFF", "DISPATCH");
        JsonNode csv = paths.at("/~1api~1enterprises~1import/post");
        assertThat(csv.at("/requestBody/content").has("text/csv")).isTrue();
        assertThat(texts(csv.get("x-roles"))).containsExactly("ADMIN");
        assertThat(csv.at("/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ImportResult");
        assertThat(docs().at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
    }

    /**
     * A client generated from the document signs a channel's calls with its key (Basic there is 403), and every
     * operation the code has signs with Basic, as the service reads them.
     */
    @Test
    void theChannelsEndpointsSignWithTheKeyAndNothingElse() {
        JsonNode docs = docs();
        JsonNode key = docs.at("/components/securitySchemes/channelKey");
        assertThat(key.path("type").asText()).isEqualTo("apiKey");
        assertThat(key.path("in").asText()).isEqualTo("header");
        assertThat(key.path("name").asText()).isEqualTo("X-Channel-Key");
        assertThat(docs.at("/security/0").has("basic")).as("Basic for the rest").isTrue();
        List<String> channels = new ArrayList<>();
        docs.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            String endpoint = operation.getKey().toUpperCase() + " " + path.getKey();
            JsonNode security = operation.getValue().path("security");
            if (texts(operation.getValue().get("x-roles")).contains(MachineClient.ROLE)) {
                channels.add(endpoint);
                assertThat(security.size()).as(endpoint).isEqualTo(1);
                List<String> schemes = new ArrayList<>();
                security.get(0).fieldNames().forEachRemaining(schemes::add);
                assertThat(schemes).as(endpoint).containsExactly("channelKey");
            } else {
                assertThat(security.isMissingNode()).as(endpoint + " signs with Basic").isTrue();
            }
        }));
        assertThat(channels).containsExactlyInAnyOrder("POST /api/intake", "GET /api/intake/{externalId}",
                "POST /api/intake/{externalId}/feedback");
    }

    /**
     * OpenAPI 3.1's webhooks: the callback a channel receives (API.md "Channels", Callbacks), its body with each field
     * the service sends (nulls as an answer's, counts required) and the headers to check, so that a client generated
     * from the document knows them.
     */
    @Test
    void theChannelsCallbackIsAWebhookWithItsBodyAndHeaders() {
        JsonNode docs = docs();
        assertThat(docs.path("openapi").asText()).startsWith("3.1");
        JsonNode post = docs.at("/webhooks/channelCallback/post");
        assertThat(post.isObject()).as("the webhook").isTrue();
        String ref = post.at("/requestBody/content/application~1json/schema/$ref").asText();
        assertThat(ref).isEqualTo("#/components/schemas/ChannelCallback");
        JsonNode body = docs.at("/components/schemas/ChannelCallback");
        List<String> fields = new ArrayList<>();
        body.path("properties").fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("channel", "externalId", "ticketId", "status", "resolution", "satisfaction",
                "changedAt", "leadDepartment", "leadDepartmentLabel", "replyDeadline", "feedbackDue", "outcome",
                "closedAt", "reopenCount", "channelSequence");
        assertThat(texts(body.get("required"))).containsExactlyInAnyOrder("reopenCount", "channelSequence");
        assertThat(types(body.at("/properties/closedAt"))).contains("string", "null");
        assertThat(texts(body.at("/properties/outcome/enum"))).contains("RESOLVED", "PARTIAL", "CANNOT_RESOLVE", "null");
        assertThat(texts(body.at("/properties/status/enum"))).contains("ASSIGNED", "CLOSED");
        Map<String, Boolean> headers = new LinkedHashMap<>();
        post.path("parameters").forEach(p -> {
            assertThat(p.path("in").asText()).isEqualTo("header");
            headers.put(p.path("name").asText(), p.path("required").asBoolean());
        });
        assertThat(headers).containsExactlyInAnyOrderEntriesOf(Map.of("X-Sanfu-Signature", true, "X-Sanfu-Delivery",
                true, "X-Sanfu-Timestamp", true, "X-Sanfu-Signature-Timestamped", true, "X-Sanfu-Signature-Previous",
                false, "X-Sanfu-Signature-Timestamped-Previous", false));
        assertThat(post.path("security").isArray() && post.path("security").isEmpty())
                .as("signed, not signed in: no Basic").isTrue();
        assertThat(post.at("/responses/2XX").isObject()).isTrue();
    }

    /** The answers' statuses as the service gives them (API.md), not springdoc's 200 for every one. */
    @Test
    void theDocumentSaysWhichStatusEachSuccessIs() {
        JsonNode paths = docs().get("paths");
        for (String endpoint : List.of("DELETE /api/channels/{code}", "POST /api/accounts/{username}/disable",
                "POST /api/accounts/{username}/enable", "POST /api/accounts/{username}/unlock",
                "POST /api/accounts/{username}/password", "POST /api/account/password",
                "DELETE /api/tickets/{id}/attachments/{attachmentId}")) {
            assertThat(successes(paths, endpoint)).as(endpoint).containsExactly("204");
        }
        assertThat(successes(paths, "POST /api/intake")).containsExactlyInAnyOrder("200", "201");
        JsonNode attach = operation(paths, "POST /api/tickets/{id}/attachments").get("responses");
        assertThat(successes(paths, "POST /api/tickets/{id}/attachments")).containsExactlyInAnyOrder("200", "201");
        assertThat(attach.at("/201/headers").has("Location")).isTrue();
        assertThat(attach.at("/201/content/application~1json/schema/$ref").asText())
                .isEqualTo(attach.at("/200/content/application~1json/schema/$ref").asText()).isNotEmpty();
        assertThat(successes(paths, "POST /api/enterprises")).containsExactly("201");
        // (addition) every 201 that creates something a GET reads says where (RFC 9110); a 200 repeat does not
        for (String created : List.of("POST /api/intake", "POST /api/visits", "POST /api/enterprises",
                "POST /api/tickets/{id}/feedback-link")) {
            assertThat(operation(paths, created).at("/responses/201/headers").has("Location")).as(created).isTrue();
        }
        assertThat(operation(paths, "POST /api/intake").at("/responses/200/headers").has("Location")).isFalse();
        assertThat(successes(paths, "GET /api/tickets/{id}")).containsExactly("200");
        // a sign-in lock (API.md "General") may meet any request
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> assertThat(
                operation.getValue().at("/responses/429/content/application~1problem+json/schema/$ref").asText())
                .as(operation.getKey() + " " + path.getKey()).isEqualTo("#/components/schemas/Problem")));
    }

    /** A strict client generated from the document takes the answers as they come, nulls included. */
    @Test
    void everyNullOfAnAnswerIsOneItsSchemaAllows() {
        JsonNode schemas = docs().at("/components/schemas");
        JsonNode ticket = api.get("/api/tickets/" + api.ticket("CUSTOMS").get("id").asText(), "staff1").json();
        List<String> nulls = nullsAllowed(schemas, "TicketView", ticket);
        assertThat(nulls).as("a new ticket is not closed, signed, escalated or rated")
                .contains("closedAt", "signedAt", "escalationLevel", "satisfaction");
        JsonNode visit = api.get("/api/visits/" + ticket.get("visitId").asText(), "staff1").json();
        nullsAllowed(schemas, "VisitView", visit);
        // a count or a flag is never null: required
        assertThat(texts(schemas.at("/TicketView/required"))).contains("reopenCount", "overdue");
        assertThat(texts(schemas.at("/TicketView/properties/satisfaction/enum"))).contains("SATISFIED", "null");
        // a request's fields say nothing new: null there is the caller's to send, or 400
        assertThat(schemas.at("/VisitRequest/properties/notes/type").isArray()).isFalse();
    }

    /** Checks each null field of the answer against its property in the schema; returns their names. */
    private static List<String> nullsAllowed(JsonNode schemas, String schema, JsonNode answer) {
        List<String> nulls = new ArrayList<>();
        answer.fields().forEachRemaining(field -> {
            JsonNode property = schemas.path(schema).path("properties").path(field.getKey());
            assertThat(property.isObject()).as(schema + "." + field.getKey() + " is documented").isTrue();
            if (field.getValue().isNull()) {
                nulls.add(field.getKey());
                List<String> types = types(property);
                property.path("oneOf").forEach(part -> types.addAll(types(part)));
                assertThat(types).as(schema + "." + field.getKey() + " may be null").contains("null");
            }
        });
        return nulls;
    }

    /** A 3.1 schema's {@code type}: one name, or an array of them. */
    private static List<String> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        return type.isTextual() ? new ArrayList<>(List.of(type.asText())) : texts(type);
    }

    private static JsonNode operation(JsonNode paths, String endpoint) {
        String[] parts = endpoint.split(" ");
        return paths.path(parts[1]).path(parts[0].toLowerCase());
    }

    private static List<String> successes(JsonNode paths, String endpoint) {
        List<String> statuses = new ArrayList<>();
        operation(paths, endpoint).path("responses").fieldNames().forEachRemaining(status -> {
            if (status.startsWith("2")) {
                statuses.add(status);
            }
        });
        return statuses;
    }

    /**
     * Each operation has an id of its own a client's generated code can call by a name (createVisit), never
     * springdoc's numbered one (create_1, list_2), which changes as controllers are added.
     */
    @Test
    void everyOperationHasAReadableIdOfItsOwn() {
        List<String> ids = new java.util.ArrayList<>();
        docs().get("paths").forEach(path -> path.forEach(operation -> {
            if (operation.has("operationId")) {
                ids.add(operation.get("operationId").asText());
            }
        }));
        assertThat(ids).hasSizeGreaterThan(50).doesNotHaveDuplicates();
        assertThat(ids).noneMatch(id -> id.matches(".*_\\d+$"));
        // every id, as clients generated from the document call them: an endpoint added or renamed is added here
        assertThat(ids).containsExactlyInAnyOrder(
                "account", "approveExtensionTicket", "assignTicket", "attachAttachment", "changeAccount",
                "changeCallbackUrlChannel", "changePasswordOwnAccount", "commentTicket", "confirmSystemicProblem",
                "contributeTicket", "coverageStats", "createAccount", "createChannel", "createEnterprise",
                "dailyReport", "detachAttachment", "disableAccount", "dismissSystemicProblem", "downloadAttachment",
                "enableAccount", "enterpriseProfile", "escalateTicket", "escalationReplyTicket", "extendTicket",
                "feedbackIntake", "feedbackTicket", "fileIntake", "getSystemicProblem", "getTicket", "getVisit",
                "handover", "historyTicket", "importCsvEnterprise", "inbox", "issueFeedbackLink", "listAccount",
                "listAttachment", "listChannel", "listEnterprise", "listSystemicProblem", "listTicket", "listVisit",
                "logVisit", "medalsStats", "monthlyReport", "rankingStats", "readiness", "rejectExtensionTicket",
                "renewKeyChannel", "replyTicket", "resetPasswordAccount", "returnTicket", "revokeChannel",
                "revokePreviousKeyChannel", "ruleTicket", "scanSystemicProblem", "signTicket", "statusIntake",
                "summaryStats", "superviseTicket", "talkStats", "unlockAccount", "unvisitedStats", "updateEnterprise",
                "weeklyReport");
    }

    /** What a client (and GeneratedBadInputWebTests) needs to tell valid input from invalid. */
    @Test
    void theDocumentSaysWhatIsValid() {
        JsonNode docs = docs();
        JsonNode schemas = docs.at("/components/schemas");
        assertThat(schemas.at("/Problem/properties").has("status")).as("Problem is RFC 9457's, not a visit's")
                .isTrue();
        // the types a client tells apart (API.md "General"), each named where the document says what a type is
        assertThat(schemas.at("/Problem/properties/type/description").asText()).contains("about:blank",
                "urn:sanfu:problem:lost-race", "urn:sanfu:problem:not-now", "urn:sanfu:problem:exists",
                "urn:sanfu:problem:invalid", "urn:sanfu:problem:sign-in-locked");
        JsonNode conflict = docs.at("/paths/~1api~1tickets~1{id}~1sign/post/responses/409/description");
        assertThat(conflict.asText()).contains("urn:sanfu:problem:lost-race", "Retry-After",
                "urn:sanfu:problem:not-now", "urn:sanfu:problem:exists");
        assertThat(schemas.at("/VisitRequest/properties/problems/items/$ref").asText())
                .isEqualTo("#/components/schemas/VisitProblem");
        assertThat(schemas.at("/VisitRequest/properties/visitedAt/format").asText()).isEqualTo("date-time");
        JsonNode tickets = docs.at("/paths/~1api~1tickets/get");
        // a period's bounds take a day or a moment (QueryParams.startOf): no format that refuses either, an example of each
        for (JsonNode operation : List.of(tickets, docs.at("/paths/~1api~1visits/get"),
                docs.at("/paths/~1api~1stats~1summary/get"), docs.at("/paths/~1api~1stats~1coverage/get"))) {
            for (String bound : List.of("from", "to")) {
                JsonNode schema = parameter(operation, bound);
                assertThat(schema.path("type").asText()).as(bound).isEqualTo("string");
                assertThat(schema.has("format")).as(bound + ": " + schema).isFalse();
                assertThat(texts(schema.get("examples"))).as(bound)
                        .containsExactly("2021-01-04", "2021-01-04T10:00:00+08:00");
                assertThat(schema.path("description").asText()).as(bound).contains("yyyy-MM-dd", "date-time");
            }
        }
        // and the operation's own words say so too, where they said "dates (yyyy-MM-dd)" alone
        assertThat(docs.at("/paths/~1api~1visits/get/description").asText())
                .contains("each a day, yyyy-MM-dd, or a moment, an ISO-8601 date-time").doesNotContain("dates");
        // so do GET /api/tickets' (908acd95), where they said "dates the problems were reported"
        assertThat(docs.at("/paths/~1api~1tickets/get/description").asText())
                .contains("`from`/`to` (when the problems were reported: each a day, yyyy-MM-dd, or a moment, "
                        + "an ISO-8601 date-time)")
                .doesNotContain("dates the problems were reported");
        assertThat(parameter(tickets, "q").has("format")).as("each parameter has its own schema").isFalse();
        assertThat(parameter(tickets, "page").path("minimum").asInt()).isZero();
        assertThat(parameter(tickets, "size").path("minimum").asInt()).isEqualTo(1);
        assertThat(parameter(tickets, "size").path("maximum").asInt()).isEqualTo(PageParams.MAX_SIZE);
        assertThat(texts(parameter(tickets, "status").get("enum"))).contains("ASSIGNED", "CLOSED");
        assertThat(parameter(tickets, "overdue").path("type").asText()).isEqualTo("boolean");
        assertThat(parameter(tickets, "updatedSince").path("format").asText()).isEqualTo("date-time");
        // an id as the API writes ids (a string): what a pull's next page goes on after
        assertThat(parameter(tickets, "afterId").path("type").asText()).isEqualTo("string");
        assertThat(parameter(tickets, "afterId").path("pattern").asText()).isEqualTo("^[1-9][0-9]{0,17}$");
        JsonNode paths = docs.get("paths");
        assertThat(parameter(paths.at("/~1api~1reports~1daily/get"), "date").path("format").asText())
                .isEqualTo("date");
        assertThat(parameter(paths.at("/~1api~1stats~1ranking/get"), "month").has("pattern")).isTrue();
        assertThat(texts(parameter(paths.at("/~1api~1reports~1weekly/get"), "format").get("enum")))
                .contains("md", "xlsx");
        assertThat(paths.at("/~1api~1tickets~1{id}~1contribute/post/x-scope").asText()).contains("co-department");
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.get("name").asText().equals(name)) {
                return parameter.get("schema");
            }
        }
        throw new AssertionError("no parameter " + name + " in " + operation);
    }

    private JsonNode docs() {
        Api.Response r = api.get("/v3/api-docs", "staff1");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private static String body(JsonNode paths, String action) {
        return paths.at("/~1api~1tickets~1{id}~1" + action + "/post/requestBody/content/application~1json/schema/$ref")
                .asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> texts.add(n.asText()));
        }
        return texts;
    }
}
