package org.sanfu.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chat robot as a FeedbackLinkSender: what it posts, and that a slow or absent robot costs the caller nothing. */
class ChatWebhookLinkSenderUnitTests {

    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final ObjectMapper json = new ObjectMapper();
    private HttpServer robot;
    private volatile long answerAfterMillis;

    private final FeedbackLinkMessage message = new FeedbackLinkMessage("42", "91330100716105852F",
            "台州方联宝进出口有限公司", "出口集装箱紧张", "https://sanfu.example.gov.cn/f/token",
            Instant.parse("2026-12-08T09:30:00Z"), "台州方联宝进出口有限公司：您反映的「出口集装箱紧张」已答复");

    @BeforeEach
    void startRobot() throws Exception {
        robot = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        robot.createContext("/robot/send", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            try {
                Thread.sleep(answerAfterMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        robot.start();
    }

    @AfterEach
    void stopRobot() {
        robot.stop(0);
    }

    private ChatWebhookLinkSender sender(URI url, Duration timeout) {
        return new ChatWebhookLinkSender(new FeedbackLinkProperties(null, url, timeout, 30, 100, 4), json);
    }

    private URI robotUrl() {
        return URI.create("http://127.0.0.1:" + robot.getAddress().getPort() + "/robot/send");
    }

    @Test
    void postsTheLinksTextAsARobotsTextMessageWithChineseIntact() throws Exception {
        sender(robotUrl(), Duration.ofSeconds(5)).send(message);
        String body = received.poll(10, TimeUnit.SECONDS);
        assertThat(body).isNotNull();
        JsonNode posted = json.readTree(body);
        assertThat(posted.get("msgtype").asText()).isEqualTo("text");
        assertThat(posted.get("text").get("content").asText()).isEqualTo("【三服务】" + message.text());
    }

    @Test
    void aSlowOrAbsentRobotNeitherThrowsNorHoldsTheCaller() {
        answerAfterMillis = 3_000;
        long started = System.nanoTime();
        assertThatCode(() -> sender(robotUrl(), Duration.ofMillis(200)).send(message)).doesNotThrowAnyException();
        assertThatCode(() -> sender(URI.create("http://127.0.0.1:1/robot/send"), Duration.ofMillis(200)).send(message))
                .doesNotThrowAnyException();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aPublicBaseUrlMakesTheLinkAbsoluteAndMustBeHttp() {
        assertThat(new FeedbackLinkProperties(URI.create("https://sanfu.example.gov.cn/"), null, Duration.ofSeconds(5),
                30, 100, 4).absolute("/f/abc")).isEqualTo("https://sanfu.example.gov.cn/f/abc");
        assertThat(new FeedbackLinkProperties(null, null, Duration.ofSeconds(5), 30, 100, 4).absolute("/f/abc"))
                .isEqualTo("/f/abc");
        assertThatThrownBy(() -> new FeedbackLinkProperties(URI.create("ftp://example.org"), null, Duration.ofSeconds(5),
                30, 100, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
