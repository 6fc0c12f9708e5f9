-- The process's open user tasks, as the ticket's read model mirrors them (written by the engine's
-- task listener in the same transaction): allowedActions, the inbox and every 409 are read from
-- here, so what a page offers is exactly what the process waits for. One row per candidate group.
create table ticket_task (
    task_id         varchar(64) not null,
    ticket_id       bigint      not null references ticket (id),
    task_key        varchar(64) not null,
    candidate_group varchar(64) not null,
    primary key (task_id, candidate_group)
);
create index ticket_task_ticket on ticket_task (ticket_id);
create index ticket_task_group on ticket_task (candidate_group, ticket_id);

-- The next moment each running clock needs attention (a reminder point, its deadline, the end of the
-- feedback window); null when the clock is not running or has nothing left to say. The deadline sweep reads these indexes
-- instead of keeping timer jobs per ticket. Open co-handling parts are now open tasks.
alter table ticket add column sign_clock_next timestamp with time zone;
alter table ticket add column reply_clock_next timestamp with time zone;
alter table ticket add column feedback_clock_next timestamp with time zone;
create index ticket_sign_clock_next on ticket (sign_clock_next);
create index ticket_reply_clock_next on ticket (reply_clock_next);
create index ticket_feedback_clock_next on ticket (feedback_clock_next);
alter table ticket_co_department drop column part_open;
