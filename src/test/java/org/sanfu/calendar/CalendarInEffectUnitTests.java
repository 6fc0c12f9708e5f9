package org.sanfu.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The node's own thread that follows the calendar on record: it looks once the service is ready, again every
 * follow-interval, goes on after a failed look, never looks with an interval of 0, and stops with the service.
 */
class CalendarInEffectUnitTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Clock DEC_4 = Clock.fixed(Instant.parse("2026-12-04T02:00:00Z"), SHANGHAI);

    private final AtomicReference<String> recorded = new AtomicReference<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger looks = new AtomicInteger();
    private final CalendarOnRecord onRecord = new CalendarOnRecord(null) {
        @Override
        public Optional<String> recorded() {
            looks.incrementAndGet();
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("the database is away");
            }
            return Optional.ofNullable(recorded.get());
        }
    };
    private Holidays holidays;
    private WorkingDayCalendar node;
    private String onFile;
    private String longerDay;
    private CalendarInEffect following;

    @BeforeEach
    void aNodeOnTheShippedFile() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("config/holidays.yml"))) {
            holidays = Holidays.read(in);
        }
        node = new WorkingDayCalendar(SHANGHAI, LocalTime.of(8, 30), LocalTime.of(17, 30), holidays);
        onFile = node.described();
        longerDay = new WorkingDayCalendar(SHANGHAI, LocalTime.of(8, 30), LocalTime.of(18, 0), holidays).described();
        recorded.set(onFile);
    }

    @AfterEach
    void stopTheThread() {
        if (following != null) {
            following.stop();
        }
    }

    private CalendarInEffect followingEvery(Duration interval) {
        following = new CalendarInEffect(onRecord, node, new CalendarProperties(LocalTime.of(8, 30),
                LocalTime.of(17, 30), "config/holidays.yml", false, interval), DEC_4);
        return following;
    }

    private static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    @Test
    void looksEveryIntervalOnceReadyAndStopsWithTheService() throws InterruptedException {
        CalendarInEffect following = followingEvery(Duration.ofMillis(20));
        recorded.set(longerDay);
        Thread.sleep(100);
        assertThat(looks).as("nothing before the service is ready").hasValue(0);
        assertThat(node.countsOnFile()).isTrue();

        following.start();
        assertThat(within(Duration.ofSeconds(10), () -> !node.countsOnFile())).as("follows another node's start").isTrue();
        assertThat(node.workEnd()).isEqualTo(LocalTime.of(18, 0));
        recorded.set(onFile);
        assertThat(within(Duration.ofSeconds(10), node::countsOnFile)).as("back on its file").isTrue();

        following.stop();
        Thread.sleep(50);
        int looked = looks.get();
        recorded.set(longerDay);
        Thread.sleep(200);
        assertThat(looks).as("no look after the service stopped").hasValue(looked);
        assertThat(node.countsOnFile()).isTrue();
    }

    @Test
    void aFailedLookIsTriedAgainAtTheNextInterval() throws InterruptedException {
        failuresLeft.set(3);
        recorded.set(longerDay);
        followingEvery(Duration.ofMillis(20)).start();
        assertThat(within(Duration.ofSeconds(10), () -> !node.countsOnFile())).isTrue();
        assertThat(looks.get()).as("three failed looks, then the one that followed").isGreaterThanOrEqualTo(4);
    }

    @Test
    void anIntervalOfZeroNeverLooks() throws InterruptedException {
        followingEvery(Duration.ZERO).start();
        recorded.set(longerDay);
        Thread.sleep(300);
        assertThat(looks).hasValue(0);
        assertThat(node.countsOnFile()).isTrue();
    }
}
