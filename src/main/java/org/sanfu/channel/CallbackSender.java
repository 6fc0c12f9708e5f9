package org.sanfu.channel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.sanfu.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Sends the outbox's due callbacks, outside any ticket's transaction: POST of the stored body's exact
 * UTF-8 bytes, {@code Content-Type: application/json}, {@code X-Sanfu-Signature: sha256=<hex HMAC-SHA256 of
 * those bytes with the channel's secret>}, {@code X-Sanfu-Delivery: <outbox id>} (the same on a retry), and for
 * sanfu.channels.previous-key-grace after a renewal {@code X-Sanfu-Signature-Previous}, the same made with the secret
 * it replaced. Against a captured callback posted again later (Stripe's and Slack's answer): {@code X-Sanfu-Timestamp},
 * the attempt's epoch seconds, and {@code X-Sanfu-Signature-Timestamped}, the same HMAC over
 * {@code "<timestamp>.<body>"} (with {@code X-Sanfu-Signature-Timestamped-Previous} during the grace), which a receiver
 * checks and then refuses a timestamp more than five minutes off; the body-only signature stays for receivers that
 * check it today. HTTP/1.1 always: the JDK client's default, HTTP/2, asks a plain http:// receiver to upgrade
 * ({@code Upgrade: h2c}), which some (nginx before an old PHP) answer wrongly.
 * A 2xx answer delivers it; anything else (another status, no answer within the timeout, no connection)
 * waits the next step of {@code sanfu.channels.backoff} and is tried again, until the steps are used up:
 * then it is FAILED and shown to ADMIN. A URL whose host sanfu.channels.callback-hosts leaves out is given
 * up at once, never posted to. Per ticket, callbacks go in the order of their changes: one
 * waits while an earlier one of the same ticket is still pending. A callback is claimed before it is sent
 * (claimed_until), so that two nodes, or two passes, do not send it at once; a node that dies holding a
 * claim leaves it to the others when the claim runs out: delivery is at least once.
 */
@Component
class CallbackSender {

    private static final Logger log = LoggerFactory.getLogger(CallbackSender.class);
    static final int BATCH = 100;
    /** The HMAC of the body's exact bytes with the channel's secret (API.md "Channels", Callbacks). */
    static final String SIGNATURE = "X-Sanfu-Signature";
    /** The callback's id, the same on every attempt. */
    static final String DELIVERY = "X-Sanfu-Delivery";
    /** The signature with the secret a renewal replaced, while it holds; the same form as X-Sanfu-Signature. */
    static final String PREVIOUS_SIGNATURE = "X-Sanfu-Signature-Previous";
    /** The attempt's time, epoch seconds, that the timestamped signatures cover. */
    static final String TIMESTAMP = "X-Sanfu-Timestamp";
    /** The signature of {@code "<timestamp>.<body>"}: a replayed callback's timestamp gives it away. */
    static final String TIMESTAMPED_SIGNATURE = "X-Sanfu-Signature-Timestamped";
    static final String TIMESTAMPED_PREVIOUS_SIGNATURE = "X-Sanfu-Signature-Timestamped-Previous";

    private final JdbcClient jdbc;
    private final Channels channels;
    private final ChannelSecrets secrets;
    private final ChannelProperties properties;
    private final Clock clock;
    /**
     * Made at the first callback, not at start: a client sets up TLS and a selector thread (a fifth of a
     * second of start-up, measured), and an office without channels never calls back.
     */
    private final SingletonSupplier<HttpClient> http;

    CallbackSender(JdbcClient jdbc, Channels channels, ChannelSecrets secrets, ChannelProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.channels = channels;
        this.secrets = secrets;
        this.properties = properties;
        this.clock = clock;
        this.http = SingletonSupplier.of(() -> HttpClient.newBuilder().connectTimeout(properties.callbackTimeout())
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build());
    }

    private record Due(long id, String channelCode, String body, int attempts) {}

    /** Sends what is due now, pass after pass while a pass sends something; returns how many were delivered. */
    int sendDue() {
        int delivered = 0;
        for (int pass = 0; pass < 20; pass++) {
            int sent = pass();
            delivered += Math.max(sent, 0);
            if (sent <= 0) {
                break;
            }
        }
        return delivered;
    }

    /** One pass: the due callbacks that no earlier pending one of the same ticket holds back. */
    private int pass() {
        Instant now = clock.instant();
        List<Due> due = jdbc.sql("""
                select o.id, o.channel_code, o.body, o.attempts from channel_callback o
                where o.state = 'PENDING' and o.next_attempt_at <= ? and (o.claimed_until is null or o.claimed_until < ?)
                  and not exists (select 1 from channel_callback e
                                  where e.ticket_id = o.ticket_id and e.state = 'PENDING' and e.id < o.id)
                order by o.id limit %d
                """.formatted(BATCH)).params(Sql.ts(now), Sql.ts(now)).query((rs, n) -> new Due(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getInt(4))).list();
        int tried = 0;
        for (Due d : due) {
            if (claim(d.id(), now)) {
                send(d, now);
                tried++;
            }
        }
        return tried;
    }

    private boolean claim(long id, Instant now) {
        Instant until = now.plus(properties.callbackTimeout().multipliedBy(3));
        return jdbc.sql("""
                update channel_callback set claimed_until = ?
                where id = ? and state = 'PENDING' and (claimed_until is null or claimed_until < ?)
                """).params(Sql.ts(until), id, Sql.ts(now)).update() == 1;
    }

    private void send(Due d, Instant now) {
        String failure;
        try {
            Channel channel = channels.find(d.channelCode()).orElseThrow();
            if (channel.callbackUrl() == null || channel.revoked()) {
                giveUp(d, channel.revoked() ? "channel revoked" : "no callback URL");
                return;
            }
            URI url = URI.create(channel.callbackUrl());
            if (!properties.allowsCallbackTo(url)) {
                // stored before sanfu.channels.callback-hosts left its host out: never posted there
                log.warn("callback {} of channel {} given up: host {} is not among sanfu.channels.callback-hosts",
                        d.id(), d.channelCode(), url.getHost());
                giveUp(d, "host not allowed: " + url.getHost());
                return;
            }
            byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
            // the attempt's own time: a retry is signed anew, so that a receiver's five minutes hold for it too
            String timestamp = String.valueOf(clock.instant().getEpochSecond());
            byte[] timestamped = (timestamp + "." + d.body()).getBytes(StandardCharsets.UTF_8);
            String secret = secrets.open(channel.sealedSecret());
            HttpRequest.Builder request = HttpRequest.newBuilder(url)
                    .timeout(properties.callbackTimeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header(SIGNATURE, ChannelSecrets.sign(body, secret))
                    .header(DELIVERY, String.valueOf(d.id()))
                    .header(TIMESTAMP, timestamp)
                    .header(TIMESTAMPED_SIGNATURE, ChannelSecrets.sign(timestamped, secret));
            if (channel.previousHoldsAt(now)) {
                // a receiver not yet given the new secret verifies with the old one (sanfu.channels.previous-key-grace)
                String previous = secrets.open(channel.previousSealedSecret());
                request.header(PREVIOUS_SIGNATURE, ChannelSecrets.sign(body, previous));
                request.header(TIMESTAMPED_PREVIOUS_SIGNATURE, ChannelSecrets.sign(timestamped, previous));
            }
            HttpResponse<Void> response = http.obtain().send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                jdbc.sql("""
                        update channel_callback set state = 'DELIVERED', attempts = attempts + 1, delivered_at = ?,
                            claimed_until = null, last_error = null where id = ?
                        """).params(Sql.ts(clock.instant()), d.id()).update();
                return;
            }
            failure = "HTTP " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        } catch (Exception e) {
            failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        retryLater(d, failure);
    }

    private void retryLater(Due d, String failure) {
        int attempts = d.attempts() + 1;
        String error = failure.length() > 500 ? failure.substring(0, 500) : failure;
        if (attempts >= properties.maxAttempts()) {
            log.warn("callback {} of channel {} given up after {} attempts: {}", d.id(), d.channelCode(), attempts, error);
            jdbc.sql("update channel_callback set state = 'FAILED', attempts = ?, claimed_until = null, last_error = ? where id = ?")
                    .params(attempts, error, d.id()).update();
            return;
        }
        Duration wait = properties.backoff().get(attempts - 1);
        log.info("callback {} of channel {} failed ({}), attempt {} in {}", d.id(), d.channelCode(), error,
                attempts + 1, wait);
        jdbc.sql("""
                update channel_callback set attempts = ?, next_attempt_at = ?, claimed_until = null, last_error = ?
                where id = ?
                """).params(attempts, Sql.ts(clock.instant().plus(wait)), error, d.id()).update();
    }

    private void giveUp(Due d, String why) {
        jdbc.sql("update channel_callback set state = 'FAILED', claimed_until = null, last_error = ? where id = ?")
                .params(why, d.id()).update();
    }
}
