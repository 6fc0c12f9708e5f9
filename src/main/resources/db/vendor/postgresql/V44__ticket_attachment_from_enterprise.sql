-- A file the enterprise sent with its rating through its one-time feedback link (/f/{token}: the container still not
-- released, a bank's refusal letter). No account sent it: uploaded_by holds the history's actor for the enterprise,
-- enterprise:<creditCode>, which no user name can be (a colon is not among a user name's characters), and this column
-- says so in its own words, so that nothing reads the file's origin from the shape of a name. The check keeps the two
-- agreeing. Every file kept so far was an account's: false.
-- One statement: a column with a constant default changes only the catalogue (no rewrite); the check reads each row
-- once.
alter table ticket_attachment
    add column from_enterprise boolean not null default false,
    add constraint ticket_attachment_from_enterprise check (from_enterprise = (uploaded_by like 'enterprise:%'));
