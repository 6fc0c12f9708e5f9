package org.sanfu.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * sanfu.channels.callback-hosts: with the list set, ADMIN cannot register a callback URL on another host
 * (400 naming callbackUrl, no channel), and a callback stored for a host the list leaves out (the list
 * changed since) is given up without a request reaching that host.
 */
@SanfuTest
@TestPropertySource(properties = "sanfu.channels.callback-hosts=localhost, *.example.gov.cn")
class CallbackHostsTests {

    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CallbackSender sender;
    @Autowired
    ChannelProperties properties;

    @Test
    void aUrlOnAHostTheListLeavesOutIs400NamingTheFieldAndCreatesNothing() {
        for (String url : List.of("http://127.0.0.1:8080/cb", "https://example.gov.cn/cb",
                "https://hotline.example.gov.cn.evil.test/cb", "https://evil-example.gov.cn/cb",
                "http://169.254.169.254/latest/meta-data/")) {
            String code = ChannelTestSupport.newCode();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", code);
            body.put("name", "测试渠道");
            body.put("callbackUrl", url);
            Api.Response r = api.post("/api/channels", "admin", body);
            assertThat(r.status()).as(url).isEqualTo(400);
            assertThat(r.json().get("errors").findValuesAsText("field")).as(url).containsExactly("callbackUrl");
            assertThat(jdbc.sql("select count(*) from channel where code = ?").param(code).query(Long.class).single())
                    .isZero();
        }
        assertThat(new ChannelTestSupport(api).channel("https://hotline.example.gov.cn/sanfu").code()).isNotBlank();
        assertThat(new ChannelTestSupport(api).channel("https://a.b.EXAMPLE.gov.cn/sanfu").code()).isNotBlank();
    }

    @Test
    void theListMatchesWholeHostsAndDomainsBelowAStar() {
        assertThat(properties.allowsCallbackTo(URI.create("http://LOCALHOST:9000/x"))).isTrue();
        assertThat(properties.allowsCallbackTo(URI.create("http://localhost.evil.test/x"))).isFalse();
        assertThat(properties.allowsCallbackTo(URI.create("https://x.example.gov.cn/"))).isTrue();
        assertThat(properties.allowsCallbackTo(URI.create("https://example.gov.cn/"))).isFalse();
        assertThat(properties.allowsCallbackTo(URI.create("https://xexample.gov.cn/"))).isFalse();
        ChannelProperties any = new ChannelProperties(null, Duration.ofSeconds(1), List.of(Duration.ofSeconds(1)),
                Duration.ofSeconds(1), List.of(), Duration.ZERO, Duration.ofDays(30));
        assertThat(any.allowsCallbackTo(URI.create("http://10.0.0.1/x"))).isTrue();
    }

    @Test
    void aStoredCallbackForAHostNoLongerAllowedIsGivenUpAndNeverPosted() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cb", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            ChannelTestSupport channels = new ChannelTestSupport(api);
            int port = server.getAddress().getPort();
            ChannelTestSupport.Created c = channels.channel("http://localhost:" + port + "/cb");
            // as if the channel had been created before the list left 127.0.0.1 out
            jdbc.sql("update channel set callback_url = ? where code = ?")
                    .params("http://127.0.0.1:" + port + "/cb", c.code()).update();
            String id = channels.filed(c.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER"))
                    .get("id").asText();
            ChannelCallbackTests.await(() -> "FAILED".equals(jdbc.sql(
                    "select state from channel_callback where ticket_id = ?").param(Long.valueOf(id))
                    .query(String.class).single()));
            sender.sendDue();
            assertThat(jdbc.sql("select last_error from channel_callback where ticket_id = ?")
                    .param(Long.valueOf(id)).query(String.class).single()).contains("127.0.0.1");
            assertThat(requests).hasValue(0);
        } finally {
            server.stop(0);
        }
    }
}
