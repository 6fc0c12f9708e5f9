-- A form sent again under its page's key, or again from a page the back button brought back, is taken for
-- the first one only when it says the same: what it said is kept as a digest (ticket.web.PageFormSubmissions),
-- with the ticket it was about. Rows from before have neither and are taken as the same, as they were.
alter table page_form_submission add column content varchar(64);
alter table page_form_submission add column ticket_id bigint;
