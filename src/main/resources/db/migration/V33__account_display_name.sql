-- A person's name (姓名) beside the account's user name: pages and printed lists name people, not accounts
-- (security.People). Optional; an account without one is shown by its user name, as before.
alter table account add column display_name varchar(32);
