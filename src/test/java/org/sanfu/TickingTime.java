package org.sanfu;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.joda.time.DateTimeUtils;

/**
 * The service's time moving a step on every read of it: the injected Clock reads Camunda's {@link ClockUtil}, which
 * reads Joda's current millis. Two places that each read the clock for one change then say different moments, as
 * they did up to seconds apart in production. {@link ClockUtil#reset} stops it.
 */
public final class TickingTime {

    private TickingTime() {
    }

    /** From {@code start}, {@code step} later at each read. */
    public static void start(Instant start, Duration step) {
        AtomicLong millis = new AtomicLong(start.toEpochMilli());
        long by = step.toMillis();
        DateTimeUtils.setCurrentMillisProvider(() -> millis.getAndAdd(by));
    }
}
