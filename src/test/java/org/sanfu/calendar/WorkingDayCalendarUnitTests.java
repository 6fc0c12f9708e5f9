package org.sanfu.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sanfu.SanfuProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Working-day arithmetic over the real holiday calendar in config/holidays.yml: notices 2020–2026, 2027 provisional. */
class WorkingDayCalendarUnitTests {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static Holidays holidays;
    static WorkingDayCalendar calendar;

    @BeforeAll
    static void readTheShippedCalendar() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("config/holidays.yml"))) {
            holidays = Holidays.read(in);
        }
        calendar = new WorkingDayCalendar(SHANGHAI, LocalTime.of(8, 30), LocalTime.of(17, 30), holidays);
    }

    private static Instant at(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    @ParameterizedTest(name = "{0} + {1} working days = {2}")
    @CsvSource({
            // an ordinary week: Friday plus one is Monday, at the end of the working day
            "2021-01-08T10:00:00+08:00, 1, 2021-01-11T17:30:00+08:00",
            "2021-01-04T10:00:00+08:00, 5, 2021-01-11T17:30:00+08:00",
            // a Saturday start counts from Monday
            "2021-01-09T15:30:00+08:00, 1, 2021-01-11T17:30:00+08:00",
            // National Day 2020 (Oct 1-8 off); Saturday Oct 10 is a make-up workday
            "2020-09-30T09:00:00+08:00, 1, 2020-10-09T17:30:00+08:00",
            "2020-09-30T09:00:00+08:00, 2, 2020-10-10T17:30:00+08:00",
            "2020-09-30T09:00:00+08:00, 3, 2020-10-12T17:30:00+08:00",
            // Sunday Sep 27 2020 is a make-up workday: Saturday plus one lands on it
            "2020-09-26T11:00:00+08:00, 1, 2020-09-27T17:30:00+08:00",
            // Spring Festival 2020, extended to Feb 2: the planned make-up Saturday Feb 1 is a day off
            "2020-01-23T16:00:00+08:00, 1, 2020-02-03T17:30:00+08:00",
            // Spring Festival 2024 (Feb 10-17 off, eve Feb 9 a working day, Sunday Feb 18 worked)
            "2024-02-08T10:00:00+08:00, 1, 2024-02-09T17:30:00+08:00",
            "2024-02-08T10:00:00+08:00, 2, 2024-02-18T17:30:00+08:00",
            "2024-02-08T10:00:00+08:00, 3, 2024-02-19T17:30:00+08:00",
            // New Year 2023 began on Dec 31 2022
            "2022-12-30T10:00:00+08:00, 1, 2023-01-03T17:30:00+08:00",
            // 2025's longer Spring Festival (Jan 28 - Feb 4) and National Day (Oct 1-8)
            "2025-01-27T10:00:00+08:00, 1, 2025-02-05T17:30:00+08:00",
            "2025-09-30T10:00:00+08:00, 1, 2025-10-09T17:30:00+08:00",
            // 2026: Saturday Feb 14 is worked before the nine-day Spring Festival
            "2026-02-13T10:00:00+08:00, 1, 2026-02-14T17:30:00+08:00",
            "2026-02-13T10:00:00+08:00, 2, 2026-02-24T17:30:00+08:00",
            // a start after midnight in Shanghai is the next day there, whatever UTC says
            "2021-01-08T07:00:00+08:00, 1, 2021-01-11T17:30:00+08:00"})
    void addsWorkingDaysAcrossWeekendsHolidaysAndMakeUpDays(String from, int days, String expected) {
        assertThat(calendar.plusWorkingDays(at(from), days)).isEqualTo(at(expected));
    }

    @Test
    void zeroDaysIsTheSameInstantAndNegativeIsRefused() {
        Instant now = at("2021-01-06T09:00:00+08:00");
        assertThat(calendar.plusWorkingDays(now, 0)).isEqualTo(now);
        assertThatThrownBy(() -> calendar.plusWorkingDays(now, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsOnlyWorkingHoursAcrossTheGoldenWeek() {
        // Sep 30 2021 17:00-17:30, then nothing until Friday Oct 8 08:30-09:30
        assertThat(calendar.workingTimeBetween(at("2021-09-30T17:00:00+08:00"), at("2021-10-08T09:30:00+08:00")))
                .isEqualTo(Duration.ofMinutes(90));
        // the make-up Sunday Sep 26 2021 counts a whole working day
        assertThat(calendar.workingTimeBetween(at("2021-09-25T00:00:00+08:00"), at("2021-09-27T00:00:00+08:00")))
                .isEqualTo(Duration.ofHours(9));
        assertThat(calendar.workingTimeBetween(at("2021-10-02T00:00:00+08:00"), at("2021-10-01T00:00:00+08:00")))
                .isZero();
    }

    @Test
    void countsOnlyWorkingHoursAcrossTheSpringFestival() {
        // Spring Festival 2023: Jan 21-27 off, Saturday Jan 28 and Sunday Jan 29 worked
        assertThat(calendar.workingTimeBetween(at("2023-01-20T08:30:00+08:00"), at("2023-01-30T08:30:00+08:00")))
                .isEqualTo(Duration.ofHours(27));
    }

    @Test
    void findsTheReminderPointsInWorkingTime() {
        Instant start = at("2021-01-04T08:30:00+08:00");
        Instant deadline = at("2021-01-08T17:30:00+08:00"); // 5 x 9 h
        assertThat(calendar.pointOf(start, deadline, 50)).isEqualTo(at("2021-01-06T13:00:00+08:00"));
        assertThat(calendar.pointOf(start, deadline, 75)).isEqualTo(at("2021-01-07T15:15:00+08:00"));
        // a start on a Saturday evening counts from Monday morning
        assertThat(calendar.plusWorkingTime(at("2021-01-09T20:00:00+08:00"), Duration.ofHours(1)))
                .isEqualTo(at("2021-01-11T09:30:00+08:00"));
        // over the golden week: Sep 30, Oct 8, Saturday Oct 9 (worked) and Oct 11 make 36 h
        Instant start2021 = at("2021-09-30T08:30:00+08:00");
        Instant deadline2021 = at("2021-10-11T17:30:00+08:00");
        assertThat(calendar.pointOf(start2021, deadline2021, 50)).isEqualTo(at("2021-10-08T17:30:00+08:00"));
        assertThat(calendar.pointOf(start2021, deadline2021, 60)).isEqualTo(at("2021-10-09T12:06:00+08:00"));
        // a deadline already passed has no working time left: its points are the deadline
        assertThat(calendar.pointOf(deadline, start, 50)).isEqualTo(start);
    }

    @Test
    void theShippedCalendarCoversEveryYearFrom2020To2026AndItsMakeUpDaysAreWeekends() throws IOException {
        for (int year = 2020; year <= 2026; year++) {
            assertThat(holidays.covers(year)).as("year %d", year).isTrue();
            assertThat(holidays.notices().get(year)).contains("国务院办公厅", "部分节假日安排的通知");
        }
        LocalDate day = LocalDate.of(2020, 1, 1);
        int makeUpDays = 0;
        for (; day.getYear() <= 2026; day = day.plusDays(1)) {
            if (holidays.isMakeUpWorkday(day)) {
                makeUpDays++;
                assertThat(day.getDayOfWeek()).as(day.toString()).isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
                assertThat(calendar.isWorkingDay(day)).isTrue();
            }
        }
        assertThat(makeUpDays).isEqualTo(46);
        assertThat(calendar.isWorkingDay(LocalDate.of(2024, 2, 9))).as("Spring Festival eve 2024").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2020, 2, 1))).as("cancelled by the 2020 extension").isFalse();
    }

    @Test
    void theShippedProvisional2027HasTheDaysTheLawGivesOffAndNoMakeUpWorkdays() {
        assertThat(holidays.covers(2027)).as("no notice for 2027 on file").isFalse();
        assertThat(holidays.isProvisional(2027)).isTrue();
        assertThat(holidays.isProvisional(2026)).isFalse();
        assertThat(holidays.provisional().get(2027)).contains("待国务院办公厅通知", "全国年节及纪念日放假办法");
        // the statutory days (New Year; eve to the third day; Qingming, Dragon Boat, Mid-Autumn; May 1-2; Oct 1-3)
        // and the weekdays after those that fall on a weekend
        List<LocalDate> off = Stream.of("01-01", "02-05", "02-08", "02-09", "02-10", "04-05", "05-03", "05-04",
                "06-09", "09-15", "10-01", "10-04", "10-05").map(d -> LocalDate.parse("2027-" + d)).toList();
        List<LocalDate> weekdaysOff = LocalDate.of(2027, 1, 1).datesUntil(LocalDate.of(2028, 1, 1))
                .filter(d -> d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY)
                .filter(d -> !calendar.isWorkingDay(d)).toList();
        assertThat(weekdaysOff).containsExactlyElementsOf(off);
        assertThat(LocalDate.of(2027, 1, 1).datesUntil(LocalDate.of(2028, 1, 1)).filter(holidays::isMakeUpWorkday))
                .isEmpty();
        // a deadline set on New Year's Eve 2026 skips New Year's Day and the weekend after it
        assertThat(calendar.plusWorkingDays(at("2026-12-31T10:00:00+08:00"), 1)).isEqualTo(at("2027-01-04T17:30:00+08:00"));
        assertThat(calendar.plusWorkingDays(at("2027-02-04T10:00:00+08:00"), 1)).isEqualTo(at("2027-02-11T17:30:00+08:00"));
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void startUpSaysWhichYearIsProvisionalAndWhichIsMissing(CapturedOutput output) {
        SanfuProperties sanfu = new SanfuProperties(SHANGHAI, LocalDate.of(2000, 1, 1), LocalDate.of(2999, 12, 31));
        CalendarProperties settings = new CalendarProperties(LocalTime.of(8, 30), LocalTime.of(17, 30),
                "config/holidays.yml", false, Duration.ofMinutes(1));
        new WorkingDayCalendar(sanfu, settings, Clock.fixed(at("2026-12-03T10:00:00+08:00"), SHANGHAI));
        assertThat(output.getOut()).contains("the public holidays on file for 2027 are provisional")
                .doesNotContain("no public holidays on file");
        new WorkingDayCalendar(sanfu, settings, Clock.fixed(at("2027-12-03T10:00:00+08:00"), SHANGHAI));
        assertThat(output.getOut()).contains("no public holidays on file for 2028: deadlines count weekends only");
    }

    @Test
    void aNoticeReplacesItsYearsProvisionalEntryWhereverItStands() throws IOException {
        String yaml = """
                - year: 2030
                  provisional: true
                  notice: 暂定
                  holidays:
                    - { name: 劳动节, from: 2030-05-01, to: 2030-05-02 }
                - year: 2030
                  notice: 通知
                  holidays:
                    - { name: 劳动节, from: 2030-05-01, to: 2030-05-01 }
                  workdays: [2030-05-02]
                - year: 2031
                  provisional: true
                  notice: 暂定 2031
                  holidays:
                    - { name: 元旦, from: 2031-01-01, to: 2031-01-01 }
                """;
        Holidays read = Holidays.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        assertThat(read.covers(2030)).isTrue();
        assertThat(read.isProvisional(2030)).isFalse();
        assertThat(read.notices()).containsOnlyKeys(2030);
        assertThat(read.provisional()).containsOnlyKeys(2031);
        assertThat(read.isMakeUpWorkday(LocalDate.of(2030, 5, 2))).as("the notice's, not the provisional day off").isTrue();
        assertThat(read.isDayOff(LocalDate.of(2030, 5, 2))).isFalse();
        assertThat(read.isDayOff(LocalDate.of(2031, 1, 1))).isTrue();
    }

    @Test
    void refusesAYearOnFileTwiceOrAProvisionalMarkThatIsNotABoolean() {
        String twice = """
                - year: 2030
                  notice: 通知一
                - year: 2030
                  notice: 通知二
                """;
        assertThatThrownBy(() -> Holidays.read(new ByteArrayInputStream(twice.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class).hasMessageContaining("2030 is on file twice");
        String marked = """
                - year: 2030
                  provisional: 是
                  notice: 暂定
                """;
        assertThatThrownBy(() -> Holidays.read(new ByteArrayInputStream(marked.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class).hasMessageContaining("'provisional' must be true or false");
    }

    @Test
    void refusesAFileThatMakesADayBothOffAndWorked() {
        String yaml = """
                - year: 2030
                  notice: test
                  holidays:
                    - { name: 测试, from: 2030-01-01, to: 2030-01-02 }
                  workdays: [2030-01-02]
                """;
        assertThatThrownBy(() -> Holidays.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class).hasMessageContaining("2030-01-02");
    }

    @Test
    void itsDescribedTextGivesBackACalendarThatCountsEveryDayAlike() {
        WorkingDayCalendar again = WorkingDayCalendar.ofDescribed(calendar.described());
        assertThat(again.described()).isEqualTo(calendar.described());
        assertThat(LocalDate.of(2020, 1, 1).datesUntil(LocalDate.of(2028, 1, 1)))
                .allSatisfy(day -> assertThat(again.isWorkingDay(day)).as(day.toString())
                        .isEqualTo(calendar.isWorkingDay(day)));
        assertThat(again.plusWorkingDays(at("2024-02-08T10:00:00+08:00"), 2)).isEqualTo(at("2024-02-18T17:30:00+08:00"));
        assertThat(again.zone()).isEqualTo(SHANGHAI);
        assertThat(again.workEnd()).isEqualTo(LocalTime.of(17, 30));
        assertThat(calendar.described()).startsWith("zone Asia/Shanghai\nhours 08:30-17:30\noff 2020-01-01 ")
                .contains("\nwork 2020-01-19 ");
        assertThat(WorkingDayCalendar.ofDescribed(new WorkingDayCalendar(SHANGHAI, LocalTime.of(9, 0), LocalTime.of(17, 0),
                Holidays.none()).described()).isWorkingDay(LocalDate.of(2027, 1, 1))).as("weekends only").isTrue();
    }

    @Test
    void followsACalendarThatCountsOtherwiseButNotOneWrittenOtherwiseNorOfAnotherZone() {
        WorkingDayCalendar node = new WorkingDayCalendar(SHANGHAI, LocalTime.of(8, 30), LocalTime.of(17, 30), holidays);
        LocalDate today = LocalDate.of(2026, 12, 4);
        // an earlier release recorded the same calendar without its notices line: it counts alike
        String earlier = node.described().replaceAll("notices [^\n]*\n", "");
        assertThat(earlier).isNotEqualTo(node.described());
        assertThat(node.follow(earlier, today)).isFalse();
        assertThat(node.countsOnFile()).isTrue();

        String longer = new WorkingDayCalendar(SHANGHAI, LocalTime.of(8, 30), LocalTime.of(18, 0), holidays).described();
        assertThat(node.follow(longer, today)).isTrue();
        assertThat(node.countsOnFile()).isFalse();
        assertThat(node.workEnd()).isEqualTo(LocalTime.of(18, 0));
        assertThat(node.noticesOnFile()).as("the file's, as it was").isEqualTo(calendar.noticesOnFile());
        assertThat(node.follow(longer, today)).isFalse();
        assertThat(node.follow(earlier, today)).as("back on the file").isTrue();
        assertThat(node.countsOnFile()).isTrue();

        String utc = new WorkingDayCalendar(ZoneId.of("UTC"), LocalTime.of(8, 30), LocalTime.of(17, 30), holidays).described();
        assertThatThrownBy(() -> node.follow(utc, today)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sanfu.zone");
        assertThat(node.countsOnFile()).isTrue();
    }

    @Test
    void findsTheFirstDayTwoCalendarsCountDifferentlyAndCountsWorkingDaysBetweenDays() throws IOException {
        // the notice for 2027 as it might come: New Year's Day alone off, a longer Spring Festival, a Sunday worked
        String notice = """
                - year: 2027
                  notice: 通知
                  holidays:
                    - { name: 元旦, from: 2027-01-01, to: 2027-01-03 }
                    - { name: 春节, from: 2027-02-05, to: 2027-02-13 }
                  workdays: [2027-02-14]
                """;
        WorkingDayCalendar withNotice = new WorkingDayCalendar(SHANGHAI, LocalTime.of(8, 30), LocalTime.of(17, 30),
                Holidays.read(new ByteArrayInputStream(notice.getBytes(StandardCharsets.UTF_8))));
        // New Year's Day is off in both; the provisional Spring Festival ends on the 10th (Wednesday)
        assertThat(calendar.firstDayCountedDifferently(withNotice, LocalDate.of(2026, 12, 1)))
                .isEqualTo(LocalDate.of(2027, 2, 11));
        assertThat(calendar.firstDayCountedDifferently(withNotice, LocalDate.of(2027, 2, 12)))
                .isEqualTo(LocalDate.of(2027, 2, 14));
        assertThat(calendar.firstDayCountedDifferently(withNotice, LocalDate.of(2027, 2, 14)))
                .as("Qingming is not in this notice").isEqualTo(LocalDate.of(2027, 4, 5));
        assertThat(calendar.firstDayCountedDifferently(calendar, LocalDate.of(2020, 1, 1))).isNull();
        WorkingDayCalendar longerDay = new WorkingDayCalendar(SHANGHAI, LocalTime.of(8, 30), LocalTime.of(18, 0), holidays);
        assertThat(calendar.firstDayCountedDifferently(longerDay, LocalDate.of(2026, 12, 1)))
                .as("other hours move every deadline").isEqualTo(LocalDate.of(2026, 12, 2));

        // after Friday 25 September 2020 to Monday 12 October: Sunday 27th, 28-30, the 9th, Saturday 10th, the 12th
        assertThat(calendar.workingDaysAfter(LocalDate.of(2020, 9, 25), LocalDate.of(2020, 10, 12))).isEqualTo(7);
        assertThat(calendar.workingDaysAfter(LocalDate.of(2020, 9, 25), LocalDate.of(2020, 9, 25))).isZero();
        assertThat(calendar.dayOf(at("2021-01-08T07:00:00+08:00"))).isEqualTo(LocalDate.of(2021, 1, 8));
    }
}
