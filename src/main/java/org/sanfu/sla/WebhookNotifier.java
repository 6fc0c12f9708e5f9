package org.sanfu.sla;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Posts each notification as JSON to a group-chat robot's webhook ({@code sanfu.notifications.webhook-url}),
 * in the text-message shape DingTalk and WeCom robots accept, with the structured fields beside it.
 * It posts only after the ticket's transaction has committed, asynchronously, with a timeout, and a
 * failure is logged: the chat may miss a message, the ticket never misses its change.
 */
@Component
@ConditionalOnProperty(prefix = "sanfu.notifications", name = "webhook-url")
class WebhookNotifier implements Notifier {

    private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);

    private final URI url;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json;

    WebhookNotifier(NotificationProperties settings, ObjectMapper json) {
        this.url = settings.webhookUrl();
        this.timeout = settings.timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.json = json;
    }

    @Override
    public void send(Notification notification) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    post(notification);
                }
            });
        } else {
            post(notification);
        }
    }

    private void post(Notification n) {
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("msgtype", "text");
            body.put("text", Map.of("content", "【三服务】" + n.text()));
            body.put("sanfu", n);
            HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8))
                    .build();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error != null) {
                    log.warn("webhook for ticket {} failed: {}", n.ticketId(), error.toString());
                } else if (response.statusCode() >= 300) {
                    log.warn("webhook for ticket {} answered {}", n.ticketId(), response.statusCode());
                }
            });
        } catch (Exception e) {
            log.warn("webhook for ticket {} not sent: {}", n.ticketId(), e.toString());
        }
    }
}
