package org.sanfu.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The chat-robot webhook: what it posts, that it waits for the commit, and that it never throws. */
class WebhookNotifierUnitTests {

    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private HttpServer robot;
    private volatile long answerAfterMillis;

    private final Notification overdue = new Notification(Notification.Kind.OVERDUE, "42", "TRANSPORT",
            "出口集装箱紧张", "台州方联宝进出口有限公司", Instant.parse("2021-03-09T09:30:00Z"),
            "事项 42「出口集装箱紧张」签收超期");

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
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    private WebhookNotifier notifier(URI url, Duration timeout) {
        return new WebhookNotifier(new NotificationProperties(url, timeout), json);
    }

    private URI robotUrl() {
        return URI.create("http://127.0.0.1:" + robot.getAddress().getPort() + "/robot/send");
    }

    @Test
    void postsTheTextMessageAndTheStructuredFieldsWithChineseIntact() throws Exception {
        notifier(robotUrl(), Duration.ofSeconds(5)).send(overdue);
        String body = received.poll(10, TimeUnit.SECONDS);
        assertThat(body).isNotNull();
        JsonNode message = json.readTree(body);
        assertThat(message.get("msgtype").asText()).isEqualTo("text");
        assertThat(message.get("text").get("content").asText()).isEqualTo("【三服务】事项 42「出口集装箱紧张」签收超期");
        assertThat(message.get("sanfu").get("kind").asText()).isEqualTo("OVERDUE");
        assertThat(message.get("sanfu").get("recipient").asText()).isEqualTo("TRANSPORT");
        assertThat(message.get("sanfu").get("enterpriseName").asText()).isEqualTo("台州方联宝进出口有限公司");
    }

    @Test
    void insideATransactionNothingIsPostedBeforeTheCommit() throws Exception {
        TransactionSynchronizationManager.initSynchronization();
        notifier(robotUrl(), Duration.ofSeconds(5)).send(overdue);
        assertThat(received.poll(300, TimeUnit.MILLISECONDS)).as("posted before commit").isNull();
        List<TransactionSynchronization> pending = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationManager.clearSynchronization();
        pending.forEach(TransactionSynchronization::afterCommit);
        assertThat(received.poll(10, TimeUnit.SECONDS)).contains("签收超期");
    }

    @Test
    void aRolledBackTransactionPostsNothing() throws Exception {
        TransactionSynchronizationManager.initSynchronization();
        notifier(robotUrl(), Duration.ofSeconds(5)).send(overdue);
        List<TransactionSynchronization> pending = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationManager.clearSynchronization();
        pending.forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));
        assertThat(received.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aSlowOrAbsentRobotNeitherThrowsNorHoldsTheCaller() {
        answerAfterMillis = 3_000;
        WebhookNotifier slow = notifier(robotUrl(), Duration.ofMillis(200));
        long started = System.nanoTime();
        assertThatCode(() -> slow.send(overdue)).doesNotThrowAnyException();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

        URI nobody = URI.create("http://127.0.0.1:1/robot/send");
        assertThatCode(() -> notifier(nobody, Duration.ofMillis(200)).send(overdue)).doesNotThrowAnyException();
    }
}
