-- Issue 13: the leaders' figures over all time (the dashboard's and the summary's default) pre-computed
-- too, one row per lead department, category, town and source, kept exact in the transaction that changes a
-- ticket and rebuilt with the others (stats.FigureRollup). Summed from figure_month, H2 took 40 to 250 ms at
-- a million tickets (18,000 month rows a year, each summed as a decimal); this holds a few thousand rows
-- whatever the years.
create table figure_all_time (
    lead_department    varchar(32)  not null,
    category           varchar(32)  not null,
    town               varchar(100) not null,
    source             varchar(32)  not null,
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
    primary key (lead_department, category, town, source)
);

-- All time is the sum of every month, which figure_month holds exactly (or nothing yet, when figure_state
-- says the rollup was never built: the service then builds every table from the tickets when it starts).
insert into figure_all_time (lead_department, category, town, source, total, closed, overdue_open, overdue, signed,
        signed_on_time, unsigned_overdue, open_reply_overdue, closed_on_time, rated, satisfied, replied, reopened,
        assigned, returned, timed)
select lead_department, category, town, source, sum(total), sum(closed), sum(overdue_open), sum(overdue), sum(signed),
        sum(signed_on_time), sum(unsigned_overdue), sum(open_reply_overdue), sum(closed_on_time), sum(rated),
        sum(satisfied), sum(replied), sum(reopened), sum(assigned), sum(returned), sum(timed)
from figure_month
group by lead_department, category, town, source;
