-- The published read side: what other modules (stats, report) may read of the ticket, visit and
-- enterprise modules' tables. Each view belongs to the module that owns its table and is named in
-- its Java API (ticket.TicketFacts, visit.VisitFacts, enterprise.EnterpriseFacts); its columns are
-- the contract. The owner may change its tables freely as long as a view keeps its columns and their
-- meaning; a change of a column is a new migration that recreates the view and tells its readers.
-- Plain projections, so H2 and PostgreSQL both read through them on the tables' own indexes.

-- One row per ticket, as the leaders' figures and reports need it (columns as in the ticket table):
-- id, enterprise_credit_code, enterprise_name, town, category, title, status, lead_department;
-- reported_at, assigned_at, signed_at, replied_at, closed_at, sign_deadline, reply_deadline;
-- overdue (any deadline ever missed), sign_overdue / reply_overdue (the current clock is past),
-- signed_on_time / replied_on_time (the latest sign / reply met its deadline; null before it),
-- reopen_count, return_count, satisfaction, resolution, hours_to_close (report to close).
create view ticket_facts as
select id, enterprise_credit_code, enterprise_name, town, category, title, status, lead_department,
       reported_at, assigned_at, signed_at, replied_at, closed_at, sign_deadline, reply_deadline,
       overdue, sign_overdue, reply_overdue, signed_on_time, replied_on_time,
       reopen_count, return_count, satisfaction, resolution, hours_to_close
from ticket;

-- One row per visit: id, enterprise_credit_code, visited_at, operating_status (null when not seen).
create view visit_facts as
select id, enterprise_credit_code, visited_at, operating_status
from visit;

-- One row per enterprise: credit_code, name, town.
create view enterprise_facts as
select credit_code, name, town
from enterprise;
