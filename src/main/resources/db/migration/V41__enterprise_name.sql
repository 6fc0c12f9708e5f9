-- A channel's caller who knows no credit code names the enterprise (POST /api/intake's enterpriseName): it is
-- looked up by its exact name, in a few spellings (enterprise.EnterpriseService.named), which this index answers
-- without reading the whole file. Runs on H2 and PostgreSQL alike.
create index enterprise_name on enterprise (name);
