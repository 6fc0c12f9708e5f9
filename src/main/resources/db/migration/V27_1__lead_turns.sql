-- A department's return rate (退单率) is the tickets it returned of the tickets assigned to it. The figures were
-- grouped by the ticket's present lead alone, so a ticket that COMMERCE returned and dispatch gave to FINANCE
-- counted as returned by FINANCE, and COMMERCE's rate improved by returning it.
--
-- lead_departments: every department that has held the ticket's lead (assigned to it by routing, dispatch or
-- a leader's ruling); returned_by: those of them that returned it. Department codes, sorted, joined by
-- commas; null for none. The columns come from V27__lead_turn_columns.sql (db/vendor/h2 or db/vendor/postgresql).
--
-- Stored, a null lead_departments means "the present lead alone, if the ticket was assigned": ticket_facts
-- reads it so. Tickets from before this release then need no write unless they were returned (a few in a
-- hundred): rewriting every ticket row took H2 over six minutes at a million tickets.
--
-- Tickets from before: the departments of the accounts that returned them (every return is a department
-- user's action, in the history), and the present lead. A lead that a leader's ruling took away without a
-- return is not in the history's codes and stays out: a ticket so ruled counts for its present lead alone.
-- Gathered in a table of (ticket, department) first: both databases then join the departments per ticket
-- the same way.
create table lead_turn_backfill (
    ticket_id  bigint      not null,
    department varchar(32) not null,
    primary key (ticket_id, department)
);
insert into lead_turn_backfill (ticket_id, department)
select distinct e.ticket_id, a.department from ticket_event e join account a on a.username = e.actor
where e.action = 'return' and a.department is not null;

update ticket set returned_by = (select string_agg(b.department, ',' order by b.department)
                                 from lead_turn_backfill b where b.ticket_id = ticket.id)
where id in (select ticket_id from lead_turn_backfill);

insert into lead_turn_backfill (ticket_id, department)
select t.id, t.lead_department from ticket t
where t.returned_by is not null and t.lead_department is not null and t.assigned_at is not null
  and not exists (select 1 from lead_turn_backfill b where b.ticket_id = t.id and b.department = t.lead_department);

update ticket set lead_departments = (select string_agg(b.department, ',' order by b.department)
                                      from lead_turn_backfill b where b.ticket_id = ticket.id)
where id in (select ticket_id from lead_turn_backfill);

drop table lead_turn_backfill;

-- ticket_facts gains both, last, so its other columns keep their meaning and place; a stored null
-- lead_departments reads as the present lead (Tickets.route reads it here too).
create or replace view ticket_facts as
select id, enterprise_credit_code, enterprise_name, town, category, title, status, lead_department,
       reported_at, assigned_at, signed_at, replied_at, closed_at, sign_deadline, reply_deadline,
       overdue, sign_overdue, reply_overdue, signed_on_time, replied_on_time,
       reopen_count, return_count, satisfaction, resolution, hours_to_close, overdue_since, overdue_span_class,
       source, coalesce(lead_departments, case when assigned_at is not null then lead_department end)
           as lead_departments, returned_by
from ticket;

-- The rollup's turns: in a row keyed by a department, the tickets of its period, category, town and source
-- whose lead that department held (turns), and of those, the ones it returned (turns_returned), whoever
-- leads them now. The rows' other counts stay those of the tickets the department leads now.
alter table figure_day add column turns bigint default 0 not null;
alter table figure_day add column turns_returned bigint default 0 not null;
alter table figure_month add column turns bigint default 0 not null;
alter table figure_month add column turns_returned bigint default 0 not null;
alter table figure_all_time add column turns bigint default 0 not null;
alter table figure_all_time add column turns_returned bigint default 0 not null;

-- The turns cannot be added to the rows without the tickets: the service rebuilds the rollup when it starts.
update figure_state set zone = null, built_at = null where id = 1;
