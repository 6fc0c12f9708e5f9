package org.sanfu.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sanfu.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only history of every ticket. */
@Repository
class TicketEvents {

    private final JdbcClient jdbc;
    private final TicketChanges changes;

    TicketEvents(JdbcClient jdbc, TicketChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    /** One event more: a change of the ticket's history, which moves its updatedAt as any change it shows. */
    void append(long ticketId, TicketEvent e) {
        changes.changing(ticketId);
        jdbc.sql("insert into ticket_event (ticket_id, at, actor, action, from_status, to_status, detail) "
                        + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(ticketId, Sql.ts(e.at()), e.actor(), e.action(),
                        e.fromStatus() == null ? null : e.fromStatus().name(),
                        e.toStatus() == null ? null : e.toStatus().name(), truncate(e.detail()))
                .update();
    }

    /** Who did the first event of this action on the ticket, if any did. */
    Optional<String> firstActor(long ticketId, String action) {
        return jdbc.sql("select actor from ticket_event where ticket_id = ? and action = ? order by id "
                        + "fetch first 1 rows only")
                .params(ticketId, action).query(String.class).optional();
    }

    /** Whether the ticket has an event of this action at or after {@code since}. */
    boolean anySince(long ticketId, String action, Instant since) {
        return jdbc.sql("select count(*) from ticket_event where ticket_id = ? and action = ? and at >= ?")
                .params(ticketId, action, Sql.ts(since)).query(Long.class).single() > 0;
    }

    List<TicketEvent> history(long ticketId) {
        return jdbc.sql("select at, actor, action, from_status, to_status, detail from ticket_event "
                        + "where ticket_id = ? order by id")
                .param(ticketId)
                .query((rs, n) -> event(rs))
                .list();
    }

    /**
     * For each of these tickets that has an event of this action, its events from the latest such one on, oldest
     * first, in one read for a page of cards (ticket_event_ticket serves both the events and their latest).
     */
    Map<Long, List<TicketEvent>> fromLatest(Collection<Long> ticketIds, String action) {
        Map<Long, List<TicketEvent>> events = new LinkedHashMap<>();
        if (ticketIds.isEmpty()) {
            return events;
        }
        List<Object> params = new ArrayList<>(ticketIds);
        params.add(action);
        jdbc.sql("select e.ticket_id, e.at, e.actor, e.action, e.from_status, e.to_status, e.detail from ticket_event e "
                        + "where e.ticket_id in (" + Sql.placeholders(ticketIds) + ") "
                        + "and e.id >= (select max(l.id) from ticket_event l "
                        + "where l.ticket_id = e.ticket_id and l.action = ?) order by e.ticket_id, e.id")
                .params(params)
                .query(rs -> {
                    events.computeIfAbsent(rs.getLong("ticket_id"), id -> new ArrayList<>()).add(event(rs));
                });
        return events;
    }

    private static TicketEvent event(ResultSet rs) throws SQLException {
        return new TicketEvent(Sql.instant(rs, "at"), rs.getString("actor"), rs.getString("action"),
                status(rs.getString("from_status")), status(rs.getString("to_status")), rs.getString("detail"));
    }

    private static TicketStatus status(String s) {
        return s == null ? null : TicketStatus.valueOf(s);
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= 4000 ? detail : detail.substring(0, 3999) + "…";
    }
}
