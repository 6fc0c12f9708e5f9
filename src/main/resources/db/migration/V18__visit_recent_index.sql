-- Issue 13: the newest visits of everyone (dispatch's /work page, GET /api/visits without filters) are
-- read from the end of this index, where they were sorted from the whole visit table (a province's
-- hundreds of thousands) on every request.
create index visit_visited on visit (visited_at, id);
