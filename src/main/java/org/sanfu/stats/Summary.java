package org.sanfu.stats;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/** {@code GET /api/stats/summary}: the figures, and the same by category, lead department, town and source. */
public record Summary(@JsonUnwrapped Figures figures, List<Breakdown> byCategory, List<Breakdown> byDepartment,
        List<Breakdown> byTown, List<Breakdown> bySource) {
}
