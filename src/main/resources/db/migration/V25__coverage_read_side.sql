-- Visit coverage (走访覆盖, stats.VisitCoverage): which enterprises service staff met in a period. The visit
-- module publishes each visit's source (a hotline call or an online entry is the enterprise reaching out,
-- not a visit), the enterprise module whether an enterprise is an exporter (外贸企业) or a key enterprise
-- (重点企业), the two lists the task force promises to cover in full. New columns go last, so the views'
-- earlier columns keep their places and readers.
create or replace view visit_facts as
select id, enterprise_credit_code, visited_at, operating_status, source
from visit;

create or replace view enterprise_facts as
select credit_code, name, town, specialist, exporter, key_enterprise
from enterprise;

-- Whether an enterprise was met in a period, and when last (stats.VisitCoverage), read from the index alone:
-- the source joins its entries. Same first columns, so every query that used the narrower index uses this as
-- before; without the source, H2 probed each enterprise's visits by the foreign key's own index and read
-- every row (8 s for the first coverage of a month at 200,000 visits, against 0.6 s with it).
drop index visit_enterprise;
create index visit_enterprise on visit (enterprise_credit_code, visited_at, operating_status, source);
