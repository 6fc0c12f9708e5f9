-- Issue 13, the daily digest on PostgreSQL: overdue_since's index alone (V9) served "overdue at the end of a
-- day" before the span classes (V12) and nothing reads by it now, but PostgreSQL still took it for the open
-- part of that query's ranges (ticket.TicketFacts.openOverdueAtIdsByReplyDeadline), parallel or not,
-- filtering every ticket ever overdue (147,000 rows, 140 to 180 ms at a million), where ticket_overdue_span
-- (V21) holds the 4,000 open ones (3 to 5 ms). H2 used ticket_overdue_span already.
drop index ticket_overdue_since;
