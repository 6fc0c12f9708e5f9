-- The telephone an enterprise may call (0576-8888 1234 转 8001): the feedback page gives it for the person
-- who sent the link (security.People). Optional; ASCII digits and signs only, 32 at most
-- (AccountAdministration.MAX_PHONE), so H2's UTF-16 count and PostgreSQL's agree.
alter table account add column phone varchar(32);
