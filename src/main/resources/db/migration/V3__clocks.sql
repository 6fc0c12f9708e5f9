-- The clocks of a ticket: when each started, how far it was reminded (0, 50, 75 per cent), whether
-- the current one was missed, and when the feedback window ends. "overdue" stays true once any
-- deadline was missed; sign_overdue and reply_overdue say which current clock is past.
alter table ticket add column sign_clock_start timestamp with time zone;
alter table ticket add column reply_clock_start timestamp with time zone;
alter table ticket add column sign_reminded integer default 0 not null;
alter table ticket add column reply_reminded integer default 0 not null;
alter table ticket add column feedback_due timestamp with time zone;
update ticket set sign_clock_start = assigned_at, reply_clock_start = reported_at;
