package org.sanfu.ticket;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sanfu.attachments.*}: the files a ticket may carry (附件: a visit's photographs, a department's 答复函).
 *
 * @param maxFileBytes the largest file taken, in bytes; a larger one is refused (API 413, the page's form 400)
 * @param maxPerTicket how many files a ticket holds at most; one more is refused 409
 */
@ConfigurationProperties("sanfu.attachments")
@Validated
public record AttachmentProperties(@Min(1024) @Max(100L * 1024 * 1024) long maxFileBytes,
        @Min(1) @Max(1000) int maxPerTicket) {
}
