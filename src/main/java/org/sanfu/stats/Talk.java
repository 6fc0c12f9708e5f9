package org.sanfu.stats;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;

/**
 * 约谈: a leader's talk with a department named 蜗牛店小二, or a town shown a red card, in a month's ranking
 * (the seeds: 对排名后三位的“蜗牛店小二”和亮红牌的平台、镇（街道）进行约谈), as a leader recorded it.
 */
public record Talk(
        @Schema(description = "the ranking's month", example = "2021-03") String month,
        Subject subjectKind,
        @Schema(description = "a department's code, or a town's name") String subject,
        @Schema(description = "the department's name, or the town's") String label,
        LocalDate heldOn,
        String note,
        String recordedBy,
        Instant recordedAt) {

    /** Whom a talk was with: a department (蜗牛店小二) or a town (亮红牌). */
    public enum Subject { DEPARTMENT, TOWN }
}
