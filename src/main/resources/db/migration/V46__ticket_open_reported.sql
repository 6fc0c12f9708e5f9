-- Which accounts still have reported tickets that a 工作交接 would move (logged at a visit or a forum, not closed):
-- /admin asks it on every load for the accounts other than the specialists' (Tickets.reportersWithOpenAmong).
-- By reporter and source, with the status beside them, each name's open visit and forum tickets are one range of
-- this index: ticket_reporter (V38) would read every ticket a name reported, the office's thousands of hotline
-- entries too, to keep the few open ones.
create index ticket_open_reported on ticket (reporter, source, status);
