-- Whom a department handling an enterprise's ticket calls, and whom its feedback link is texted to: the enterprise's
-- contact person (联系人) and telephone (联系电话), as every 12345 / 三服务 file keeps them. Read as an account's name
-- and telephone are (PersonDetails): at most 32 characters each, the name's column 64 wide as account.display_name's
-- (V34: H2 counts a character beyond the BMP twice). Nullable: no enterprise on file has one yet.
-- One statement: nullable columns without a default change only the catalogue (no rewrite of the table).
alter table enterprise
    add column contact_name varchar(64),
    add column contact_phone varchar(32);
