package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * A page's form must be well-formed UTF-8, escaped or raw: otherwise the Chinese 400 page, and nothing
 * is stored (Tomcat alone would store U+FFFD for the bytes and go ahead). A well-formed one is stored
 * exactly as typed.
 */
@SanfuTest
class Utf8FormsWebTests {

    @Autowired
    Api api;
    @Autowired
    Pages pages;
    @Autowired
    MockMvc mvc;

    private record Sent(int status, String body, String policy) {}

    private Sent post(String path, String user, byte[] body) throws Exception {
        var request = MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.TEXT_HTML).content(body);
        MockHttpServletResponse response = mvc.perform(user == null ? request : Pages.in(request, pages.session(user)))
                .andReturn().getResponse();
        return new Sent(response.getStatus(), response.getContentAsString(StandardCharsets.UTF_8),
                response.getHeader("Content-Security-Policy"));
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] b ? b : part.toString().getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private long comments(String id, String text) {
        long n = 0;
        for (JsonNode e : api.get("/api/tickets/" + id + "/history", "leader").json()) {
            if (e.get("action").asText().equals("comment") && e.get("detail").asText().contains(text)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aCommentThatIsNoUtf8IsThe400PageAndNothingIsStored() throws Exception {
        String id = api.ticket("CONTAINER").get("id").asText();
        Document page = pages.get("/tickets/" + id, "transport").html();
        String token = page.select("form[data-action=comment] input[name=_csrf]").val();
        String key = page.select("form[data-action=comment] input[name=submission]").val();
        int before = api.get("/api/tickets/" + id + "/history", "leader").json().size();

        for (byte[] body : List.of(
                bytes("_csrf=", encoded(token), "&submission=", key, "&text=page%ff%fecomment"),
                bytes("_csrf=", encoded(token), "&submission=", key, "&text=raw", new byte[] {(byte) 0xff, (byte) 0xfe}),
                bytes("_csrf=", encoded(token), "&submission=", key, "&text=%C0%AF"),
                bytes("_csrf=", encoded(token), "&submission=", key, "&text=%ED%A0%80"),
                bytes("_csrf=", encoded(token), "&submission=", key, "&text=100%"))) {
            Sent refused = post("/tickets/" + id + "/comment", "transport", body);
            assertThat(refused.status()).as(new String(body, StandardCharsets.ISO_8859_1)).isEqualTo(400);
            assertThat(Jsoup.parse(refused.body()).text()).contains("无法识别的字符");
            assertThat(refused.policy()).as("the pages' security headers").contains("default-src");
        }
        assertThat(api.get("/api/tickets/" + id + "/history", "leader").json()).hasSize(before);

        // the same form well-formed: stored as typed, emoji and all
        String text = "已联系船公司 ✓ 🚢 +100% a&b=c";
        Sent sent = post("/tickets/" + id + "/comment", "transport",
                bytes("_csrf=", encoded(token), "&submission=", key, "&text=", encoded(text)));
        assertThat(sent.status()).isEqualTo(303);
        assertThat(comments(id, text)).isEqualTo(1);
    }

    @Test
    void theEnterprisesFeedbackPageRefusesBytesThatAreNoUtf8AndTheLinkStillWorks() throws Exception {
        String id = api.ticket("CONTAINER").get("id").asText();
        api.act(id, "sign", "transport", null);
        api.act(id, "reply", "transport", Map.of("resolution", "已协调舱位", "outcome", "RESOLVED"));
        String link = api.post("/api/tickets/" + id + "/feedback-link", "staff1", null).json().get("url").asText();

        Sent refused = post(link, null, bytes("satisfaction=BASICALLY_SATISFIED&comment=raw",
                new byte[] {(byte) 0xff, (byte) 0xfe}, "end"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(api.get("/api/tickets/" + id, "leader").json().get("status").asText()).isEqualTo("REPLIED");

        Sent rated = post(link, null, bytes("satisfaction=SATISFIED&comment=", encoded("感谢，舱位已落实")));
        assertThat(rated.status()).as("recorded: 303 to its thanks").isEqualTo(303);
        JsonNode ticket = api.get("/api/tickets/" + id, "leader").json();
        assertThat(ticket.get("status").asText()).isEqualTo("CLOSED");
        assertThat(ticket.get("satisfaction").asText()).isEqualTo("SATISFIED");
    }

    @Test
    void fieldsAreReadAsTheServletApiOrdersThem() throws CharacterCodingException {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Utf8Forms.parse("a=1&b=%E4%B8%AD+x", fields);
        Utf8Forms.parse("a=2&&c&d=", fields);
        assertThat(fields).containsExactly(Map.entry("a", List.of("1", "2")), Map.entry("b", List.of("中 x")),
                Map.entry("c", List.of("")), Map.entry("d", List.of("")));
        assertThatThrownBy(() -> Utf8Forms.parse("a=%zz", new LinkedHashMap<>()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Utf8Forms.parse("a=%E4%B8", new LinkedHashMap<>()))
                .isInstanceOf(CharacterCodingException.class);
        assertThatThrownBy(() -> Utf8Forms.parse("a=1&".repeat(Utf8Forms.MAX_FIELDS + 1), new LinkedHashMap<>()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
