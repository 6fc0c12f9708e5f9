package org.sanfu;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
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
 * @param sla default limits and the feedback window
 * @param calendar the working day and the holiday calendar
 * @param notifications where reminders, overdue marks and supervisions are sent besides the log
 * @param ranking the monthly ranking of departments
 * @param redCard the lines for a town's red card
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
        @NotNull @Valid Ranking ranking,
        @NotNull @Valid RedCard redCard,
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
     * The monthly ranking of departments (金牌店小二 / 蜗牛店小二).
     *
     * @param weights the weights of the score's rates
     * @param minTickets a department with fewer tickets in the month is listed, not ranked
     */
    public record Ranking(@NotNull @Valid Weights weights, @Min(1) int minTickets) {}

    /**
     * Weights of the ranking score, the weighted mean of a department's rates as 0..100.
     *
     * @param onTimeClose weight of the on-time close rate
     * @param onTimeSign weight of the on-time sign rate
     * @param satisfaction weight of the satisfaction rate
     * @param reopen weight of the reopen rate, which counts against
     * @param returned weight of the return rate, which counts against
     */
    public record Weights(@DecimalMin("0") double onTimeClose, @DecimalMin("0") double onTimeSign,
            @DecimalMin("0") double satisfaction, @DecimalMin("0") double reopen, @DecimalMin("0") double returned) {}

    /**
     * The lines past which a town or platform gets a red card (亮红牌).
     *
     * @param minTickets a town with fewer tickets in the period is not judged
     * @param overdueRate the share of a town's tickets that missed a deadline that earns a red card
     * @param satisfactionRate the satisfaction rate under which a town earns a red card
     */
    public record RedCard(@Min(1) int minTickets, @DecimalMin("0") @DecimalMax("1") double overdueRate,
            @DecimalMin("0") @DecimalMax("1") double satisfactionRate) {}

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
