package org.sanfu.sla;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sanfu.sla.*}: limits in working days used where the routing decision gives none, and the
 * feedback window. Routing and the ticket's lifecycle read them; the reminder points are timers in
 * bpmn/ticket.bpmn.
 *
 * @param defaultSignLimit working days to sign where routing gives no limit
 * @param defaultReplyLimit working days to reply where routing gives no limit
 * @param feedbackWindow working days for the enterprise's feedback before a reply closes as UNRATED
 */
@ConfigurationProperties("sanfu.sla")
@Validated
public record SlaProperties(@Min(1) @Max(60) int defaultSignLimit, @Min(1) @Max(60) int defaultReplyLimit,
        @Min(1) @Max(60) int feedbackWindow) {
}
