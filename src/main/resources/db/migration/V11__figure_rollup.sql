-- The leaders figures pre-computed (issue 13): per day and per month of report (in the zone of the service),
-- lead department, category and town, the counts every figure is made of. Kept exact in the transaction
-- that changes a ticket (stats.FigureRollup), and recomputed from the tickets when figure_state says
-- it was never built or was built for another zone, or on --rebuild-figures.
-- timed: the closed tickets that have hours_to_close (the median's count; closed before V4 had none).
-- An empty string stands for "none" in the key (a ticket not yet assigned has no lead department).
create table figure_day (
    report_day         date         not null,
    lead_department    varchar(32)  not null,
    category           varchar(32)  not null,
    town               varchar(100) not null,
    total              bigint       not null,
    closed             bigint       not null,
    overdue_open       bigint       not null,
    overdue            bigint       not null,
    signed             bigint       not null,
    signed_on_time     bigint       not null,
    unsigned_overdue   bigint       not null,
    open_reply_overdue bigint       not null,
    closed_on_time     bigint       not null,
    rated              bigint       not null,
    satisfied          bigint       not null,
    replied            bigint       not null,
    reopened           bigint       not null,
    assigned           bigint       not null,
    returned           bigint       not null,
    timed              bigint       not null,
    primary key (report_day, lead_department, category, town)
);

create table figure_month (
    report_month       date         not null,
    lead_department    varchar(32)  not null,
    category           varchar(32)  not null,
    town               varchar(100) not null,
    total              bigint       not null,
    closed             bigint       not null,
    overdue_open       bigint       not null,
    overdue            bigint       not null,
    signed             bigint       not null,
    signed_on_time     bigint       not null,
    unsigned_overdue   bigint       not null,
    open_reply_overdue bigint       not null,
    closed_on_time     bigint       not null,
    rated              bigint       not null,
    satisfied          bigint       not null,
    replied            bigint       not null,
    reopened           bigint       not null,
    assigned           bigint       not null,
    returned           bigint       not null,
    timed              bigint       not null,
    primary key (report_month, lead_department, category, town)
);

-- One row: the zone the rollup's days were cut in; null until it is first built.
create table figure_state (
    id       integer primary key,
    zone     varchar(64),
    built_at timestamp with time zone
);
insert into figure_state (id, zone, built_at) values (1, null, null);
