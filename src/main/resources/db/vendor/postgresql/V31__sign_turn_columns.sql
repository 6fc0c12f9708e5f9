-- The columns of V31_1__sign_turns.sql (H2 has a script of its own: it copies the table per statement).
alter table ticket add column sign_turns varchar(2000);
alter table figure_day add column turn_signed bigint default 0 not null,
    add column turn_signed_on_time bigint default 0 not null, add column turn_unsigned_overdue bigint default 0 not null;
alter table figure_month add column turn_signed bigint default 0 not null,
    add column turn_signed_on_time bigint default 0 not null, add column turn_unsigned_overdue bigint default 0 not null;
alter table figure_all_time add column turn_signed bigint default 0 not null,
    add column turn_signed_on_time bigint default 0 not null, add column turn_unsigned_overdue bigint default 0 not null;
