package org.sanfu.feedback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sanfu.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The links issued (table feedback_link), found by their token's hash. */
@Repository
class FeedbackLinks {

    /**
     * A link: the ticket and the reply it is for, who gave it out and when, until when it lives, and whether it was
     * spent or voided (and whether by staff recording the feedback themselves).
     */
    record Link(long id, long ticketId, Instant repliedAt, String issuedBy, Instant issuedAt, Instant expiresAt,
            Instant usedAt, Instant voidedAt, boolean voidedByFeedback) {

        boolean liveAt(Instant now) {
            return usedAt == null && voidedAt == null && now.isBefore(expiresAt);
        }
    }

    private final JdbcClient jdbc;

    FeedbackLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Voids every link of the ticket that was neither spent nor voided, {@code byFeedback} when staff recorded
     * the feedback themselves (else a newer link voids them): the latest of them that had not expired yet (the
     * one an enterprise could still have used), if any. One update when the ticket has none, as most tickets
     * whose feedback staff record.
     */
    Optional<Issue> voidUnspent(long ticketId, Instant now, boolean byFeedback) {
        int voided = jdbc.sql("""
                update feedback_link set voided_at = ?, voided_by_feedback = ?
                where ticket_id = ? and used_at is null and voided_at is null
                """).params(Sql.ts(now), byFeedback, ticketId).update();
        if (voided == 0) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select issued_by, issued_at from feedback_link
                where ticket_id = ? and voided_at = ? and voided_by_feedback = ? and expires_at > ?
                order by issued_at desc, id desc limit 1
                """).params(ticketId, Sql.ts(now), byFeedback, Sql.ts(now))
                .query((rs, n) -> new Issue(rs.getString(1), Sql.instant(rs, "issued_at"))).optional();
    }

    /** Who issued the ticket's live link (neither spent, voided nor expired), and when. */
    record Issue(String by, Instant at) {}

    /** The ticket's latest live link, if any: {@link #live(Collection, Instant)}'s rule for one ticket. */
    Optional<Issue> live(long ticketId, Instant now) {
        return Optional.ofNullable(live(List.of(ticketId), now).get(ticketId));
    }

    /** The latest live link of each of these tickets (a page's cards), by ticket; none for those without. */
    Map<Long, Issue> live(Collection<Long> ticketIds, Instant now) {
        if (ticketIds.isEmpty()) {
            return Map.of();
        }
        List<Object> args = new ArrayList<>(ticketIds);
        args.add(Sql.ts(now));
        Map<Long, Issue> live = new HashMap<>();
        jdbc.sql("select ticket_id, issued_by, issued_at from feedback_link where ticket_id in ("
                        + Sql.placeholders(ticketIds)
                        + ") and used_at is null and voided_at is null and expires_at > ? order by issued_at desc")
                .params(args)
                .query((rs, n) -> Map.entry(rs.getLong(1), new Issue(rs.getString(2), Sql.instant(rs, "issued_at"))))
                .list().forEach(e -> live.putIfAbsent(e.getKey(), e.getValue()));
        return live;
    }

    void insert(long ticketId, String tokenHash, Instant repliedAt, String issuedBy, Instant now, Instant expiresAt) {
        jdbc.sql("""
                insert into feedback_link (ticket_id, token_hash, replied_at, issued_by, issued_at, expires_at)
                values (?, ?, ?, ?, ?, ?)
                """)
                .params(ticketId, tokenHash, Sql.ts(repliedAt), issuedBy, Sql.ts(now), Sql.ts(expiresAt)).update();
    }

    /** The ticket's live link now expires with its feedback window, which ends at {@code due}. */
    void expireWith(long ticketId, Instant due) {
        jdbc.sql("update feedback_link set expires_at = ? where ticket_id = ? and used_at is null and voided_at is null")
                .params(Sql.ts(due), ticketId).update();
    }

    Optional<Link> find(String tokenHash) {
        return jdbc.sql("select * from feedback_link where token_hash = ?").param(tokenHash)
                .query((rs, n) -> new Link(rs.getLong("id"), rs.getLong("ticket_id"), Sql.instant(rs, "replied_at"),
                        rs.getString("issued_by"), Sql.instant(rs, "issued_at"), Sql.instant(rs, "expires_at"),
                        Sql.instant(rs, "used_at"), Sql.instant(rs, "voided_at"), rs.getBoolean("voided_by_feedback")))
                .optional();
    }

    /** Spends the link if it is still live: false when another request spent or voided it first. */
    boolean spend(long id, Instant now) {
        return jdbc.sql("""
                update feedback_link set used_at = ?
                where id = ? and used_at is null and voided_at is null and expires_at > ?
                """).params(Sql.ts(now), id, Sql.ts(now)).update() == 1;
    }
}
