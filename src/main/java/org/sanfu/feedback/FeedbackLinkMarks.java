package org.sanfu.feedback;

import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;
import org.sanfu.Ids;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the ticket page's 生成回访链接 form says of the ticket's live link when the page is drawn (its
 * {@code replaces} input): the link it would replace. Issuing from that form checks that no other link was
 * issued since ({@link FeedbackLinkService#issue(String, org.sanfu.security.Caller, boolean, String)}).
 */
@Component
public class FeedbackLinkMarks {

    static final String NONE = "none";

    private final FeedbackLinks links;
    private final Clock clock;

    FeedbackLinkMarks(FeedbackLinks links, Clock clock) {
        this.links = links;
        this.clock = clock;
    }

    /** The live link's mark, or {@value #NONE} when the ticket has none (or no such ticket). */
    @Transactional(readOnly = true)
    public String of(String ticketId) {
        OptionalLong id = Ids.parse(ticketId);
        if (id.isEmpty()) {
            return NONE;
        }
        return links.live(id.getAsLong(), clock.instant()).map(live -> mark(live.at())).orElse(NONE);
    }

    static String mark(Instant issuedAt) {
        return Long.toString(issuedAt.toEpochMilli());
    }
}
