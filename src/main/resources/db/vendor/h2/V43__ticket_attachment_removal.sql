-- A file removed from its ticket (附件 added by mistake: the wrong ticket, an ID card photograph). The row stays, as
-- government records keep that a file was there: its name, type, size, SHA-256 and who added it, now with who removed
-- it and when. Its content goes: set to null, which content may be from now on, so that the personal data in it is
-- erased, not hidden; an empty value would pass for a file of no bytes, where null says none is kept (an empty file is
-- never taken). The check holds both: a row without content is a removed one, and a removed one keeps no content.
-- H2 copies the whole table for each ALTER TABLE ... ADD, and only its own syntax adds two columns at once; the
-- PostgreSQL script (db/vendor/postgresql) says the same in its syntax. H2 deletes the blob with the value (its
-- space is reused; backups taken before the removal still hold the file, and age out as the backup policy says).
alter table ticket_attachment add column (removed_by varchar(64), removed_at timestamp with time zone);
alter table ticket_attachment alter column content drop not null;
alter table ticket_attachment add constraint ticket_attachment_removed check (
    (removed_at is null and removed_by is null and content is not null)
    or (removed_at is not null and removed_by is not null and content is null));
