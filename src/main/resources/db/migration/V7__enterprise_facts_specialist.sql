-- The staff inbox (ticket module) asks which enterprises a staff member looks after: the enterprise
-- module publishes its specialist (专员) too.
create or replace view enterprise_facts as
select credit_code, name, town, specialist
from enterprise;
