-- Every reply looks up whether the ticket is a systemic problem's case (systemic.SystemicCases), and every
-- ticket page which problem names it (systemic.SystemicLinks): by case_ticket_id, which V16 left unindexed.
create index systemic_problem_case on systemic_problem (case_ticket_id);
