-- Reads that stay fast at a million tickets (issue 13): each list a report or page shows is found by an
-- index range of its day or of a bounded set (open tickets, open tasks), never by reading every ticket.
-- Runs on H2 and PostgreSQL alike.

-- The daily digest's "due in the next working day": one range of a day on each deadline.
create index ticket_sign_deadline on ticket (sign_deadline);
create index ticket_reply_deadline on ticket (reply_deadline);

-- What was overdue at the end of a past day (ticket.TicketFacts.OPEN_OVERDUE_AT): overdue_since before
-- it and not closed by then. Every ticket ever overdue has overdue_since before a late day, so that range
-- alone is no bound. A closed ticket therefore keeps how long it stayed overdue (closed_at - overdue_since)
-- as a class: 0 under 1 day, k from 2^(k-1) up to 2^k days (k = 1..9), 10 for 512 days or more; null while
-- open or never overdue. A ticket of class k < 10 overdue at a moment became overdue less than 2^k days
-- before it, so each class is one range of overdue_since (interval stabbing), and the open ones (null)
-- are a range of their own: together about twice the tickets the answer holds.
alter table ticket add column overdue_span_class integer;
update ticket set overdue_span_class = case
        when closed_at < overdue_since + interval '1' day then 0
        when closed_at < overdue_since + interval '2' day then 1
        when closed_at < overdue_since + interval '4' day then 2
        when closed_at < overdue_since + interval '8' day then 3
        when closed_at < overdue_since + interval '16' day then 4
        when closed_at < overdue_since + interval '32' day then 5
        when closed_at < overdue_since + interval '64' day then 6
        when closed_at < overdue_since + interval '128' day then 7
        when closed_at < overdue_since + interval '256' day then 8
        when closed_at < overdue_since + interval '512' day then 9
        else 10
    end
where closed_at is not null and overdue_since is not null;
create index ticket_overdue_span on ticket (overdue_span_class, overdue_since);

-- ticket_facts (V9) gains overdue_span_class, last, so its other columns keep their meaning and place.
create or replace view ticket_facts as
select id, enterprise_credit_code, enterprise_name, town, category, title, status, lead_department,
       reported_at, assigned_at, signed_at, replied_at, closed_at, sign_deadline, reply_deadline,
       overdue, sign_overdue, reply_overdue, signed_on_time, replied_on_time,
       reopen_count, return_count, satisfaction, resolution, hours_to_close, overdue_since, overdue_span_class
from ticket;
