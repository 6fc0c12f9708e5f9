-- Issue 13: two indexes widened so that the daily digest's lookups read them alone, not a row per entry
-- (H2 takes a column from the index entry when the index holds it, and reads the row only for the others).
-- Same first columns, so every query that used the narrower index uses these as before.

-- What was open and overdue at the end of a day (ticket.TicketFacts.openOverdueAtIdsByReplyDeadline): its
-- ranges of overdue_since test reported_at and closed_at and sort by reply_deadline, for 7,000 entries at a
-- million tickets (45 ms on H2 reading their rows, 13 ms from the index).
drop index ticket_overdue_span;
create index ticket_overdue_span on ticket (overdue_span_class, overdue_since, reported_at, closed_at, reply_deadline);

-- An enterprise's status before a visit that saw it ABNORMAL (report.ReportQueries.turnedAbnormal): the
-- latest earlier visit that saw a status, which H2 finds by reading all of the enterprise's earlier visits
-- (120 on average, for each of a day's 70 such visits): their status from the index, not from their rows.
drop index visit_enterprise;
create index visit_enterprise on visit (enterprise_credit_code, visited_at, operating_status);
