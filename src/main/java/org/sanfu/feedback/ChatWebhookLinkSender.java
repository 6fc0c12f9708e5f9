package org.sanfu.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Posts a feedback link to a group-chat robot ({@code sanfu.feedback-links.webhook-url}; the text-message
 * shape DingTalk and WeCom robots accept), from where the enterprise's service staff pass it on. Async,
 * with a timeout; a failure is logged (without the link, which is a credential).
 */
@Component
@ConditionalOnProperty(prefix = "sanfu.feedback-links", name = "webhook-url")
class ChatWebhookLinkSender implements FeedbackLinkSender {

    private static final Logger log = LoggerFactory.getLogger(ChatWebhookLinkSender.class);

    private final URI url;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json;

    ChatWebhookLinkSender(FeedbackLinkProperties settings, ObjectMapper json) {
        this.url = settings.webhookUrl();
        this.timeout = settings.timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.json = json;
    }

    @Override
    public void send(FeedbackLinkMessage message) {
        try {
            String body = json.writeValueAsString(Map.of("msgtype", "text",
                    "text", Map.of("content", "【三服务】" + message.text())));
            HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error != null) {
                    log.warn("feedback link webhook for ticket {} failed: {}", message.ticketId(), error.toString());
                } else if (response.statusCode() >= 300) {
                    log.warn("feedback link webhook for ticket {} answered {}", message.ticketId(),
                            response.statusCode());
                }
            });
        } catch (Exception e) {
            log.warn("feedback link webhook for ticket {} not sent: {}", message.ticketId(), e.toString());
        }
    }
}
