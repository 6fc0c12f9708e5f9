-- Whom a department handling an enterprise's ticket calls, and whom its feedback link is texted to: the enterprise's
-- contact person (联系人) and telephone (联系电话), as every 12345 / 三服务 file keeps them. Read as an account's name
-- and telephone are (PersonDetails): at most 32 characters each, the name's column 64 wide as account.display_name's
-- (V34: H2 counts a character beyond the BMP twice). Nullable: no enterprise on file has one yet.
-- H2 copies the whole table for each ALTER TABLE ... ADD: both columns in one, so that it is copied once.
alter table enterprise add (contact_name varchar(64), contact_phone varchar(32));
