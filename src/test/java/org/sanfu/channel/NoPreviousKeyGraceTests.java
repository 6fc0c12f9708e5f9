package org.sanfu.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * sanfu.channels.previous-key-grace=0 (API.md: "0: refused at once"): a renewal ends the old key and secret that
 * moment; the old key files nothing, and callbacks carry X-Sanfu-Signature with the new secret alone, no
 * X-Sanfu-Signature-Previous. The 24 h default is ChannelWebTests' and ChannelCallbackTests'.
 */
@SanfuTest
@TestPropertySource(properties = "sanfu.channels.previous-key-grace=0")
class NoPreviousKeyGraceTests {

    @Autowired
    Api api;
    @Autowired
    ObjectMapper json;

    HttpServer server;
    final List<ChannelCallbackTests.Received> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void receiver() throws IOException {
        server = ChannelCallbackTests.receiver(received, () -> 200, () -> 0);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aRenewalRefusesTheOldKeyAtOnceAndCallbacksCarryNoPreviousSignature() throws Exception {
        ChannelTestSupport s = new ChannelTestSupport(api);
        ChannelTestSupport.Created c = s.channel("http://127.0.0.1:" + server.getAddress().getPort() + "/cb");
        Api.Response renewed = api.post("/api/channels/" + c.code() + "/key", "admin", null);
        assertThat(renewed.status()).as(renewed.text()).isEqualTo(201);
        String key = renewed.json().get("key").asText();
        String secret = renewed.json().get("secret").asText();

        assertThat(s.file(c.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status())
                .as("the old key, right after the renewal").isEqualTo(401);
        String id = s.filed(key, ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).get("id").asText();
        ChannelCallbackTests.await(() -> received.stream().anyMatch(r -> ticketOf(r).equals(id)));
        ChannelCallbackTests.Received callback = received.stream().filter(r -> ticketOf(r).equals(id)).findFirst().orElseThrow();
        assertThat(callback.signature()).isEqualTo("sha256=" + ChannelCallbackTests.hmac(callback.body(), secret));
        assertThat(callback.previousSignature()).as("no grace, no old signature").isNull();
    }

    private String ticketOf(ChannelCallbackTests.Received r) {
        try {
            return json.readTree(r.body()).path("ticketId").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
