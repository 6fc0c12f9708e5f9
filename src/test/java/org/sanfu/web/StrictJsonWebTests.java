package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Issue 11, strict JSON: nothing after the value, no string for a number nor a number for text, no key
 * twice, only well-formed UTF-8, on the actions' raw bodies and on {@code @RequestBody} alike; each a
 * 400 naming the field that changes nothing. And no answer carries a key twice.
 */
@SanfuTest
class StrictJsonWebTests {

    /** Reads an answer as a client that refuses a repeated key would. */
    private static final ObjectMapper DUPLICATE_DETECTING = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @Autowired
    Api api;

    // ------------------------------------------------------------------------------------------
    // action bodies (read from raw bytes)

    @Test
    void anActionRefusesTrailingContentWrongTypesRepeatedKeysAndBadUtf8AndChangesNothing() {
        String id = api.ticket("CONTAINER").get("id").asText();
        api.act(id, "sign", "transport", null);
        String before = ticket(id);

        assertFault(action(id, "comment", "staff1", utf8("{\"text\": \"请抓紧\"} garbage")), "body", "nothing after");
        assertFault(action(id, "comment", "staff1", utf8("{} {}")), "body", "nothing after");
        assertFault(action(id, "comment", "staff1", utf8("{\"text\": 123}")), "text", "string");
        assertFault(action(id, "comment", "staff1", utf8("{\"text\": true}")), "text", "string");
        assertFault(action(id, "comment", "staff1", utf8("{\"text\": \"a\", \"text\": \"b\"}")), "text", "twice");
        assertFault(action(id, "extend", "transport", utf8("{\"workingDays\": \"3\", \"reason\": \"等船期\"}")),
                "workingDays", "must be");
        assertFault(action(id, "return", "transport", utf8("{\"reason\": 123}")), "reason", "string");
        for (byte[] bad : badUtf8("text")) {
            assertFault(action(id, "comment", "staff1", bad), "body", "UTF-8");
        }
        // an action without fields of its own still refuses what is not JSON, and JSON's null, which is no object
        assertFault(action(id, "approve-extension", "dispatch", utf8("{} garbage")), "body", "nothing after");
        assertFault(action(id, "comment", "staff1", utf8("null")), "body", "must be a JSON object");
        assertFault(action(id, "approve-extension", "dispatch", utf8(" null ")), "body", "must be a JSON object");

        assertThat(ticket(id)).as("a refused request changes nothing").isEqualTo(before);
        // the same body, well formed, is taken
        assertThat(action(id, "comment", "staff1", utf8("{\"text\": \"请抓紧\"}  \n")).status()).isEqualTo(200);
    }

    /**
     * Past Jackson's limits (a number of more than 1000 digits, nesting deeper than 1000 levels) the
     * value is still the client's mistake in one field: named, as a 20-digit number or 1e400 is.
     */
    @Test
    void aNumberTooLongOrAValueTooDeepIsNamedByItsField() {
        String id = api.ticket("CONTAINER").get("id").asText();
        api.act(id, "sign", "transport", null);
        String before = ticket(id);
        assertFault(action(id, "extend", "transport",
                utf8("{\"workingDays\": " + "9".repeat(5000) + ", \"reason\": \"等船期\"}")), "workingDays", "1000");
        assertFault(action(id, "extend", "transport",
                utf8("{\"reason\": \"等船期\", \"workingDays\": " + "9".repeat(5000) + "}")), "workingDays", "1000");
        assertFault(action(id, "comment", "staff1",
                utf8("{\"text\": " + "[".repeat(5000) + "]".repeat(5000) + "}")), "text", "1000");
        assertFault(action(id, "comment", "staff1",
                utf8("{\"text\": " + "{\"a\": ".repeat(5000) + "1" + "}".repeat(5000) + "}")), "text", "1000");
        // the body itself nested too deep: no field of it to name
        assertFault(action(id, "comment", "staff1", utf8("[".repeat(5000) + "]".repeat(5000))), "body", "1000");
        // a key longer than the parser reads (50,000 characters): named by the object it is in, not by the key
        // before it nor as "null"
        String name = "k".repeat(60_000);
        assertFault(action(id, "comment", "staff1", utf8("{\"text\": \"请抓紧\", \"" + name + "\": 1}")), "body",
                "field name longer than 50000");
        assertFault(action(id, "comment", "staff1", utf8("{\"text\": {\"" + name + "\": 1}}")), "text",
                "field name longer than 50000");
        assertThat(ticket(id)).as("a refused request changes nothing").isEqualTo(before);
    }

