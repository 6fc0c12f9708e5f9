package org.sanfu.stats;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.sanfu.Fresh;
import org.springframework.stereotype.Component;

/**
 * The towns (镇（街道）/ 平台) the tickets name, offered as suggestions wherever a page filters by town
 * ({@code ${@towns.all()}}): a town filter matches the text exactly, and 海门 is not 海门街道. Read
 * again at most once a minute: a new town appears with the first ticket of one of its enterprises.
 */
@Component("towns")
public class KnownTowns {

    static final Duration FRESH_FOR = Duration.ofMinutes(1);

    private final Fresh<List<String>> towns;

    KnownTowns(FigureRollup figures, Clock clock) {
        this.towns = new Fresh<>(() -> List.copyOf(figures.towns()), FRESH_FOR, clock);
    }

    /** The towns, those with the most tickets first. */
    public List<String> all() {
        return towns.get();
    }
}
