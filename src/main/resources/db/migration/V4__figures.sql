-- What the leaders' figures need, kept on the ticket as it happens rather than derived from history:
-- whether the latest sign and the latest reply met their deadlines, and the hours from report to close.
alter table ticket add column signed_on_time boolean;
alter table ticket add column replied_on_time boolean;
alter table ticket add column hours_to_close numeric(12, 2);
update ticket set signed_on_time = not sign_overdue where signed_at is not null;
update ticket set replied_on_time = not reply_overdue where replied_at is not null;
create index ticket_lead_reported on ticket (lead_department, reported_at);
create index ticket_closed on ticket (closed_at);

-- The weekly briefing (简报) as generated on Monday morning, so a past week reads the same later.
create table briefing (
    week         varchar(8) primary key,
    generated_at timestamp with time zone not null,
    content      varchar(1000000) not null
);
