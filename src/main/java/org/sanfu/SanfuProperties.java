package org.sanfu;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code sanfu.*} setting (besides sanfu.admin.*, security.FirstAdministratorProperties); a bad
 * value stops the service at start-up naming the setting. The defaults are in config/application.yml.
 *
 * @param zone the zone of shown times and of working-day counting
 * @param maxBodyBytes request bodies larger than this many bytes are refused with 413
 * @param departments the departments: codes as used in JSON and routing, and labels
 * @param categories the problem categories: codes as used in JSON and routing, and labels
 */
@ConfigurationProperties("sanfu")
@Validated
public record SanfuProperties(
        @NotNull ZoneId zone,
        @Min(1024) long maxBodyBytes,
        @NotNull @Valid Sla sla,
        @NotNull @Valid Calendar calendar,
        @NotNull @Valid Notifications notifications,
        @NotEmpty List<@Valid Entry> departments,
        @NotEmpty List<@Valid Entry> categories) {

    /**
     * Limits in working days used where the routing decision gives none, and the feedback window.
     *
     * @param defaultSignLimit working days to sign where routing gives no limit
     * @param defaultReplyLimit working days to reply where routing gives no limit
     * @param feedbackWindow working days for the enterprise's feedback before a reply closes as UNRATED
     */
    public record Sla(@Min(1) @Max(60) int defaultSignLimit, @Min(1) @Max(60) int defaultReplyLimit,
            @Min(1) @Max(60) int feedbackWindow) {}

    /**
     * Where reminders, overdue marks and supervisions go besides the log: a chat robot's webhook.
     *
     * @param webhookUrl a DingTalk or WeCom group robot to post to; none by default
     * @param timeout how long a webhook post may take; a failed post never fails a ticket
     */
    public record Notifications(URI webhookUrl, @NotNull Duration timeout) {}

    /**
     * The working day: its hours, and the file of public holidays and make-up workdays.
     *
     * @param workStart when the working day starts
     * @param workEnd when the working day ends; a deadline of N working days ends then on the N-th day
     * @param holidaysFile public holidays and make-up workdays by year: ./config/ first, else the packaged copy
     */
    public record Calendar(@NotNull LocalTime workStart, @NotNull LocalTime workEnd, @NotBlank String holidaysFile) {

        @AssertTrue(message = "work-start must be before work-end")
        public boolean isWorkDayPositive() {
            return workStart == null || workEnd == null || workStart.isBefore(workEnd);
        }
    }

    /** A code as used in JSON and URLs, and the Chinese label shown to people. */
    public record Entry(@NotBlank String code, @NotBlank String label) {}
}
