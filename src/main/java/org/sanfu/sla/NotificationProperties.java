package org.sanfu.sla;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sanfu.notifications.*}: where reminders, overdue marks and supervisions go besides the log,
 * a chat robot's webhook.
 *
 * @param webhookUrl a DingTalk or WeCom group robot to post to; none by default
 * @param timeout how long a webhook post may take; a failed post never fails a ticket
 */
@ConfigurationProperties("sanfu.notifications")
@Validated
public record NotificationProperties(URI webhookUrl, @NotNull Duration timeout) {
}
