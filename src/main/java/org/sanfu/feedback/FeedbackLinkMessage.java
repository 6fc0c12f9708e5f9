package org.sanfu.feedback;

import java.time.Instant;

/**
 * A feedback link to hand out: for whom, the link itself ({@code url}, absolute when
 * {@code sanfu.feedback-links.public-base-url} is set), until when it works, and the Chinese text to send.
 */
public record FeedbackLinkMessage(String ticketId, String enterpriseCreditCode, String enterpriseName,
        String title, String url, Instant expiresAt, String text) {
}
