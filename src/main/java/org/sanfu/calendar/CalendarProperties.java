package org.sanfu.calendar;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sanfu.calendar.*}: the working day, its hours, and the file of public holidays and make-up
 * workdays.
 *
 * @param workStart when the working day starts
 * @param workEnd when the working day ends; a deadline of N working days ends then on the N-th day
 * @param holidaysFile public holidays and make-up workdays by year: ./config/ first, else the packaged copy
 * @param olderFileAccepted start even though the holiday file lacks a notice (of this year or later) that the
 *     calendar in effect has, and recount the running deadlines back on it: for going back on purpose (a
 *     notice entered by mistake), once. Without it such a start fails: a node of a cluster on an old file
 *     would otherwise move every running deadline back (ticket.DeadlineRecount).
 * @param followInterval how often a running node looks whether the calendar in effect is still the one it
 *     counts on, and follows it if another node's start changed it (CalendarInEffect); 0 never looks
 */
@ConfigurationProperties("sanfu.calendar")
@Validated
public record CalendarProperties(@NotNull LocalTime workStart, @NotNull LocalTime workEnd,
        @NotBlank String holidaysFile, @DefaultValue("false") boolean olderFileAccepted,
        @DefaultValue("1m") @NotNull Duration followInterval) {

    @AssertTrue(message = "work-start must be before work-end")
    public boolean isWorkDayPositive() {
        return workStart == null || workEnd == null || workStart.isBefore(workEnd);
    }

    @AssertTrue(message = "follow-interval must not be negative")
    public boolean isFollowIntervalValid() {
        return followInterval == null || !followInterval.isNegative();
    }
}
