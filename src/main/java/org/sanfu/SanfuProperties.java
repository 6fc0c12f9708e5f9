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

/** Every {@code sanfu.*} setting; a bad value stops the service at start-up naming the setting. */
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

    /** Limits in working days used where the routing decision gives none, and the feedback window. */
    public record Sla(@Min(1) @Max(60) int defaultSignLimit, @Min(1) @Max(60) int defaultReplyLimit,
            @Min(1) @Max(60) int feedbackWindow) {}

    /** Where reminders, overdue marks and supervisions go besides the log: a chat robot's webhook. */
    public record Notifications(URI webhookUrl, @NotNull Duration timeout) {}

    /** The monthly ranking of departments: the score's weights and the fewest tickets to be ranked. */
    public record Ranking(@NotNull @Valid Weights weights, @Min(1) int minTickets) {}

    /** Weights of the ranking score; reopen and return rates count against a department. */
    public record Weights(@DecimalMin("0") double onTimeClose, @DecimalMin("0") double onTimeSign,
            @DecimalMin("0") double satisfaction, @DecimalMin("0") double reopen, @DecimalMin("0") double returned) {}

    /** The lines past which a town gets a red card (亮红牌), and the fewest tickets to be judged. */
    public record RedCard(@Min(1) int minTickets, @DecimalMin("0") @DecimalMax("1") double overdueRate,
            @DecimalMin("0") @DecimalMax("1") double satisfactionRate) {}

    /** The working day: its hours, and the file of public holidays and make-up workdays. */
    public record Calendar(@NotNull LocalTime workStart, @NotNull LocalTime workEnd, @NotBlank String holidaysFile) {

        @AssertTrue(message = "work-start must be before work-end")
        public boolean isWorkDayPositive() {
            return workStart == null || workEnd == null || workStart.isBefore(workEnd);
        }
    }

    /** A code as used in JSON and URLs, and the Chinese label shown to people. */
    public record Entry(@NotBlank String code, @NotBlank String label) {}
}
