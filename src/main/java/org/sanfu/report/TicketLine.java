package org.sanfu.report;

import java.time.Instant;
import java.util.List;

/**
 * A ticket as the reports list it. {@code missed}: the deadlines it has missed as it stands now, "sign" and
 * "reply" (the dashboard's 超期环节, the ticket page's 签收超期 and 答复超期), empty when none: an overdue ticket
 * whose reply deadline is still ahead was late to be signed, and its line must say so.
 */
public record TicketLine(String id, String enterpriseCreditCode, String enterpriseName, String town, String category,
        String categoryLabel, String title, String status, String leadDepartment, String leadDepartmentLabel,
        Instant reportedAt, Instant signDeadline, Instant replyDeadline, Instant closedAt, String resolution,
        String satisfaction, List<String> missed) {

    /** The deadlines missed, from the ticket's two overdue marks. */
    static List<String> missed(boolean signOverdue, boolean replyOverdue) {
        return signOverdue && replyOverdue ? List.of("sign", "reply")
                : signOverdue ? List.of("sign") : replyOverdue ? List.of("reply") : List.of();
    }
}
