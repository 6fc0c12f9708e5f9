package org.sanfu.channel;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sanfu.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The channel table, and which ticket each channel's external id became (channel_ticket). */
@Repository
class Channels {

    private final JdbcClient jdbc;

    Channels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String code, String name, String callbackUrl, String keyHash, String secretHash, String sealedSecret,
            Instant now) {
        jdbc.sql("""
                insert into channel (code, name, callback_url, key_hash, secret_hash, secret_cipher, created_at)
                values (?, ?, ?, ?, ?, ?, ?)
                """).params(code, name, callbackUrl, keyHash, secretHash, sealedSecret, Sql.ts(now)).update();
    }

    Optional<Channel> find(String code) {
        return jdbc.sql("select * from channel where code = ?").param(code).query(Channels::map).optional();
    }

    /** The live channel whose key has this digest. */
    Optional<Channel> liveByKeyHash(String keyHash) {
        return jdbc.sql("select * from channel where key_hash = ? and revoked_at is null").param(keyHash)
                .query(Channels::map).optional();
    }

    /** The live channel whose key before its last renewal has this digest, while that key holds at {@code now}. */
    Optional<Channel> liveByPreviousKeyHash(String keyHash, Instant now) {
        return jdbc.sql("""
                select * from channel where previous_key_hash = ? and previous_until > ? and revoked_at is null
                """).params(keyHash, Sql.ts(now)).query(Channels::map).optional();
    }

    List<ChannelView> list() {
        return jdbc.sql("""
                select c.code, c.name, c.callback_url, c.created_at, c.revoked_at,
                       (select count(*) from channel_callback b where b.channel_code = c.code and b.state = 'PENDING') pending,
                       (select count(*) from channel_callback b where b.channel_code = c.code and b.state = 'FAILED') failed
                from channel c order by c.code
                """).query((rs, n) -> new ChannelView(rs.getString("code"), rs.getString("name"),
                        rs.getString("callback_url"), Sql.instant(rs, "created_at"), Sql.instant(rs, "revoked_at"),
                        rs.getLong("pending"), rs.getLong("failed"))).list();
    }

    /** The live channels' codes, in code order, each with whether its secret is stored as it is ("plain:"). */
    Map<String, Boolean> liveWithPlainSecret() {
        Map<String, Boolean> live = new LinkedHashMap<>();
        jdbc.sql("select code, secret_cipher from channel where revoked_at is null order by code")
                .query(rs -> {
                    live.put(rs.getString(1), rs.getString(2).startsWith("plain:"));
                });
        return live;
    }

    /** All channels, live or revoked, in code order. */
    List<Channel> all() {
        return jdbc.sql("select * from channel order by code").query(Channels::map).list();
    }

    /** A channel by its code and name, and whether it is revoked: no key or secret. */
    record Named(String code, String name, boolean revoked) {}

    /** All channels, live or revoked, in code order, named (ChannelCodeList). */
    List<Named> named() {
        return jdbc.sql("select code, name, revoked_at from channel order by code")
                .query((rs, n) -> new Named(rs.getString("code"), rs.getString("name"),
                        rs.getTimestamp("revoked_at") != null)).list();
    }

    void changeCallbackUrl(String code, String callbackUrl) {
        jdbc.sql("update channel set callback_url = ? where code = ?").params(callbackUrl, code).update();
    }

    /** Revokes the key, and the one before it with it: a revoked channel's keys all stop at once. */
    boolean revoke(String code, Instant now) {
        forgetPrevious(code);
        return jdbc.sql("update channel set revoked_at = ? where code = ? and revoked_at is null")
                .params(Sql.ts(now), code).update() == 1;
    }

    /**
     * The new key and secret; the ones they replace are kept as the previous until {@code previousUntil}, or
     * forgotten when that is null (no grace, or a revoked channel's, which were refused already).
     */
    void renew(String code, String keyHash, String secretHash, String sealedSecret, Instant previousUntil) {
        jdbc.sql("""
                update channel set previous_key_hash = case when ? then key_hash end,
                    previous_secret_cipher = case when ? then secret_cipher end, previous_until = ?,
                    key_hash = ?, secret_hash = ?, secret_cipher = ?, revoked_at = null where code = ?
                """).params(previousUntil != null, previousUntil != null, Sql.ts(previousUntil), keyHash, secretHash,
                sealedSecret, code).update();
    }

    /** The key and secret before the last renewal are forgotten now; whether any were kept. */
    boolean forgetPrevious(String code) {
        return jdbc.sql("""
                update channel set previous_key_hash = null, previous_secret_cipher = null, previous_until = null
                where code = ? and previous_key_hash is not null
                """).param(code).update() == 1;
    }

    // --- a channel's problems

    /** Claims the external id for a ticket to come; a second claim of it fails (DuplicateKeyException). */
    void claim(String code, String externalId, String sentCategory) {
        jdbc.sql("insert into channel_ticket (channel_code, external_id, sent_category) values (?, ?, ?)")
                .params(code, externalId, sentCategory).update();
    }

    void fill(String code, String externalId, long ticketId) {
        jdbc.sql("update channel_ticket set ticket_id = ? where channel_code = ? and external_id = ?")
                .params(ticketId, code, externalId).update();
    }

    Optional<Long> ticketOf(String code, String externalId) {
        return jdbc.sql("select ticket_id from channel_ticket where channel_code = ? and external_id = ? and ticket_id is not null")
                .params(code, externalId).query(Long.class).optional();
    }

    /**
     * A channel's problem that became this ticket: the channel, its external id and its callback URL;
     * none once the channel is revoked (it hears nothing more).
     */
    record Filed(String channelCode, String externalId, String callbackUrl) {}

    Optional<Filed> filedAs(long ticketId) {
        return jdbc.sql("""
                select t.channel_code, t.external_id, c.callback_url from channel_ticket t
                join channel c on c.code = t.channel_code where t.ticket_id = ? and c.revoked_at is null
                """).param(ticketId).query((rs, n) -> new Filed(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    private static Channel map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Channel(rs.getString("code"), rs.getString("name"), rs.getString("callback_url"),
                rs.getString("key_hash"), rs.getString("secret_cipher"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "revoked_at"), rs.getString("previous_key_hash"), rs.getString("previous_secret_cipher"),
                Sql.instant(rs, "previous_until"));
    }
}
