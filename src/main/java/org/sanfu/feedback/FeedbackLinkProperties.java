package org.sanfu.feedback;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sanfu.feedback-links.*}: the one-time feedback links (feedback module).
 *
 * @param publicBaseUrl where enterprises reach the service, e.g. {@code https://sanfu.example.gov.cn}: a link
 *        sent by chat or SMS is this plus {@code /f/<token>}; without it the API's link is the path alone, and no
 *        sender may be configured (FeedbackLinkDispatch refuses to start)
 * @param webhookUrl a DingTalk or WeCom group robot that issued links may be posted to ({@code "send": true})
 * @param timeout how long such a post may take; a failed post never fails the link
 * @param requestsPerMinute requests to /f/** one client address may make per minute (a burst of as many)
 * @param maxTracked client addresses followed at most (the memory bound)
 * @param maxConcurrentUploads rating forms with files read at the same moment on this node (FeedbackUploadGate): each
 *        address is held to its limit, but many addresses together could make it read as many bodies of 30 MB at once
 */
@ConfigurationProperties("sanfu.feedback-links")
@Validated
public record FeedbackLinkProperties(URI publicBaseUrl, URI webhookUrl,
        @DefaultValue("5s") @NotNull Duration timeout,
        @DefaultValue("30") @Min(1) int requestsPerMinute,
        @DefaultValue("100000") @Min(100) int maxTracked,
        @DefaultValue("4") @Min(1) @Max(1000) int maxConcurrentUploads) {

    public FeedbackLinkProperties {
        if (publicBaseUrl != null && (!publicBaseUrl.isAbsolute() || publicBaseUrl.getHost() == null
                || !publicBaseUrl.getScheme().matches("https?"))) {
            throw new IllegalArgumentException("sanfu.feedback-links.public-base-url must be an http(s) URL with a host");
        }
    }

    /** The link as it is sent: absolute when the base is configured, else the path. */
    String absolute(String path) {
        if (publicBaseUrl == null) {
            return path;
        }
        String base = publicBaseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
