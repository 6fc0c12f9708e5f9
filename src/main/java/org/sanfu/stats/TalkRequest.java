package org.sanfu.stats;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /api/stats/talks} and the fields of the /talks form: a talk to record. */
public record TalkRequest(
        @Schema(requiredMode = REQUIRED, description = "the month of the ranking that called for the talk",
                example = "2021-03") String month,
        @Schema(requiredMode = REQUIRED) Talk.Subject subjectKind,
        @Schema(requiredMode = REQUIRED, description = "a handling department's code (DEPARTMENT), or a town's "
                + "name as the tickets give it (TOWN)", example = "TRANSPORT") String subject,
        @Schema(requiredMode = REQUIRED, format = "date", description = "the day the talk was held: in or after "
                + "the month, not after today") String heldOn,
        @Schema(requiredMode = REQUIRED, description = "what was said and agreed (谈话要点)") String note) {
}
