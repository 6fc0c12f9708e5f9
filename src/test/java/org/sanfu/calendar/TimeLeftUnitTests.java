package org.sanfu.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The time left as the pages say it, on the shipped calendar (working hours 08:30–17:30). */
class TimeLeftUnitTests {

    private static TimeLeft at(String now) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("config/holidays.yml"))) {
            WorkingDayCalendar calendar = new WorkingDayCalendar(ZoneId.of("Asia/Shanghai"), LocalTime.of(8, 30),
                    LocalTime.of(17, 30), Holidays.read(in));
            return new TimeLeft(calendar, Clock.fixed(OffsetDateTime.parse(now).toInstant(), ZoneId.of("UTC")));
        }
    }

    @ParameterizedTest(name = "at {0}, due {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            // Wednesday 2 December 2026, mid-morning
            "2026-12-02T10:00:00+08:00 | 2026-12-04T10:00:00+08:00 | 剩 2 个工作日 | false",
            "2026-12-02T10:00:00+08:00 | 2026-12-01T10:00:00+08:00 | 已超期 1 个工作日 | true",
            // passed at 17:30, seen at 05:00 the next morning: no working time since
            "2026-12-03T05:00:00+08:00 | 2026-12-02T17:30:00+08:00 | 已超期 | true",
            // due at 08:30, seen at 05:00 that morning: no working time before it
            "2026-12-03T05:00:00+08:00 | 2026-12-03T08:30:00+08:00 | 剩不足 0.1 个工作日 | false",
            // half a working day: the tenth stays
            "2026-12-02T08:30:00+08:00 | 2026-12-02T13:00:00+08:00 | 剩 0.5 个工作日 | false"})
    void saysTheWorkingDaysLeftOrPassedNeverZeroAndWholeDaysWithoutPointZero(String now, String deadline, String text, boolean passed)
            throws IOException {
        TimeLeft.Left left = at(now).of(Instant.from(OffsetDateTime.parse(deadline)));
        assertThat(left.text()).isEqualTo(text);
        assertThat(left.passed()).isEqualTo(passed);
    }

    @ParameterizedTest(name = "since {1}, at {0}: {2}")
    @CsvSource(delimiter = '|', value = {
            // Wednesday to Friday, mid-morning
            "2026-12-04T10:00:00+08:00 | 2026-12-02T10:00:00+08:00 | 已等待 2 个工作日",
            "2026-12-02T13:00:00+08:00 | 2026-12-02T08:30:00+08:00 | 已等待 0.5 个工作日",
            // on a Saturday, since the same morning: no working time yet
            "2026-12-05T12:00:00+08:00 | 2026-12-05T09:00:00+08:00 | 已等待不足 0.1 个工作日"})
    void saysTheWorkingDaysWaitedInTheSameWords(String now, String since, String text) throws IOException {
        assertThat(at(now).waited(Instant.from(OffsetDateTime.parse(since)))).isEqualTo(text);
    }
}
