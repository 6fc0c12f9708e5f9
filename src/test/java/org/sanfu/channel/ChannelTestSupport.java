package org.sanfu.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.sanfu.Api;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** Channels for tests: created by admin through the API; a channel's calls with its key. */
final class ChannelTestSupport {

    /**
     * When the test problems were reported: yesterday at 10:00 in the service's zone, within the days a channel may
     * file (sanfu.channels.max-report-age), on a day of its own apart from today's visits.
     */
    static final String REPORTED_AT = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(1)
            .atTime(10, 0).atOffset(java.time.ZoneOffset.ofHours(8))
            .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);

    private final Api api;

    ChannelTestSupport(Api api) {
        this.api = api;
    }

    /** A channel's code, key and secret as its creation answered them. */
    record Created(String code, String name, String key, String secret) {}

    static String newCode() {
        return "T" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36).toUpperCase();
    }

    Created channel(String callbackUrl) {
        String code = newCode();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("name", "测试渠道" + code);
        body.put("callbackUrl", callbackUrl);
        Api.Response r = api.post("/api/channels", "admin", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return new Created(code, body.get("name").toString(), r.json().get("key").asText(),
                r.json().get("secret").asText());
    }

    /** A valid intake body on this enterprise with a fresh external id; mutable. */
    static Map<String, Object> problem(String creditCode, String category) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("externalId", "EXT-" + UUID.randomUUID());
        body.put("enterpriseCreditCode", creditCode);
        body.put("reportedAt", REPORTED_AT);
        if (category != null) {
            body.put("category", category);
        }
        body.put("title", "集装箱订舱困难");
        body.put("description", "12345热线来电：出口集装箱订不到舱位");
        body.put("urgency", "NORMAL");
        return body;
    }

    /** A request with the channel's key and no other credentials (null key: none at all). */
    Api.Response call(HttpMethod method, String path, String key, Object body) {
        return call(method, path, key, body, null);
    }

    /** The same, also signed in as a person (HTTP Basic, password demo) when user is not null. */
    Api.Response call(HttpMethod method, String path, String key, Object body, String user) {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(method, path)
                .accept(MediaType.APPLICATION_JSON).header("Accept-Language", "zh-CN");
        if (key != null) {
            request.header("X-Channel-Key", key);
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).characterEncoding(StandardCharsets.UTF_8)
                    .content(body instanceof String s ? s : api.write(body));
        }
        return api.perform(request, user);
    }

    Api.Response file(String key, Object body) {
        return call(HttpMethod.POST, "/api/intake", key, body);
    }

    JsonNode filed(String key, Object body) {
        Api.Response r = file(key, body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }
}
