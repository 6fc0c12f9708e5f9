package org.sanfu.ticket.search;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sanfu.search.*}: where this node keeps the ticket list's index, and how it follows the others.
 *
 * @param directory the index's directory on this node's disk (beside the H2 file by default); each node
 *        of a cluster needs its own
 * @param tailInterval how often the node reads the tickets other nodes changed (their lists lag by that)
 * @param changeRetention how long the log of changes is kept; a node stopped for longer rebuilds its
 *        index when it starts
 */
@ConfigurationProperties("sanfu.search")
@Validated
public record SearchProperties(@NotNull Path directory,
        @NotNull @DurationMin(millis = 100) Duration tailInterval,
        @NotNull @DurationMin(minutes = 10) Duration changeRetention) {
}
