-- A person's name is at most 32 characters (AccountAdministration.MAX_DISPLAY_NAME), but H2 counts a
-- varchar's length in UTF-16 units: a name of rarer characters (𠮷, outside the BMP, two units each) over 16
-- of them failed on V33's column. 64 holds 32 characters of any kind on H2 and PostgreSQL alike.
alter table account alter column display_name set data type varchar(64);
