-- A ticket closed with no reply (a leader's ruling struck it off, 督办裁定销号) counts as closed on time when it closed
-- no later than its reply deadline (stats.FigureRollup.closedOnTime); until now only a reply on time did, so a ruling
-- before the department had to answer counted against the department as a late close.

-- The figures are rebuilt from the tickets at the next start when a ticket is such a one.
update figure_state set zone = null, built_at = null
where id = 1 and exists (select 1 from ticket where status = 'CLOSED' and replied_at is null);
