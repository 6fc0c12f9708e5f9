-- A specialist's own tickets (the list's reporter filter, /work's 我上报的在办事项), newest first: answered from the
-- search index once it is built, and from here while it is being built, where without this every ticket is read.
create index ticket_reporter on ticket (reporter, reported_at);
