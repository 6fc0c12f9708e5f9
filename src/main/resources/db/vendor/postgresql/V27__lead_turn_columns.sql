-- The two columns of V27_1__lead_turns.sql (H2 has a script of its own: it copies the table per statement).
alter table ticket add column lead_departments varchar(1000), add column returned_by varchar(1000);
