-- The columns of V31_1__sign_turns.sql, each table's in one statement: H2 copies the whole table for each
-- ALTER TABLE ... ADD (2 minutes for the ticket table at a million tickets), and only its own syntax adds several at once.
alter table ticket add column sign_turns varchar(2000);
alter table figure_day add column (turn_signed bigint default 0 not null, turn_signed_on_time bigint default 0 not null,
    turn_unsigned_overdue bigint default 0 not null);
alter table figure_month add column (turn_signed bigint default 0 not null, turn_signed_on_time bigint default 0 not null,
    turn_unsigned_overdue bigint default 0 not null);
alter table figure_all_time add column (turn_signed bigint default 0 not null, turn_signed_on_time bigint default 0 not null,
    turn_unsigned_overdue bigint default 0 not null);
