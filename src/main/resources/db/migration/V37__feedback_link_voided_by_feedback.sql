-- A link voided because staff recorded the enterprise's feedback themselves (回访), not by a newer link: the
-- enterprise who opens it is told that its feedback on that reply was already recorded.
alter table feedback_link add column voided_by_feedback boolean default false not null;
