-- A channel's key and secret as they were before its last renewal, kept for sanfu.channels.previous-key-grace
-- (Stripe's "roll key with expiry"): the old key still files until previous_until, and each callback sent
-- meanwhile carries a second signature made with the old secret, so that the channel's side can switch over
-- without a gap. Kept as the current ones are: the key as its SHA-256 digest, the secret sealed. Null: none.
-- Runs on H2 and PostgreSQL.
alter table channel add column previous_key_hash varchar(64);
alter table channel add column previous_secret_cipher varchar(200);
alter table channel add column previous_until timestamp with time zone;
create index channel_previous_key_hash on channel (previous_key_hash);
