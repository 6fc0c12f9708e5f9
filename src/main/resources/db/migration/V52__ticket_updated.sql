-- A ticket's updated_at (V1, not null, written at its intake) is its updatedAt from now on: the moment of its last
-- change the API shows, in its JSON or its history, which the county's integrator pulls by
-- (GET /api/tickets?updatedSince=). Every such change moves it now (TicketChanges); before, a clock's reminder or
-- missed deadline, a recount of a deadline, an enterprise's new name left it as it was. Each of those wrote an event
-- (a new name aside, which none records), so a ticket's latest event is its latest change on file, where later.
update ticket set updated_at = (select max(e.at) from ticket_event e where e.ticket_id = ticket.id)
where updated_at < (select max(e.at) from ticket_event e where e.ticket_id = ticket.id);
-- The pull: the tickets changed at or after a moment, in the order it reads them (updated_at, then id).
create index ticket_updated on ticket (updated_at, id);
