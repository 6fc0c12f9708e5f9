-- 按时签收率 charged to each lead for its own sign. A new sign clock (a return upheld, a leader's ruling) clears
-- the ticket's sign for the new lead (V29); before, the sign of the lead whose turn ended went with it, so a
-- department that signed late, or let its sign deadline pass, and then returned the ticket lost that lateness
-- from its figures. The turn's outcome now stays in ticket.sign_turns (added by db/vendor/*/V31), written by
-- Tickets.route: DEPARTMENT:ON_TIME, :LATE or :UNSIGNED_OVERDUE, comma-separated in the order the turns ended;
-- a turn that ended unsigned before its deadline owed no sign and is not listed. Turns that ended before this
-- version are not known: their column stays null, and the figures need no rebuild.

-- ticket_facts gains it, last, so its other columns keep their meaning and place.
create or replace view ticket_facts as
select id, enterprise_credit_code, enterprise_name, town, category, title, status, lead_department,
       reported_at, assigned_at, signed_at, replied_at, closed_at, sign_deadline, reply_deadline,
       overdue, sign_overdue, reply_overdue, signed_on_time, replied_on_time,
       reopen_count, return_count, satisfaction, resolution, hours_to_close, overdue_since, overdue_span_class,
       source, coalesce(lead_departments, case when assigned_at is not null then lead_department end)
           as lead_departments, returned_by, sign_turns
from ticket;

-- The rollup's rows keyed by a department count the signs of its ended turns too (turn_signed, of which
-- turn_signed_on_time, and turn_unsigned_overdue, added by db/vendor/*/V31); its other sign counts stay those
-- of the tickets it leads now. All zero until a turn ends.