    @Test
    void aRepeatedKeyInsideAListIsNamedByItsPath() {
        String code = api.enterprise();
        Api.Response r = json("/api/visits", utf8("{\"enterpriseCreditCode\": \"" + code + "\", \"problems\": "
                + "[{\"category\": \"CONTAINER\", \"title\": \"一\", \"title\": \"二\"}]}"));
        assertFault(r, "problems[0].title", "twice");
        assertThat(api.get("/api/visits?enterprise=" + code, "staff1").json().get("total").asInt()).isZero();
    }

    @Test
    void aVisitsNumberTooLongOrValueTooDeepIsNamedByItsFieldToo() {
        String code = api.enterprise();
        String problem = "{\"category\": \"CONTAINER\", \"title\": \"舱位\"}";
        assertFault(json("/api/visits", utf8("{\"enterpriseCreditCode\": \"" + code + "\", \"orderBacklogMonths\": "
                + "9".repeat(5000) + ", \"problems\": [" + problem + "]}")), "orderBacklogMonths", "1000");
        assertFault(json("/api/visits", utf8("{\"enterpriseCreditCode\": \"" + code + "\", \"notes\": "
                + "[".repeat(5000) + "]".repeat(5000) + ", \"problems\": [" + problem + "]}")), "notes", "1000");
        assertThat(api.get("/api/visits?enterprise=" + code, "staff1").json().get("total").asInt()).isZero();
    }

    // ------------------------------------------------------------------------------------------
    // @RequestBody (an enterprise, a visit)

    @Test
    void anEnterpriseBodyIsReadAsStrictly() {
        String code = Api.creditCode();
        String fields = "\"creditCode\": \"" + code + "\", \"town\": \"大溪镇\"";
        assertFault(json("/api/enterprises", utf8("{" + fields + ", \"name\": \"甲\"} garbage")), "body", "nothing after");
        assertFault(json("/api/enterprises", utf8("{" + fields + ", \"name\": \"甲\"} {}")), "body", "nothing after");
        assertFault(json("/api/enterprises", utf8("{" + fields + ", \"name\": 123}")), "name", "string");
        assertFault(json("/api/enterprises", utf8("{" + fields + ", \"name\": \"甲\", \"exporter\": \"true\"}")),
                "exporter", "must be");
        assertFault(json("/api/enterprises", utf8("{" + fields + ", \"name\": \"甲\", \"exporter\": 1}")),
                "exporter", "must be");
        assertFault(json("/api/enterprises", utf8("{" + fields + ", \"name\": \"甲\", \"name\": \"乙\"}")),
                "name", "twice");
        for (byte[] bad : badUtf8("name")) {
            byte[] body = concat(utf8("{" + fields + ", "), bad, utf8("}"));
            assertFault(json("/api/enterprises", body), "body", "UTF-8");
        }
        assertThat(api.get("/api/enterprises/" + code, "staff1").status()).as("nothing filed").isEqualTo(404);
        assertThat(json("/api/enterprises", utf8("{" + fields + ", \"name\": \"甲\", \"exporter\": true}")).status())
                .isEqualTo(201);
    }

    @Test
    void aBodyIsReadAsUtf8WhateverCharsetTheClientDeclares() {
        String code = Api.creditCode();
        Api.Response r = api.perform(MockMvcRequestBuilders.post("/api/enterprises")
                .contentType("application/json;charset=ISO-8859-1").accept(MediaType.APPLICATION_JSON)
                .content(utf8("{\"creditCode\": \"" + code + "\", \"name\": \"台州泵业\"}")), "staff1");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(api.get("/api/enterprises/" + code, "staff1").json().get("name").asText()).isEqualTo("台州泵业");
    }

