package org.sanfu.visit;

import java.util.List;
import org.sanfu.enterprise.OperatingStatus;
import org.sanfu.ticket.Source;
import org.sanfu.ticket.Urgency;

/** {@code POST /api/visits}: a visit (走访) and the problems heard there, one ticket each. */
public record VisitRequest(
        String enterpriseCreditCode,
        String visitedAt,
        Source source,
        OperatingStatus operatingStatus,
        Integer orderBacklogMonths,
        String notes,
        List<Problem> problems) {

    public record Problem(
            String category,
            String title,
            String description,
            Urgency urgency,
            Boolean resolvedOnSite,
            String onSiteResolution) {

        boolean onSite() {
            return Boolean.TRUE.equals(resolvedOnSite);
        }
    }

    List<Problem> problemList() {
        return problems == null ? List.of() : problems;
    }
}
