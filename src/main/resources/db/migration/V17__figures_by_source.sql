-- Issue 14: where a problem came from (a visit, a forum, the hotline, a channel such as 12345 filing by
-- machine, a systemic problem's case) is a dimension of the leaders' figures, as lead department,
-- category and town are.

-- ticket_facts gains source, last, so its other columns keep their meaning and place.
create or replace view ticket_facts as
select id, enterprise_credit_code, enterprise_name, town, category, title, status, lead_department,
       reported_at, assigned_at, signed_at, replied_at, closed_at, sign_deadline, reply_deadline,
       overdue, sign_overdue, reply_overdue, signed_on_time, replied_on_time,
       reopen_count, return_count, satisfaction, resolution, hours_to_close, overdue_since, overdue_span_class,
       source
from ticket;

-- The rollup (V11) keyed by source too. Its rows cannot be split by source without the tickets, so the
-- tables start empty and figure_state says they were never built: the service rebuilds them from the
-- tickets when it starts (stats.FigureRollup; a minute or so for a million tickets).
drop table figure_day;
drop table figure_month;
create table figure_day (
    report_day         date         not null,
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
    primary key (report_day, lead_department, category, town, source)
);

create table figure_month (
    report_month       date         not null,
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
    primary key (report_month, lead_department, category, town, source)
);

update figure_state set zone = null, built_at = null where id = 1;
