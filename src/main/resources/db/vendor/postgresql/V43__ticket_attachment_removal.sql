-- A file removed from its ticket (附件 added by mistake: the wrong ticket, an ID card photograph). The row stays, as
-- government records keep that a file was there: its name, type, size, SHA-256 and who added it, now with who removed
-- it and when. Its content goes: set to null, which content may be from now on, so that the personal data in it is
-- erased, not hidden; an empty value would pass for a file of no bytes, where null says none is kept (an empty file is
-- never taken). The check holds both: a row without content is a removed one, and a removed one keeps no content.
-- One statement: the new columns (no default: no rewrite) and the dropped NOT NULL change only the catalogue; the
-- check reads each row once. The old bytea's TOAST chunks are dead once the removal commits, and VACUUM frees them;
-- backups taken before the removal still hold the file, and age out as the county's backup policy says.
alter table ticket_attachment
    add column removed_by varchar(64),
    add column removed_at timestamp with time zone,
    alter column content drop not null,
    add constraint ticket_attachment_removed check (
        (removed_at is null and removed_by is null and content is not null)
        or (removed_at is not null and removed_by is not null and content is null));
