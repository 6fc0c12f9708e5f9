package org.sanfu.systemic;

import java.util.List;
import java.util.OptionalLong;
import org.sanfu.Ids;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The systemic problems a ticket belongs to, for the ticket's page ({@code @systemicLinks.of(t.id)} in
 * templates/tickets/ticket.html: the ticket module names no systemic problem): those it is a member of
 * and not dismissed, and the one whose case it is.
 */
@Component("systemicLinks")
public class SystemicLinks {

    /** A systemic problem as the ticket page names it; {@code theCase} when this ticket is its case. */
    public record Link(String id, String title, SystemicStatus status, String caseTicketId, boolean theCase) {
    }

    private final JdbcClient jdbc;

    SystemicLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<Link> of(String ticketId) {
        OptionalLong parsed = Ids.parse(ticketId);
        if (parsed.isEmpty()) {
            return List.of();
        }
        long id = parsed.getAsLong();
        return jdbc.sql("""
                select p.id, p.title, p.status, p.case_ticket_id from systemic_problem p
                where p.case_ticket_id = ?
                   or (p.status <> 'DISMISSED' and p.id in (select m.problem_id from systemic_problem_member m
                                                            where m.ticket_id = ?))
                order by p.id
                """).params(id, id).query((rs, n) -> {
                    long caseId = rs.getLong("case_ticket_id");
                    boolean hasCase = !rs.wasNull();
                    return new Link(String.valueOf(rs.getLong("id")), rs.getString("title"),
                            SystemicStatus.valueOf(rs.getString("status")), hasCase ? String.valueOf(caseId) : null,
                            hasCase && caseId == id);
                }).list();
    }
}
