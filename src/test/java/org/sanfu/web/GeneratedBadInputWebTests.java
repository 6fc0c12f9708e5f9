package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.sanfu.stats.StoredRolls;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Issue 11, point 8: every operation of the served OpenAPI document (/v3/api-docs) is sent generated
 * bad input — per body field missing, null, of another JSON type, out of range, overlong, with control
 * characters, lone surrogates or only zero-width characters, an unknown enum value, an absurd date;
 * per body malformed or trailing JSON, a duplicate key, malformed UTF-8, a non-JSON media type, no
 * body; per parameter a wrong type, absurd dates and page sizes, unknown enum values, a text over its
 * maxLength; an unknown Accept; a role the operation does not name; no credentials. Each answer must be
 * a 4xx problem+json (400 naming the field where one field is at fault), nothing may change (the fixture
 * ticket, the counts of tickets, visits, enterprises, events and engine tasks are the same afterwards) and
 * nothing is logged at ERROR.
 *
 * <p>Driven by the document alone, so a new endpoint is covered without editing this test: only valid
 * values the schema cannot tell (an existing credit code, a category, a department) come from
 * {@link #KNOWN}. Each case differs from a valid request in exactly one thing, which its name and its
 * failure message (the whole request) say. The junk is drawn from a fixed seed.
 */
@SanfuTest
class GeneratedBadInputWebTests {

    private static final long SEED = 11;
    private static final String UNKNOWN_ENUM = "NO_SUCH_VALUE";
    private static final int OVERLONG = Text.MAX + 1;
    /** The demo accounts (API.md); a department's account is the fixture ticket's own. */
    private static final Map<String, String> DEMO_USERS = Map.of("STAFF", "staff1", "DISPATCH", "dispatch",
            "LEADER", "leader", "ADMIN", "admin");
    /** Below the date floor (2000-01-01), beyond any year java.time or a database keeps, impossible days. */
    private static final List<String> BAD_DATES = List.of("-999999999-01-01", "99999-01-01", "1999-12-31",
            "2021-02-30", "yesterday");
    private static final List<String> BAD_DATE_TIMES = List.of("-999999999-01-01T00:00:00Z",
            "+99999-01-01T00:00:00Z", "1999-12-30T12:00:00Z", "2021-02-30T10:00:00+08:00", "yesterday");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Valid values the schema cannot know, by property name ("[]" for the items of an array). */
    private static final Map<String, Function<Fixture, JsonNode>> KNOWN = Map.of(
            "enterpriseCreditCode", f -> NODES.textNode(f.creditCode),
            "creditCode", f -> NODES.textNode(f.freshCreditCode()),
            "category", f -> NODES.textNode("FINANCING"),
            "leadDepartment", f -> NODES.textNode("COMMERCE"),
            "coDepartments[]", f -> NODES.textNode("TRANSPORT"),
            "specialist", f -> NODES.textNode("staff1"),
            // a channel (issue 14): a code nobody has, a URL to call back
            "code", f -> NODES.textNode(f.freshChannelCode()),
            "callbackUrl", f -> NODES.textNode("https://hotline.example.gov.cn/sanfu"),
            // a talk (约谈): a ranking's month before the schema's default date, with a department named its
            // 蜗牛店小二 (the fixture stores the month's ranking so)
            "month", f -> NODES.textNode("2013-10"),
            "subject", f -> NODES.textNode("TRANSPORT"));
    /** A "user" that is a channel's key (header X-Channel-Key), not a person signing in with Basic. */
    private static final String CHANNEL_KEY = "X-Channel-Key:";

    @Autowired
    Api api;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StoredRolls rolls;

    private Fixture fixture;
    private final Random codes = new Random(SEED);

    @TestFactory
    Stream<DynamicNode> everyOperationRefusesBadInputAndChangesNothing() {
        Api.Response served = api.get("/v3/api-docs", "admin");
        assertThat(served.status()).as(served.text()).isEqualTo(200);
        JsonNode docs = served.json();
        Generator generator = new Generator(docs, new Random(SEED));
        List<DynamicNode> operations = new ArrayList<>();
        new TreeMap<>(fields(docs.get("paths"))).forEach((path, methods) -> fields(methods).forEach((method, op) -> {
            if (!isMethod(method)) {
                return;
            }
            List<Case> cases = generator.cases(HttpMethod.valueOf(method.toUpperCase()), path, op);
            assertThat(cases).as(method + " " + path + " gets bad input").isNotEmpty();
            operations.add(dynamicContainer(method.toUpperCase() + " " + path,
                    cases.stream().map(c -> dynamicTest(c.name(), () -> check(c)))));
        }));
        assertThat(operations).as("operations in the document").hasSizeGreaterThan(20);
        return operations.stream();
    }

    private void check(Case c) {
        if (fixture == null) {
            fixture = new Fixture();
        }
        Sent sent = c.request().apply(fixture);
        State before = state();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        Api.Response answer;
        try {
            answer = api.perform(sent.builder(), sent.person());
        } finally {
            root.detachAppender(log);
        }
        State after = state();
        String what = c.name() + "\n  request: " + sent + "\n  answer: " + answer.status() + " "
                + answer.contentType() + " " + abbreviate(answer.text(), 400);
        if (!before.equals(after)) {
            fixture = null; // the next case gets a fresh ticket, untouched
        }
        assertThat(answer.status()).as(what).isBetween(400, 499);
        if (c.expected() != 0) {
            assertThat(answer.status()).as(what).isEqualTo(c.expected());
        }
        assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
        if (answer.status() == 401) {
            // a channel's endpoint asks for its key (X-Channel-Key), every other one for Basic
            String scheme = sent.path().startsWith("/api/intake") ? "X-Channel-Key" : "Basic";
            assertThat(answer.header("WWW-Authenticate")).as(what + "\n  asks for " + scheme).startsWith(scheme);
        }
        if (answer.status() == 400 && c.field() != null) {
            assertThat(answer.json().path("errors").findValuesAsText("field")).as(what + "\n  names the field")
                    .contains(c.field());
        }
        assertThat(after).as(what + "\n  changes nothing").isEqualTo(before);
        assertThat(log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(ILoggingEvent::getFormattedMessage)).as(what + "\n  logs no ERROR for a client's mistake")
                .isEmpty();
    }

    /**
     * What a refused request must leave as it was: the fixture ticket's row, and how many tickets, visits,
     * enterprises (and when one last changed), events, idempotency keys, contributions and engine tasks
     * and executions there are. Read from the tables: through the API it would cost most of the run.
     */
    private record State(Map<String, Object> counts, Map<String, Object> ticket) {
    }

    private State state() {
        Map<String, Object> counts = jdbc.sql("""
                select (select count(*) from ticket) tickets, (select count(*) from visit) visits,
                       (select count(*) from enterprise) enterprises, (select max(updated_at) from enterprise) changed,
                       (select count(*) from ticket_event) events, (select count(*) from idempotency_key) idempotency_keys,
                       (select count(*) from ticket_contribution) contributions,
                       (select count(*) from act_ru_task) tasks, (select count(*) from act_ru_execution) executions,
                       (select count(*) from systemic_problem) systemic_problems,
                       (select count(*) from systemic_problem where status = 'PROPOSED') systemic_proposed,
                       (select count(*) from systemic_case_member) systemic_case_members,
                       (select count(*) from talk) talks, (select count(*) from ticket_attachment) attachments
                """).query().singleRow();
        return new State(counts, jdbc.sql("select * from ticket where id = ?").param(Long.valueOf(fixture.ticketId))
                .query().singleRow());
    }

    // ------------------------------------------------------------------------------------------
    // The records the operations need: a ticket in progress with a lead and a co-department

    private final class Fixture {

        final String creditCode;
        final String visitId;
        final String ticketId;
        final String lead;
        final String coDepartment;
        private String systemicProblemId;
        /** A channel (issue 14), its key, and an external id it filed. */
        final String channelCode;
        final String channelKey;
        final String externalId;
        /** A file of the ticket (附件), as its lead department sent it. */
        final String attachmentId;
        Fixture() {
            rolls.store("2013-10", List.of("TRANSPORT"), List.of());
            creditCode = api.enterprise();
            // CREDIT_INSURANCE is routed to a lead and a co-department (bpmn/routing.dmn)
            JsonNode ticket = api.visit(creditCode, List.of(Api.problem("CREDIT_INSURANCE", "生成测试"))).get(0);
            visitId = ticket.get("visitId").asText();
            ticketId = ticket.get("id").asText();
            lead = ticket.get("leadDepartment").asText().toLowerCase();
            coDepartment = ticket.get("coDepartments").get(0).asText().toLowerCase();
            api.act(ticketId, "sign", lead, null);
            // a PNG: the cases ask for every operation's answer in application/pdf, which this file's download refuses
            attachmentId = api.perform(MockMvcRequestBuilders.post("/api/tickets/" + ticketId + "/attachments")
                    .contentType("image/png").header("Content-Disposition", "attachment; filename=\"a.png\"")
                    .content(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}), lead)
                    .json().get("id").asText();
            channelCode = freshChannelCode();
            Api.Response channel = api.post("/api/channels", "admin", Map.of("code", channelCode, "name", "生成测试渠道"));
            channelKey = channel.json().get("key").asText();
            externalId = "GEN-" + channelCode;
            Api.Response filed = api.perform(MockMvcRequestBuilders.post("/api/intake").header("X-Channel-Key", channelKey)
                    .contentType("application/json").content(api.write(Map.of("externalId", externalId,
                            "enterpriseCreditCode", creditCode, "title", "生成测试"))), null);
            if (filed.status() != 201) {
                throw new IllegalStateException("fixture channel's problem not filed: " + filed.text());
            }
        }

        /** A channel code nobody has, from the seed. */
        String freshChannelCode() {
            return "GEN_" + Api.creditCode(codes).substring(8);
        }

        /** A proposed systemic problem: five enterprises saying the same thing, found by a scan. */
        String systemicProblemId() {
            if (systemicProblemId == null) {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    ids.add(api.visit(api.enterprise(), List.of(Map.of("category", "OTHER", "title", "货物被海外港口扣留",
                            "description", "出口货物被海外港口扣留，清关文件要求反复变化，滞港费每天上万元")))
                            .get(0).get("id").asText());
                }
                for (JsonNode p : api.post("/api/systemic-problems/scan", "dispatch", Map.of()).json()) {
                    if (p.get("ticketIds").toString().contains("\"" + ids.get(0) + "\"")) {
                        systemicProblemId = p.get("id").asText();
                    }
                }
                if (systemicProblemId == null) {
                    throw new IllegalStateException("the scan proposed no systemic problem for " + ids);
                }
            }
            return systemicProblemId;
        }

        /** A valid credit code nobody has filed, from the seed. */
        String freshCreditCode() {
            return Api.creditCode(codes);
        }

        /**
         * A path parameter's record, by the collection it names: tickets/{id}, visits/{id},
         * enterprises/{creditCode}, accounts/{username}... for this user (null: none), as {@link #user} names them.
         */
        String pathValue(HttpMethod method, String path, String name, String user) {
            String collection = path.substring(0, path.indexOf("{" + name + "}"));
            if (collection.endsWith("/tickets/")) {
                return ticketId;
            }
            if (collection.endsWith("/visits/")) {
                return visitId;
            }
            if (collection.endsWith("/enterprises/")) {
                return creditCode;
            }
            if (collection.endsWith("/channels/")) {
                // ADMIN's request, were it let through, would revoke or renew the fixture's: an unknown code is 404.
                // Anyone else is refused the fixture's own (403), as an unknown one is 404 to all (API.md's order).
                // A PATCH (its callback URL) is ADMIN's on the fixture's own: its body is what is judged (400), which
                // an unknown code's 404 would come before; a body refused changes nothing
                return DEMO_USERS.get("ADMIN").equals(user) && !HttpMethod.PATCH.equals(method) ? "NO_SUCH_CHANNEL"
                        : channelCode;
            }
            if (collection.endsWith("/intake/")) {
                return externalId;
            }
            if (collection.endsWith("/attachments/")) {
                return attachmentId;
            }
            if (collection.endsWith("/accounts/")) {
                // as for a channel, ADMIN's disabling, were it let through, would disable staff2 for the tests after
                // it: an unknown account, 404. Else staff2: unlocking an account that is not locked, enabling one
                // enabled, reading one change nothing, and a handover's generated body names no one to take it
                return path.endsWith("/disable") && DEMO_USERS.get("ADMIN").equals(user) ? "no.such.account" : "staff2";
            }
            if (collection.endsWith("/systemic-problems/")) {
                return systemicProblemId();
            }
            throw new IllegalStateException("no record for " + path + ": teach the Fixture about it");
        }

        /** The demo user of a role; for a department, the one the operation's scope names. */
        String user(String role, String scope) {
            if (role.equals("CHANNEL")) {
                return CHANNEL_KEY + channelKey;
            }
            if (role.equals("DEPT")) {
                return scope.contains("co-department") ? coDepartment : lead;
            }
            String user = DEMO_USERS.get(role);
            if (user == null) {
                throw new IllegalStateException("no demo user for " + role);
            }
            return user;
        }
    }

    // ------------------------------------------------------------------------------------------
    // One request, described so that a failure can be repeated with curl

    private record Sent(HttpMethod method, String path, Map<String, String> query, Map<String, String> headers,
            byte[] body, String user) {

        /** The person signing in with Basic; null for a channel (its key is a header) or no one. */
        String person() {
            return user != null && user.startsWith(CHANNEL_KEY) ? null : user;
        }

        MockHttpServletRequestBuilder builder() {
            MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(method, path);
            if (user != null && user.startsWith(CHANNEL_KEY)) {
                request.header("X-Channel-Key", user.substring(CHANNEL_KEY.length()));
            }
            query.forEach(request::param);
            headers.forEach(request::header);
            if (body != null) {
                request.content(body);
            }
            return request;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(method.name()).append(' ').append(path);
            if (!query.isEmpty()) {
                text.append('?');
                query.forEach((k, v) -> text.append(k).append('=').append(escape(v)).append('&'));
                text.setLength(text.length() - 1);
            }
            text.append(" as ").append(user);
            headers.forEach((k, v) -> text.append("\n    ").append(k).append(": ").append(escape(v)));
            if (body != null) {
                text.append("\n    body (").append(body.length).append(" bytes): ")
                        .append(escape(new String(body, StandardCharsets.UTF_8)));
            }
            return text.toString();
        }
    }

    /** A generated request and what it must answer: 0 for any 4xx; the field a 400 must name, or null. */
    private record Case(String name, Function<Fixture, Sent> request, int expected, String field) {
    }

    // ------------------------------------------------------------------------------------------
    // The generator: a valid request from the document, then one fault at a time

    private final class Generator {

        private final JsonNode docs;
        private final Random random;

        Generator(JsonNode docs, Random random) {
            this.docs = docs;
            this.random = random;
        }

        List<Case> cases(HttpMethod method, String path, JsonNode op) {
            List<String> roles = texts(op.get("x-roles"));
            String scope = op.path("x-scope").asText("");
            Function<Fixture, String> caller = f -> f.user(roles.get(0), scope);
            List<JsonNode> parameters = new ArrayList<>();
            op.path("parameters").forEach(p -> parameters.add(resolve(p)));
            JsonNode content = op.path("requestBody").path("content");
            boolean bodyRequired = op.path("requestBody").path("required").asBoolean(false);
            String mediaType = content.has("application/json") ? "application/json"
                    : content.fieldNames().hasNext() ? content.fieldNames().next() : null;
            JsonNode bodySchema = mediaType == null ? null : resolve(content.path(mediaType).path("schema"));

            Request valid = new Request(method, path, parameters, mediaType, bodySchema);
            List<Case> cases = new ArrayList<>();
            if (mediaType != null) {
                bodyCases(valid, mediaType, bodyRequired, caller, cases);
            }
            for (JsonNode parameter : parameters) {
                parameterCases(valid, parameter, caller, cases);
            }
            cases.add(new Case("Accept: an unknown media type",
                    f -> valid.sent(f, caller.apply(f)).header("Accept", "application/x-no-such-type").sent(), 0,
                    null));
            cases.add(new Case("Accept: application/pdf",
                    f -> valid.sent(f, caller.apply(f)).header("Accept", "application/pdf").sent(), 0, null));
            cases.add(new Case("no credentials", f -> valid.sent(f, null).sent(), 401, null));
            for (String role : List.of("STAFF", "DEPT", "DISPATCH", "LEADER", "ADMIN")) {
                if (!roles.contains(role)) {
                    cases.add(new Case("a " + role + " user, whom the operation does not name",
                            f -> valid.sent(f, f.user(role, scope)).sent(), 403, null));
                    break;
                }
            }
            return cases;
        }

        // ---- bodies

        private void bodyCases(Request valid, String mediaType, boolean required, Function<Fixture, String> caller,
                List<Case> cases) {
            boolean jsonBody = mediaType.equals("application/json");
            for (String other : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                    jsonBody ? "application/xml" : "application/json")) {
                cases.add(new Case("Content-Type: " + other, f -> valid.sent(f, caller.apply(f))
                        .header("Content-Type", other).sent(), 415, null));
            }
            cases.add(new Case("Content-Type: " + mediaType + " with malformed UTF-8", f -> valid.sent(f,
                    caller.apply(f)).body(malformedUtf8(valid.body(f))).sent(), 400, null));
            if (required) {
                cases.add(new Case("Content-Type: " + mediaType + " and an empty body",
                        f -> valid.sent(f, caller.apply(f)).body(new byte[0]).sent(), 400, null));
            }
            if (!jsonBody) {
                return;
            }
            Map<String, Function<String, String>> texts = new LinkedHashMap<>();
            texts.put("malformed JSON", body -> body.substring(0, body.length() - 1) + ",\"");
            texts.put("trailing garbage after the JSON", body -> body + " garbage");
            texts.put("a second JSON value after the first", body -> body + " {}");
            texts.put("a JSON array instead of an object", body -> "[" + body + "]");
            texts.put("a JSON string instead of an object", body -> "\"text\"");
            texts.put("a JSON number instead of an object", body -> "42");
            texts.put("a comment in the JSON", body -> "/* c */" + body);
            texts.put("a duplicate key", this::duplicateKey);
            texts.forEach((name, change) -> cases.add(new Case(name, f -> {
                String body = new String(valid.body(f), StandardCharsets.UTF_8);
                return valid.sent(f, caller.apply(f)).body(change.apply(body).getBytes(StandardCharsets.UTF_8))
                        .sent();
            }, 400, null)));
            if (required) {
                cases.add(new Case("the JSON literal null", f -> valid.sent(f, caller.apply(f))
                        .body("null".getBytes(StandardCharsets.UTF_8)).sent(), 400, null));
            }
            fieldCases(valid, valid.schema, "", caller, cases);
        }

        /** The first key again with another value: {"a": 1, ..., "a": 2}. */
        private String duplicateKey(String body) {
            if (body.equals("{}")) {
                return "{\"note\":\"a\",\"note\":\"b\"}";
            }
            try {
                ObjectNode object = (ObjectNode) json.readTree(body);
                String first = object.fieldNames().next();
                return body.substring(0, body.length() - 1) + ",\"" + first + "\":" + json.writeValueAsString(
                        otherThan(object.get(first))) + "}";
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private JsonNode otherThan(JsonNode value) {
            return value.isTextual() ? NODES.textNode(value.asText() + "2") : NODES.textNode("other");
        }

        /**
         * Overlong '/' (C0 AF), an encoded surrogate (ED A0 80) and a byte UTF-8 never has (FF): inside the
         * first string of a JSON body (or as a string of its own), at the start of a text body's second line.
         */
        private byte[] malformedUtf8(byte[] valid) {
            byte[] bad = {(byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF};
            String text = new String(valid, StandardCharsets.UTF_8);
            int at;
            if (text.startsWith("{")) {
                int quote = text.indexOf("\":\"");
                if (quote < 0) {
                    return concat("{\"note\":\"".getBytes(StandardCharsets.UTF_8), bad, "\"}".getBytes(
                            StandardCharsets.UTF_8));
                }
                at = text.substring(0, quote + 3).getBytes(StandardCharsets.UTF_8).length;
            } else {
                at = text.substring(0, text.indexOf('\n') + 1).getBytes(StandardCharsets.UTF_8).length;
            }
            return concat(Arrays.copyOfRange(valid, 0, at), bad,
                    Arrays.copyOfRange(valid, at, valid.length));
        }

        private static byte[] concat(byte[]... parts) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (byte[] part : parts) {
                bytes.writeBytes(part);
            }
            return bytes.toByteArray();
        }

        /** One fault per field: each property of the schema, at every depth (the first item of an array). */
        private void fieldCases(Request valid, JsonNode schema, String at, Function<Fixture, String> caller,
                List<Case> cases) {
            List<String> required = texts(schema.get("required"));
            fields(schema.path("properties")).forEach((name, raw) -> {
                JsonNode property = resolve(raw);
                String field = at.isEmpty() ? name : at + "." + name;
                Map<String, Function<Fixture, JsonNode>> faults = new LinkedHashMap<>();
                if (required.contains(name)) {
                    faults.put("missing", f -> null);
                    if (!allowsNull(property)) {
                        // a field that must be sent but may be null (a channel's callbackUrl: null removes it)
                        faults.put("null", f -> NODES.nullNode());
                    }
                }
                faults.putAll(faultsOf(property, required.contains(name), f -> valid.valueOf(f, property, name)));
                faults.forEach((fault, value) -> cases.add(new Case(field + ": " + fault,
                        f -> valid.sent(f, caller.apply(f)).body(valid.bodyWith(f, field, value.apply(f))).sent(),
                        400, field)));
                if (type(property).equals("object")) {
                    fieldCases(valid, property, field, caller, cases);
                }
                if (type(property).equals("array")) {
                    JsonNode items = resolve(property.path("items"));
                    String item = field + "[0]";
                    faultsOf(items, true, f -> valid.valueOf(f, items, name + "[]")).forEach((fault, value) ->
                            cases.add(new Case(item + ": " + fault, f -> valid.sent(f, caller.apply(f))
                                    .body(valid.bodyWith(f, item, value.apply(f))).sent(), 400, item)));
                    if (type(items).equals("object")) {
                        fieldCases(valid, items, item, caller, cases);
                    }
                }
            });
        }

        /** The values of another JSON type, out of range, or text no field may hold. */
        private Map<String, Function<Fixture, JsonNode>> faultsOf(JsonNode schema, boolean required,
                Function<Fixture, JsonNode> validValue) {
            Map<String, Function<Fixture, JsonNode>> faults = new LinkedHashMap<>();
            String type = type(schema);
            if (!type.equals("string")) {
                faults.put("a string", f -> NODES.textNode(type.equals("integer") ? "3" : "true"));
            }
            if (!type.equals("integer") && !type.equals("number")) {
                faults.put("a number", f -> NODES.numberNode(123));
            }
            if (!type.equals("boolean")) {
                faults.put("a boolean", f -> NODES.booleanNode(true));
            }
            if (!type.equals("array")) {
                faults.put("an array", f -> NODES.arrayNode().add(validValue.apply(f)));
            }
            if (!type.equals("object")) {
                faults.put("an object", f -> NODES.objectNode());
            }
            switch (type) {
                case "integer" -> {
                    faults.put("a fraction", f -> NODES.numberNode(1.5));
                    faults.put("beyond 64 bits", f -> NODES.numberNode(new BigInteger("99999999999999999999999")));
                    if (schema.has("minimum")) {
                        faults.put("below its minimum", f -> NODES.numberNode(schema.get("minimum").asLong() - 1));
                    }
                    if (schema.has("maximum")) {
                        faults.put("above its maximum", f -> NODES.numberNode(schema.get("maximum").asLong() + 1));
                    }
                }
                case "string" -> {
                    // drawn now, while the document is read in its fixed order: a case's value never depends
                    // on which cases ran before it
                    String overlong = junk(OVERLONG);
                    String control = "生成" + (char) (1 + random.nextInt(8)) + "测试";
                    faults.put("overlong (" + OVERLONG + " characters)", f -> NODES.textNode(overlong));
                    faults.put("a NUL character", f -> NODES.textNode("生成" + '\u0000' + "测试"));
                    faults.put("a C0 control character", f -> NODES.textNode(control));
                    faults.put("a lone surrogate", f -> NODES.textNode("生成\ud800测试"));
                    if (required) {
                        faults.put("only zero-width characters", f -> NODES.textNode("\u200b\u200c\u200d\ufeff"));
                    }
                    if (schema.has("enum")) {
                        faults.put("an unknown enum value", f -> NODES.textNode(UNKNOWN_ENUM));
                    }
                    List<String> dates = switch (schema.path("format").asText()) {
                        case "date" -> BAD_DATES;
                        case "date-time" -> BAD_DATE_TIMES;
                        default -> List.of();
                    };
                    dates.forEach(date -> faults.put("the date " + date, f -> NODES.textNode(date)));
                }
                case "array" -> {
                    if (schema.has("maxItems")) {
                        int count = schema.get("maxItems").asInt() + 1;
                        faults.put("more than maxItems", f -> {
                            ArrayNode items = NODES.arrayNode();
                            for (int i = 0; i < count; i++) {
                                items.add(validValue.apply(f).get(0));
                            }
                            return items;
                        });
                    }
                }
                default -> {
                }
            }
            return faults;
        }

        // ---- parameters

        private void parameterCases(Request valid, JsonNode parameter, Function<Fixture, String> caller,
                List<Case> cases) {
            String name = parameter.get("name").asText();
            String in = parameter.get("in").asText();
            if (in.equals("header") && (name.equalsIgnoreCase("Accept") || name.equalsIgnoreCase("Content-Type"))) {
                return; // the media-type cases send those
            }
            JsonNode schema = resolve(parameter.path("schema"));
            Map<String, String> values = new LinkedHashMap<>();
            switch (in) {
                case "path" -> {
                    values.put("not a number", "abc");
                    values.put("negative", "-1");
                    values.put("beyond 64 bits", "9".repeat(25));
                }
                default -> {
                    switch (type(schema)) {
                        case "integer" -> {
                            values.put("not a number", "abc");
                            values.put("a fraction", "1.5");
                            values.put("beyond 32 bits", "2147483648");
                            values.put("beyond 64 bits", "9".repeat(25));
                            if (schema.has("minimum")) {
                                values.put("below its minimum", String.valueOf(schema.get("minimum").asLong() - 1));
                            }
                            if (schema.has("maximum")) {
                                values.put("above its maximum", String.valueOf(schema.get("maximum").asLong() + 1));
                            }
                        }
                        case "boolean" -> values.put("not a boolean", "maybe");
                        default -> {
                            if (schema.has("enum")) {
                                values.put("an unknown enum value", UNKNOWN_ENUM);
                            }
                            String format = schema.path("format").asText();
                            boolean dates = format.equals("date") || exampleOf(schema, "2021-01-04");
                            boolean times = format.equals("date-time")
                                    || exampleOf(schema, "2021-01-04T10:00:00+08:00");
                            if (dates) {
                                BAD_DATES.forEach(d -> values.put("the date " + d, d));
                            }
                            if (times) {
                                BAD_DATE_TIMES.forEach(d -> values.put("the time " + d, d));
                            }
                            if (!dates && !times && schema.has("pattern")) {
                                values.put("not matching " + schema.get("pattern").asText(), "-999999999-01");
                                values.put("a year beyond 9999", "99999-01");
                            }
                            if (schema.has("maxLength")) {
                                int max = schema.get("maxLength").asInt();
                                values.put("over its maxLength (" + (max + 1) + " characters)", junk(max + 1));
                            }
                            if (in.equals("header")) {
                                values.put("a NUL character", "生成\u0000测试");
                                values.put("overlong (" + OVERLONG + " characters)", junk(OVERLONG));
                            }
                        }
                    }
                }
            }
            values.forEach((fault, value) -> cases.add(new Case(in + " parameter " + name + ": " + fault, f -> {
                Builder request = valid.sent(f, caller.apply(f));
                return switch (in) {
                    case "path" -> request.path(valid.path(f, caller.apply(f), name, value)).sent();
                    case "header" -> request.header(name, value).sent();
                    default -> request.query(name, value).sent();
                };
            }, in.equals("path") ? 0 : 400, in.equals("path") ? null : name)));
        }

        // ---- schema helpers

        private JsonNode resolve(JsonNode node) {
            JsonNode ref = node.get("$ref");
            if (ref == null) {
                return node;
            }
            return resolve(docs.at(ref.asText().substring(1)));
        }

        private String junk(int length) {
            String alphabet = "三服务走访企业问题abcXYZ0123";
            StringBuilder text = new StringBuilder(length);
            while (text.length() < length) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return text.toString();
        }

        /** A valid request of the operation, from which each case differs in one thing. */
        private final class Request {

            final HttpMethod method;
            final String template;
            final List<JsonNode> parameters;
            final String mediaType;
            final JsonNode schema;

            Request(HttpMethod method, String template, List<JsonNode> parameters, String mediaType,
                    JsonNode schema) {
                this.method = method;
                this.template = template;
                this.parameters = parameters;
                this.mediaType = mediaType;
                this.schema = schema;
            }

            String path(Fixture f, String user, String badName, String badValue) {
                String path = template;
                for (JsonNode p : parameters) {
                    if (p.get("in").asText().equals("path")) {
                        String name = p.get("name").asText();
                        path = path.replace("{" + name + "}", name.equals(badName) ? badValue
                                : f.pathValue(method, template, name, user));
                    }
                }
                return path;
            }

            Builder sent(Fixture f, String user) {
                Builder builder = new Builder(method, path(f, user, null, null), user);
                builder.header("Accept", "application/json");
                if (mediaType != null) {
                    builder.header("Content-Type", mediaType).body(body(f));
                }
                return builder;
            }

            byte[] body(Fixture f) {
                if (!mediaType.equals("application/json")) {
                    return schema.path("example").asText().getBytes(StandardCharsets.UTF_8);
                }
                return write(valueOf(f, schema, ""));
            }

            /** The valid body with the value at a field path replaced (null: removed). */
            byte[] bodyWith(Fixture f, String field, JsonNode value) {
                JsonNode body = valueOf(f, schema, "");
                String[] steps = field.split("\\.");
                JsonNode parent = body;
                for (int i = 0; i < steps.length - 1; i++) {
                    parent = step(parent, steps[i]);
                }
                String last = steps[steps.length - 1];
                if (last.endsWith("[0]")) {
                    ArrayNode array = (ArrayNode) parent.get(last.substring(0, last.length() - 3));
                    array.remove(0);
                    array.insert(0, value == null ? NODES.nullNode() : value);
                } else if (value == null) {
                    ((ObjectNode) parent).remove(last);
                } else {
                    ((ObjectNode) parent).set(last, value);
                }
                return write(body);
            }

            private JsonNode step(JsonNode node, String step) {
                return step.endsWith("[0]") ? node.get(step.substring(0, step.length() - 3)).get(0) : node.get(step);
            }

            /** A valid value for a schema: a known one by name, else the first enum value, the minimum... */
            JsonNode valueOf(Fixture f, JsonNode schema, String name) {
                Function<Fixture, JsonNode> known = KNOWN.get(name);
                if (known != null) {
                    return known.apply(f);
                }
                if (schema.has("enum")) {
                    return NODES.textNode(schema.get("enum").get(0).asText());
                }
                return switch (type(schema)) {
                    case "object" -> {
                        ObjectNode object = NODES.objectNode();
                        fields(schema.path("properties")).forEach((property, raw) ->
                                object.set(property, valueOf(f, resolve(raw), property)));
                        yield object;
                    }
                    case "array" -> NODES.arrayNode().add(valueOf(f, resolve(schema.path("items")), name + "[]"));
                    case "integer", "number" -> NODES.numberNode(schema.path("minimum").asLong(1));
                    case "boolean" -> NODES.booleanNode(false);
                    default -> switch (schema.path("format").asText()) {
                        case "date" -> NODES.textNode("2021-01-04");
                        // yesterday: a channel's reportedAt is refused further back (sanfu.channels.max-report-age)
                        case "date-time" -> NODES.textNode(java.time.OffsetDateTime.now().minusDays(1)
                                .withNano(0).toString());
                        default -> NODES.textNode("生成测试");
                    };
                };
            }
        }
    }

    /** A request being put together: each case changes one part of the valid one. */
    private static final class Builder {

        private final HttpMethod method;
        private String path;
        private final String user;
        private final Map<String, String> query = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;

        Builder(HttpMethod method, String path, String user) {
            this.method = method;
            this.path = path;
            this.user = user;
        }

        Builder path(String path) {
            this.path = path;
            return this;
        }

        Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Builder query(String name, String value) {
            query.put(name, value);
            return this;
        }

        Builder body(byte[] body) {
            this.body = body;
            return this;
        }

        Sent sent() {
            return new Sent(method, path, query, headers, body, user);
        }
    }

    // ------------------------------------------------------------------------------------------

    private byte[] write(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether the schema's examples show a value of the form of {@code sample} (a date, a date-time): a period's bound
     * takes both (ApiDocs), which no one format says.
     */
    private static boolean exampleOf(JsonNode schema, String sample) {
        for (JsonNode example : schema.path("examples")) {
            if (example.asText().length() == sample.length() && example.asText().contains("T") == sample.contains("T")) {
                return true;
            }
        }
        return false;
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isArray()) {
            // OpenAPI 3.1's ["string", "null"]: the type it takes besides null
            for (JsonNode one : type) {
                if (!one.asText().equals("null")) {
                    return one.asText();
                }
            }
        }
        if (type != null && !type.isArray()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : "string";
    }

    /** Whether the schema takes null: OpenAPI 3.1's type "null" among its types, or 3.0's nullable. */
    private static boolean allowsNull(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (one.asText().equals("null")) {
                    return true;
                }
            }
        }
        return schema.path("nullable").asBoolean(false);
    }

    private static boolean isMethod(String name) {
        return List.of("get", "post", "put", "patch", "delete").contains(name);
    }

    private static Map<String, JsonNode> fields(JsonNode object) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        if (object != null) {
            Iterator<Map.Entry<String, JsonNode>> it = object.fields();
            it.forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
        }
        return fields;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> texts.add(n.asText()));
        }
        return texts;
    }

    /** Control characters and surrogates shown as \\uXXXX, long texts cut: the message stays one readable line. */
    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        String shown = abbreviate(text, 600);
        for (char c : shown.toCharArray()) {
            if (c < 0x20 || Character.isSurrogate(c) || (c >= 0x200b && c <= 0x200d) || c == 0xfeff || c == 0xfffd) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…(" + text.length() + " characters)";
    }
}
