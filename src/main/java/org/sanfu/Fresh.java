package org.sanfu;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A value read from the database at most once per {@code freshFor}, for what a page asks many times and
 * may be that old (the known towns, the people's names); read again at once after {@link #forget()}, or
 * when the clock went back (tests move it).
 */
public final class Fresh<T> {

    private record Read<T>(T value, Instant at) {}

    private final Supplier<T> read;
    private final Duration freshFor;
    private final Clock clock;
    private volatile Read<T> last;

    public Fresh(Supplier<T> read, Duration freshFor, Clock clock) {
        this.read = read;
        this.freshFor = freshFor;
        this.clock = clock;
    }

    public T get() {
        Read<T> known = last;
        Instant now = clock.instant();
        if (known == null || now.isAfter(known.at().plus(freshFor)) || now.isBefore(known.at())) {
            known = new Read<>(read.get(), now);
            last = known;
        }
        return known.value();
    }

    /** The next {@link #get()} reads again. */
    public void forget() {
        last = null;
    }
}
