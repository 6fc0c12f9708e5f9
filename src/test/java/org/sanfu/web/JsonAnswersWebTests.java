package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The API answers JSON, in UTF-8, and nothing else (API.md, General): a charset named in {@code Accept} does
 * not change the answer's encoding nor refuse it once a write has run, and YAML is not an answer the API gives.
 */
@SanfuTest
class JsonAnswersWebTests {

    /** Each once answered 406 after the write had committed (or, UTF-16BE, written in UTF-16). */
    static final List<String> CHARSETS = List.of("application/json;charset=latin1", "application/json;charset=ISO-8859-1",
            "application/json;charset=UTF-16", "application/json; charset=\"UTF-16BE\"",
            "application/json;charset=latin1, application/json;q=0.5", "application/json;charset=no-such-charset",
            "application/*;charset=latin1", "*/*;charset=latin1", "application/json;charset=utf-8");

    @Autowired
    Api api;

    @Test
    void aCharsetInAcceptIsIgnoredAndEveryWriteIsAnsweredOnceInUtf8Json() {
        String ticket = api.ticket("CUSTOMS").get("id").asText();
        for (String accept : CHARSETS) {
            Api.Response comment = api.perform(json(post("/api/tickets/" + ticket + "/comment"), accept,
                    Map.of("text", "评论 " + accept)), "staff1");
            assertUtf8Json(accept, comment, 200);
            assertThat(comment.json().get("id").asText()).isEqualTo(ticket);
        }
        List<String> comments = comments(ticket);
        assertThat(comments).as("each comment recorded once").containsExactlyElementsOf(
                CHARSETS.stream().map(accept -> "评论 " + accept).toList());

        String code = Api.creditCode();
        Api.Response created = api.perform(json(post("/api/enterprises"), CHARSETS.get(0), Map.of("creditCode", code,
                "name", "字符集企业", "town", "大溪镇", "industry", "泵业", "exporter", true, "key", false,
                "specialist", "staff1")), "staff1");
        assertUtf8Json("POST /api/enterprises", created, 201);
        assertThat(created.json().get("name").asText()).isEqualTo("字符集企业");
        Api.Response updated = api.perform(json(put("/api/enterprises/" + code), CHARSETS.get(2), Map.of(
                "name", "字符集企业（改）", "town", "大溪镇", "industry", "泵业", "exporter", true, "key", false,
                "specialist", "staff1")), "staff1");
        assertUtf8Json("PUT /api/enterprises", updated, 200);
        assertThat(updated.json().get("name").asText()).isEqualTo("字符集企业（改）");

        for (String accept : CHARSETS) {
            Api.Response read = api.perform(get("/api/tickets/" + ticket).accept(accept), "leader");
            assertUtf8Json("GET with " + accept, read, 200);
        }
    }

    /** Quality 0 still refuses a type with a charset named: before the write runs, so nothing changes. */
    @Test
    void aCharsetDoesNotUndoARefusalByQualityZero() {
        String ticket = api.ticket("CUSTOMS").get("id").asText();
        Api.Response refused = api.perform(json(post("/api/tickets/" + ticket + "/comment"),
                "application/json;charset=latin1;q=0", Map.of("text", "不应记录")), "staff1");
        assertThat(refused.status()).as(refused.text()).isEqualTo(406);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(comments(ticket)).isEmpty();
    }

    @Test
    void yamlIsNoAnswerOfTheApiWhileTheApiDocumentStaysInYaml() {
        String ticket = api.ticket("CUSTOMS").get("id").asText();
        for (String path : List.of("/api/tickets/" + ticket, "/api/stats/summary")) {
            Api.Response yaml = api.perform(get(path).accept("application/yaml"), "leader");
            assertThat(yaml.status()).as(path + ": " + yaml.text()).isEqualTo(406);
            assertThat(yaml.contentType()).startsWith("application/problem+json");
            assertThat(yaml.json().get("detail").asText()).as(path).contains("application/json").doesNotContain("yaml");
            Api.Response json = api.perform(get(path).accept("application/yaml, application/json;q=0.5"), "leader");
            assertUtf8Json(path + " with JSON second", json, 200);
        }
        for (String accept : List.of("application/vnd.oai.openapi", "*/*")) {
            Api.Response document = api.perform(get("/v3/api-docs.yaml").accept(accept), "staff1");
            assertThat(document.status()).as(accept).isEqualTo(200);
            assertThat(document.contentType()).as(accept).startsWith("application/vnd.oai.openapi");
            assertThat(document.text()).as(accept).startsWith("openapi:").contains("/api/tickets:");
        }
    }

    private MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String accept, Object body) {
        return request.header("Accept", accept).contentType(MediaType.APPLICATION_JSON)
                .content(api.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** The answer's status, labelled JSON, and its bytes JSON in UTF-8 (Api decodes them so and parses them). */
    private static void assertUtf8Json(String what, Api.Response r, int status) {
        assertThat(r.status()).as(what + ": " + r.text()).isEqualTo(status);
        assertThat(MediaType.parseMediaType(r.contentType()).isCompatibleWith(MediaType.APPLICATION_JSON))
                .as(what + ": " + r.contentType()).isTrue();
        assertThat(MediaType.parseMediaType(r.contentType()).getCharset()).as(what)
                .isIn(null, StandardCharsets.UTF_8);
        assertThat(r.json()).as(what + ": " + r.text()).isNotNull();
    }

    private List<String> comments(String ticket) {
        Api.Response history = api.get("/api/tickets/" + ticket + "/history", "leader");
        assertThat(history.status()).isEqualTo(200);
        List<String> comments = new ArrayList<>();
        for (JsonNode event : history.json()) {
            if (event.get("action").asText().equals("comment")) {
                comments.add(event.get("detail").asText());
            }
        }
        return comments;
    }
}
