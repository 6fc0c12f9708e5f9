package org.sanfu.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WorkingDayCalendarUnitTests {

    private final WorkingDayCalendar calendar = new WorkingDayCalendar(ZoneId.of("Asia/Shanghai"));

    private static Instant at(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    @Test
    void skipsTheWeekend() {
        // 2021-01-08 is a Friday
        assertThat(calendar.plusWorkingDays(at("2021-01-08T10:00:00+08:00"), 1))
                .isEqualTo(at("2021-01-11T10:00:00+08:00"));
        assertThat(calendar.plusWorkingDays(at("2021-01-04T10:00:00+08:00"), 5))
                .isEqualTo(at("2021-01-11T10:00:00+08:00"));
    }

    @Test
    void countsFromTheNextWorkingDayWhenStartedOnAWeekend() {
        // Saturday 2021-01-09 plus one working day is Monday
        assertThat(calendar.plusWorkingDays(at("2021-01-09T15:30:00+08:00"), 1))
                .isEqualTo(at("2021-01-11T15:30:00+08:00"));
    }

    @Test
    void daysAreCountedInTheServiceZoneNotUtc() {
        // Friday 07:00 in Shanghai is still Thursday in UTC
        assertThat(calendar.plusWorkingDays(at("2021-01-08T07:00:00+08:00"), 1))
                .isEqualTo(at("2021-01-11T07:00:00+08:00"));
    }

    @Test
    void zeroDaysIsTheSameInstantAndNegativeIsRefused() {
        Instant now = at("2021-01-06T09:00:00+08:00");
        assertThat(calendar.plusWorkingDays(now, 0)).isEqualTo(now);
        assertThatThrownBy(() -> calendar.plusWorkingDays(now, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
