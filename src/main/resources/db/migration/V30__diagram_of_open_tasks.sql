-- The version of bpmn/ticket.bpmn an open task belongs to. A running ticket keeps the diagram it started on,
-- so what a task offers (its "actions" properties) is read from that version, not from the newest: a ticket
-- started before a diagram gained an action is not offered that action (TicketPolicy). Tasks opened before
-- this column are given their version at the next start (OpenTaskDiagrams) and read as the newest meanwhile.
alter table ticket_task add column process_definition_id varchar(64);
