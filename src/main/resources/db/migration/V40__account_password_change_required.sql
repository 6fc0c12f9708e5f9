-- A password an administrator set (a new account on /admin, or its 重设密码) is known to the administrator: the
-- person must choose their own at the next sign-in to the pages (security.PasswordChangeFirst) before any other
-- page opens; their own change (/account) clears it. The demo accounts and the first administrator (whose
-- password the operator chose, SANFU_ADMIN_PASSWORD) are not asked, nor are the accounts that exist already.
-- Runs on H2 and PostgreSQL alike.
alter table account add column password_change_required boolean default false not null;
