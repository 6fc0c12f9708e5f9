-- The two columns of V27_1__lead_turns.sql in one statement: H2 copies the whole ticket table for each
-- ALTER TABLE ... ADD (2 minutes each at a million tickets), and only its own syntax adds two at once.
alter table ticket add column (lead_departments varchar(1000), returned_by varchar(1000));
