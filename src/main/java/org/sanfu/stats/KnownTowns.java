package org.sanfu.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The towns (镇（街道）/ 平台) the tickets name, offered as suggestions wherever a page filters by town
 * ({@code ${@towns.all()}}): a town filter matches the text exactly, and 海门 is not 海门街道. Read
 * again at most once a minute: a new town appears with the first ticket of one of its enterprises.
 */
@Component("towns")
public class KnownTowns {

    static final Duration FRESH_FOR = Duration.ofMinutes(1);

    private record Known(List<String> towns, Instant readAt) {}

    private final FigureRollup figures;
    private final Clock clock;
    private volatile Known known;

    KnownTowns(FigureRollup figures, Clock clock) {
        this.figures = figures;
        this.clock = clock;
    }

    /** The towns, those with the most tickets first. */
    public List<String> all() {
        Known current = known;
        Instant now = clock.instant();
        if (current == null || now.isAfter(current.readAt().plus(FRESH_FOR)) || now.isBefore(current.readAt())) {
            current = new Known(List.copyOf(figures.towns()), now);
            known = current;
        }
        return current.towns();
    }
}
