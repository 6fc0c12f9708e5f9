-- A ticket given to a department afresh (a return upheld, a leader's ruling) starts a new sign clock and
-- waits for that department's sign (Tickets.route). Before, the sign of the department that had signed and
-- then returned it stayed: the ticket read as signed while the new lead had not signed, its lateness was
-- charged to the new lead, and the new lead's missed sign deadline was not counted (超期未签收 counts the
-- unsigned). A sign from before the present sign clock started is such a sign; its event stays in the history.

-- The figures are rebuilt from the tickets at the next start when any ticket changes here.
update figure_state set zone = null, built_at = null
where id = 1 and exists (select 1 from ticket where signed_at < sign_clock_start);

update ticket set signed_at = null, signed_on_time = null where signed_at < sign_clock_start;
