package org.sanfu.visit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.sanfu.enterprise.OperatingStatus;
import org.sanfu.ticket.Source;
import org.sanfu.ticket.Urgency;

/** {@code POST /api/visits}: a visit (走访) and the problems heard there, one ticket each. */
public record VisitRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String enterpriseCreditCode,
        @Schema(format = "date-time") String visitedAt,
        Source source,
        OperatingStatus operatingStatus,
        @Schema(minimum = "0", maximum = "120") Integer orderBacklogMonths,
        String notes,
        List<Problem> problems) {

    // not "Problem": that name is the RFC 9457 error answer's in the OpenAPI document (web.ApiDocs)
    @Schema(name = "VisitProblem")
    public record Problem(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String category,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title,
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
