package org.sanfu;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** The service's time in a unit test, moved by the test: a {@link Clock} handed to the class under test. */
public final class MovingClock extends Clock {

    private Instant now;

    public MovingClock(Instant now) {
        this.now = now;
    }

    public void pass(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return ZoneId.of("Asia/Shanghai");
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
