-- When a ticket became overdue (超期): the first deadline it missed, kept like the "overdue" flag it
-- dates; null while it has missed none. The daily digest of a past date counts what was overdue at
-- the end of that date (overdue_since before it, not closed by then), not what is overdue now.
alter table ticket add column overdue_since timestamp with time zone;
-- Tickets marked before this column: a late sign missed the sign deadline first; otherwise the
-- deadline sweep's first "overdue" event (within a minute of the deadline), else the reply deadline
-- a late reply missed.
update ticket set overdue_since = case
        when signed_on_time = false then sign_deadline
        else coalesce((select min(e.at) from ticket_event e where e.ticket_id = ticket.id and e.action = 'overdue'),
                      reply_deadline, sign_deadline, updated_at)
    end
where overdue;
create index ticket_overdue_since on ticket (overdue_since);

-- ticket_facts (V5) gains overdue_since, last, so its other columns keep their meaning and place.
create or replace view ticket_facts as
select id, enterprise_credit_code, enterprise_name, town, category, title, status, lead_department,
       reported_at, assigned_at, signed_at, replied_at, closed_at, sign_deadline, reply_deadline,
       overdue, sign_overdue, reply_overdue, signed_on_time, replied_on_time,
       reopen_count, return_count, satisfaction, resolution, hours_to_close, overdue_since
from ticket;
