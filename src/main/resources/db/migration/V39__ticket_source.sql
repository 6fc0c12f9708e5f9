-- The list's source filter (the office's hotline and online entries), newest first: answered from the search index
-- once it is built, and from here while it is being built, where without this every ticket is read.
create index ticket_source on ticket (source, reported_at);
