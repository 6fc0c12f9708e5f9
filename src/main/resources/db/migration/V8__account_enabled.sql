-- An administrator can disable an account (the /admin page): a disabled account signs in neither on
-- the pages nor on the API, and its open sessions end. Existing accounts stay enabled.
-- Runs on H2 and PostgreSQL alike.
alter table account add column enabled boolean default true not null;
