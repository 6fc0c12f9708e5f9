package org.sanfu.ticket;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sanfu.attachments.*}: the files a ticket may carry (附件: a visit's photographs, a department's 答复函).
 *
 * @param maxFileBytes the largest file taken, in bytes; a larger one is refused (API 413, the page's form 400)
 * @param maxPerTicket how many of the service's own files (staff's, dispatch's, the departments') a ticket holds at
 *        most; one more is refused 409. The enterprise's files do not count here: a department always has room for its
 *        答复函, however many ratings came with files
 * @param maxFromEnterprisePerTicket how many files the enterprise may send with its ratings to one ticket, over all
 *        its feedback links (three a rating); one more is its feedback form again, 400 naming {@code files}
 */
@ConfigurationProperties("sanfu.attachments")
@Validated
public record AttachmentProperties(@Min(1024) @Max(100L * 1024 * 1024) long maxFileBytes,
        @Min(1) @Max(1000) int maxPerTicket,
        @DefaultValue("9") @Min(1) @Max(1000) int maxFromEnterprisePerTicket) {
}
