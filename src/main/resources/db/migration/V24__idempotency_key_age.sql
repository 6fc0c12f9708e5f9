-- A user's Idempotency-Keys are remembered 30 days (visit.IdempotencyKeys): each stored key deletes that
-- user's older ones, found by this index instead of every key the user ever sent (with its stored answer).
create index idempotency_key_age on idempotency_key (username, created_at);
