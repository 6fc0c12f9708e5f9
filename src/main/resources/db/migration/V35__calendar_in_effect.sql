-- The working-day calendar that running deadlines were counted on (calendar.CalendarOnRecord): its text
-- (WorkingDayCalendar.described: zone, working hours, every day off and make-up workday). When the
-- calendar a node starts with differs, the deadlines still running are recounted on it first
-- (ticket.DeadlineRecount), and this row says when and how many moved. One row; null text until the first
-- start records what it counts.
create table calendar_in_effect (
    id            integer primary key,
    described     varchar(200000),
    recorded_at   timestamp with time zone,
    changed_at    timestamp with time zone,
    clocks_moved  integer,
    constraint calendar_in_effect_one_row check (id = 1)
);
insert into calendar_in_effect (id) values (1);