    @Test
    void aVisitBodyIsReadAsStrictly() {
        String code = api.enterprise();
        String visit = "{\"enterpriseCreditCode\": \"" + code + "\", \"notes\": \"走访\", \"problems\": []}";
        assertFault(json("/api/visits", utf8(visit + " garbage")), "body", "nothing after");
        assertFault(json("/api/visits", utf8(visit + visit)), "body", "nothing after");
        assertFault(json("/api/visits", utf8("{\"enterpriseCreditCode\": \"" + code + "\", \"notes\": 7}")),
                "notes", "string");
        assertFault(json("/api/visits", concat(utf8("{\"enterpriseCreditCode\": \"" + code + "\", "),
                badUtf8("notes").get(0), utf8("}"))), "body", "UTF-8");
        assertThat(api.get("/api/visits?enterprise=" + code, "staff1").json().get("total").asInt()).isZero();
    }

    // ------------------------------------------------------------------------------------------
    // periods and answers

    @Test
    void statsRefuseAPeriodAskedBackwardsAsTheListsDo() {
        for (String path : List.of("/api/stats/summary", "/api/tickets", "/api/visits")) {
            Api.Response r = api.get(path + "?from=2021-01-01&to=2020-01-01", "leader");
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asText()).as(path).isEqualTo("to");
        }
    }

    @Test
    void noAnswerCarriesAKeyTwice() {
        String code = api.enterprise();
        List<JsonNode> tickets = api.visit(code, List.of(Api.problem("CONTAINER", "集装箱紧缺")));
        String id = tickets.get(0).get("id").asText();
        api.act(id, "sign", "transport", null);
        String visit = api.get("/api/visits?enterprise=" + code, "staff1").json().get("items").get(0).get("id").asText();

        List<String> answers = new ArrayList<>();
        for (String path : List.of("/api/tickets/" + id, "/api/tickets/" + id + "/history", "/api/tickets",
                "/api/visits/" + visit, "/api/visits", "/api/enterprises/" + code, "/api/enterprises",
                "/api/stats/summary", "/api/stats/ranking", "/api/reports/daily", "/api/reports/weekly")) {
            Api.Response r = api.get(path, "leader");
            assertThat(r.status()).as(path).isEqualTo(200);
            answers.add(r.text());
        }
        for (String user : List.of("transport", "staff1", "dispatch")) {
            answers.add(api.get("/api/inbox", user).text());
        }
        assertThat(answers.get(5)).as("the profile").contains("\"latestOperatingStatus\"");
        for (String answer : answers) {
            assertThatCode(() -> DUPLICATE_DETECTING.readTree(answer)).as(answer).doesNotThrowAnyException();
        }
    }

    // ------------------------------------------------------------------------------------------

    /** Three ways to be no UTF-8 inside a string field: overlong "/", an encoded surrogate, a cut sequence. */
    private static List<byte[]> badUtf8(String field) {
        List<byte[]> bodies = new ArrayList<>();
        for (byte[] bad : List.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xE4, (byte) 0xB8})) {
            bodies.add(concat(utf8("{\"" + field + "\": \"a"), bad, utf8("\"}")));
        }
        return bodies;
    }

    private Api.Response action(String id, String action, String user, byte[] body) {
        return api.perform(MockMvcRequestBuilders.post("/api/tickets/" + id + "/" + action)
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                .header("Accept-Language", "en").content(body), user);
    }

    private Api.Response json(String path, byte[] body) {
        return api.perform(MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON).header("Accept-Language", "en").content(body), "staff1");
    }

    private String ticket(String id) {
        return api.get("/api/tickets/" + id + "/history", "dispatch").text() + api.get("/api/tickets/" + id, "dispatch").text();
    }

    private static void assertFault(Api.Response r, String field, String wording) {
        JsonNode error = r.firstFault();
        assertThat(error.get("field").asText()).as(r.text()).isEqualTo(field);
        assertThat(error.get("message").asText()).as(r.text()).contains(wording);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
