package org.sanfu.feedback;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        return markOf(live(ticketId).orElse(null));
    }

    /** The mark of a live link read already ({@link #live}), or {@value #NONE} for none: the page reads it once. */
    public String markOf(Live live) {
        return live == null ? NONE : mark(live.at());
    }

    /** Who gave out the ticket's live link and when. */
    public record Live(String by, Instant at) {}

    /**
     * The ticket's live link, if any: the page says so beside 生成回访链接, for a new one voids the link the
     * enterprise may already hold (the page shows a link only once, so nothing else tells a colleague).
     */
    @Transactional(readOnly = true)
    public Optional<Live> live(String ticketId) {
        OptionalLong id = Ids.parse(ticketId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return links.live(id.getAsLong(), clock.instant()).map(issue -> new Live(issue.by(), issue.at()));
    }

    /**
     * The live links of these tickets, by ticket id (those without one left out): /work's 已答复待回访 cards say
     * that the enterprise has been sent a link and not rated yet, or the card reads as if nobody had asked it.
     */
    @Transactional(readOnly = true)
    public Map<String, Live> live(Collection<String> ticketIds) {
        List<Long> ids = ticketIds.stream().map(Ids::parse).filter(OptionalLong::isPresent)
                .map(OptionalLong::getAsLong).toList();
        Map<String, Live> live = new HashMap<>();
        links.live(ids, clock.instant()).forEach((id, issue) -> live.put(id.toString(), new Live(issue.by(), issue.at())));
        return live;
    }

    static String mark(Instant issuedAt) {
        return Long.toString(issuedAt.toEpochMilli());
    }
}
