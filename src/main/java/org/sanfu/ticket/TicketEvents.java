package org.sanfu.ticket;

import java.util.List;
import org.sanfu.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only history of every ticket. */
@Repository
class TicketEvents {

    private final JdbcClient jdbc;

    TicketEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void append(long ticketId, TicketEvent e) {
        jdbc.sql("insert into ticket_event (ticket_id, at, actor, action, from_status, to_status, detail) "
                        + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(ticketId, Sql.ts(e.at()), e.actor(), e.action(),
                        e.fromStatus() == null ? null : e.fromStatus().name(),
                        e.toStatus() == null ? null : e.toStatus().name(), truncate(e.detail()))
                .update();
    }

    List<TicketEvent> history(long ticketId) {
        return jdbc.sql("select at, actor, action, from_status, to_status, detail from ticket_event "
                        + "where ticket_id = ? order by id")
                .param(ticketId)
                .query((rs, n) -> new TicketEvent(Sql.instant(rs, "at"), rs.getString("actor"), rs.getString("action"),
                        status(rs.getString("from_status")), status(rs.getString("to_status")), rs.getString("detail")))
                .list();
    }

    private static TicketStatus status(String s) {
        return s == null ? null : TicketStatus.valueOf(s);
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= 4000 ? detail : detail.substring(0, 3999) + "…";
    }
}
