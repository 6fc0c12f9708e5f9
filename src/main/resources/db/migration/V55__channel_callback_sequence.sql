-- A channel's callbacks numbered 1, 2, 3... in its own stream (channelSequence in the body), where the delivery id
-- (X-Sanfu-Delivery) counts every channel's together: a receiver that sees 7 after 5 knows one of its callbacks has
-- not reached it yet. channel.callback_sequence is the last number given; the outbox raises it in the transaction
-- that stores the callback (the update locks the channel's row until commit, so two nodes never give one number
-- twice, and a rolled-back change gives none back as a gap). Runs on H2 and PostgreSQL.
alter table channel add column callback_sequence bigint default 0 not null;
alter table channel_callback add column channel_sequence bigint;
-- the callbacks already stored, numbered in the order they were stored
update channel_callback set channel_sequence = (select count(*) from channel_callback e
    where e.channel_code = channel_callback.channel_code and e.id <= channel_callback.id);
update channel set callback_sequence = (select count(*) from channel_callback c where c.channel_code = channel.code);
alter table channel_callback alter column channel_sequence set not null;
create unique index channel_callback_sequence on channel_callback (channel_code, channel_sequence);
