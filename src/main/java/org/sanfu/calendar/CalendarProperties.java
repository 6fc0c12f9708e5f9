package org.sanfu.calendar;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sanfu.calendar.*}: the working day, its hours, and the file of public holidays and make-up
 * workdays.
 *
 * @param workStart when the working day starts
 * @param workEnd when the working day ends; a deadline of N working days ends then on the N-th day
 * @param holidaysFile public holidays and make-up workdays by year: ./config/ first, else the packaged copy
 */
@ConfigurationProperties("sanfu.calendar")
@Validated
public record CalendarProperties(@NotNull LocalTime workStart, @NotNull LocalTime workEnd,
        @NotBlank String holidaysFile) {

    @AssertTrue(message = "work-start must be before work-end")
    public boolean isWorkDayPositive() {
        return workStart == null || workEnd == null || workStart.isBefore(workEnd);
    }
}
