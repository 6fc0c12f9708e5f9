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
