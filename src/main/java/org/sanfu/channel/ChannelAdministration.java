package org.sanfu.channel;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.sanfu.DomainException;
import org.sanfu.Message;
import org.sanfu.Typed;
import org.sanfu.ticket.Source;
import org.sanfu.web.InvalidInput;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What ADMIN does to channels (API and /admin page alike): create with a key shown once, list, change the callback
 * URL, renew the key (the old one holding for a grace), revoke.
 */
@Service
public class ChannelAdministration {

    static final Pattern CODE = Pattern.compile("[A-Z0-9_]{1,32}");
    static final int MAX_NAME = 200;
    static final int MAX_URL = 2000;
    /** The other sources a ticket can have: a visit's (ticket.Source) and a systemic problem's case. */
    static final List<String> RESERVED = java.util.stream.Stream.concat(
            java.util.Arrays.stream(Source.values()).map(Source::name), java.util.stream.Stream.of("SYSTEMIC")).toList();

    private final Channels channels;
    private final ChannelSecrets secrets;
    private final ChannelProperties properties;
    private final Clock clock;
    private final ChannelCodeList codes;

    ChannelAdministration(Channels channels, ChannelSecrets secrets, ChannelProperties properties, Clock clock,
            ChannelCodeList codes) {
        this.codes = codes;
        this.channels = channels;
        this.secrets = secrets;
        this.properties = properties;
        this.clock = clock;
    }

    /** 400 naming the field; 409 for a code that exists (revoked ones included: tickets keep their source). */
    @Transactional
    public CreatedChannel create(NewChannel request) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        // typed in any case, as the intake takes a category (hotline_12345 is HOTLINE_12345)
        String code = request.code() == null ? null : Typed.code(request.code());
        if (code == null || code.isEmpty()) {
            errors.add("code", Message.of("sanfu.validation.not-blank"));
        } else if (!CODE.matcher(code).matches()) {
            errors.add("code", Message.of("sanfu.channel.code"));
        } else if (RESERVED.contains(code)) {
            // a ticket's source names a visit's source, SYSTEMIC or a channel: one word, one meaning
            errors.add("code", Message.of("sanfu.channel.reserved-code", "reserved", RESERVED));
        }
        errors.requireText("name", request.name(), MAX_NAME);
        String url = callbackUrl(request.callbackUrl(), errors);
        errors.throwIfAny();
        if (channels.find(code).isPresent()) {
            throw exists(code);
        }
        String key = secrets.newToken();
        String secret = secrets.newToken();
        try {
            channels.insert(code, request.name().strip(), url, ChannelSecrets.digest(key), ChannelSecrets.digest(secret),
                    secrets.seal(secret), clock.instant());
        } catch (DuplicateKeyException e) {
            throw exists(code);
        }
        forgetCodesOnCommit();
        return new CreatedChannel(code, request.name().strip(), url, key, secret);
    }

    /**
     * The URL the channel's callbacks go to from now on, their pending ones too from their next attempt; null or blank
     * takes it away (no callbacks: the pending ones are given up at their next attempt, as a channel created without
     * one gets none). Checked as {@link #create} checks it, 400 naming callbackUrl; 404 unknown. The channel as listed.
     */
    @Transactional
    public ChannelView changeCallbackUrl(String typed, String callbackUrl) {
        String code = Typed.code(typed);
        requireKnown(code);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String url = callbackUrl(callbackUrl, errors);
        errors.throwIfAny();
        channels.changeCallbackUrl(code, url);
        return channels.list().stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
    }

    /** A callback URL as sent, checked (a fault goes to errors, and null comes back) and as stored; blank is none. */
    private String callbackUrl(String sent, InvalidInput.Collector errors) {
        String url = sent == null || sent.isBlank() ? null : sent.strip();
        if (url != null && !isHttpUrl(url)) {
            errors.add("callbackUrl", Message.of("sanfu.channel.callback-url"));
            return null;
        } else if (url != null && !properties.allowsCallbackTo(URI.create(url))) {
            errors.add("callbackUrl", Message.of("sanfu.channel.callback-host", "hosts",
                    String.join(", ", properties.callbackHosts())));
            return null;
        }
        // stored as RFC 3986 6.2.2.1 normalises it: HTTP:// as http://
        return url == null ? null : withLowerCaseScheme(url);
    }

    @Transactional(readOnly = true)
    public List<ChannelView> list() {
        return channels.list();
    }

    /**
     * How the live channels' callback secrets are kept, in one read: {@code keySet} whether
     * {@code sanfu.channels.secret-key} is set (ChannelSecrets only logs its absence at start), {@code anyLive}
     * whether a live channel exists, and {@code plain} the codes of those whose secret is stored unencrypted (with the
     * key set: created before it was, until their key is renewed, which seals the new secret). A revoked one is not
     * counted: it signs nothing, and the renewal that reinstates it draws a new secret.
     */
    public record SecretsAtRest(boolean keySet, boolean anyLive, List<String> plain) {}

    @Transactional(readOnly = true)
    public SecretsAtRest secretsAtRest() {
        Map<String, Boolean> live = channels.liveWithPlainSecret();
        return new SecretsAtRest(secrets.encrypts(), !live.isEmpty(),
                live.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList());
    }

    /**
     * The key stops working at once; the channel stays (its tickets keep their source). 404 unknown. The code, as
     * every code a client names here, is taken as {@link #create} files it ({@link Typed#code}): hotline is
     * HOTLINE.
     */
    @Transactional
    public void revoke(String code) {
        String filed = Typed.code(code);
        requireKnown(filed);
        channels.revoke(filed, clock.instant());
        forgetCodesOnCommit();
    }

    /**
     * The key and secret a renewal replaced stop now, before their grace ends (the channel's side has switched over,
     * or the old key leaked); nothing else changes. Also when there are none. 404 unknown.
     *
     * @return whether a previous key was still in its grace (/admin says so, or that there was none: a second
     *     submit, or one after the grace had ended)
     */
    @Transactional
    public boolean revokePreviousKey(String code) {
        String filed = Typed.code(code);
        Channel channel = channels.find(filed).orElseThrow(() -> new DomainException.NotFound("channel", filed));
        boolean held = channel.previousHoldsAt(clock.instant());
        channels.forgetPrevious(filed);
        return held;
    }

    /** 404 unless a channel has this code (revoked or not), in any case. */
    public void requireKnown(String code) {
        String filed = Typed.code(code);
        if (channels.find(filed).isEmpty()) {
            throw new DomainException.NotFound("channel", filed);
        }
    }

    /**
     * A new key and secret for the channel, shown this once; the old key still files, and callbacks carry a second
     * signature made with the old secret, for sanfu.channels.previous-key-grace (0: the old key stops at once),
     * those of a renewal before it stop now; a revoked channel is live again with the new one only (its code stays
     * its tickets' source). 404 unknown.
     */
    @Transactional
    public CreatedChannel renewKey(String code) {
        return renewKey(code, null).channel();
    }

    /**
     * A renewed key, whether that brought the channel back from revoked, and until when the key it replaced still
     * holds (null: not at all), which its page says.
     */
    public record RenewedKey(CreatedChannel channel, boolean reinstated, Instant previousUntil) {
    }

    /**
     * As {@link #renewKey(String)}, from a page drawn when the channel's key was {@code replaces} ({@link
     * KeyStates#marks}): when the key was renewed since (that answer sent again by a refresh, another administrator),
     * 409 and nothing changes, so that a key just shown, perhaps already set up at the channel, keeps working.
     * Null: no such check (the API).
     */
    @Transactional
    public RenewedKey renewKey(String typed, String replaces) {
        String code = Typed.code(typed);
        Channel channel = channels.find(code).orElseThrow(() -> new DomainException.NotFound("channel", code));
        if (replaces != null && !mark(channel).equals(replaces)) {
            throw new DomainException.NotNow(Message.of("sanfu.channel.renewed-meanwhile", "code", code));
        }
        String key = secrets.newToken();
        String secret = secrets.newToken();
        // the replaced key and secret hold for the grace, so that the channel's side switches over without a gap; a
        // revoked channel's were refused already and stay so
        Duration grace = properties.previousKeyGrace();
        Instant previousUntil = channel.revoked() || grace.isZero() ? null : clock.instant().plus(grace);
        channels.renew(code, ChannelSecrets.digest(key), ChannelSecrets.digest(secret), secrets.seal(secret),
                previousUntil);
        forgetCodesOnCommit();
        return new RenewedKey(new CreatedChannel(code, channel.name(), channel.callbackUrl(), key, secret),
                channel.revoked(), previousUntil);
    }

    /**
     * The channels' keys as a page's forms need them, by code, in one read of the whole list: {@code marks}, which key
     * each has now, for the 换发密钥 forms to say which one they replace (a few characters of its stored digest, which
     * tell nothing of the key); {@code previousUntil}, until when a replaced key still holds, those within their grace
     * at this moment only (a revoked one's never), for the form that ends it early.
     */
    public record KeyStates(Map<String, String> marks, Map<String, Instant> previousUntil) {
    }

    @Transactional(readOnly = true)
    public KeyStates keyStates() {
        Instant now = clock.instant();
        List<Channel> all = channels.all();
        return new KeyStates(all.stream().collect(Collectors.toMap(Channel::code, ChannelAdministration::mark)),
                all.stream().filter(c -> c.previousHoldsAt(now))
                        .collect(Collectors.toMap(Channel::code, Channel::previousUntil)));
    }

    private static String mark(Channel channel) {
        return channel.keyHash().substring(0, 12);
    }

    /**
     * The ticket list's channels (ChannelCodeList) are read again once this transaction commits, not before, or a
     * list read meanwhile would keep the table as it was for FRESH_FOR.
     */
    private void forgetCodesOnCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                codes.forget();
            }
        });
    }

    private static DomainException exists(String code) {
        return new DomainException.Exists(Message.of("sanfu.channel.exists", "code", code));
    }

    private static String withLowerCaseScheme(String url) {
        int colon = url.indexOf(':');
        return url.substring(0, colon).toLowerCase(Locale.ROOT) + url.substring(colon);
    }

    private static boolean isHttpUrl(String url) {
        if (url.length() > MAX_URL) {
            return false;
        }
        try {
            URI uri = new URI(url);
            // a scheme is case-insensitive (RFC 3986 3.1): HTTP://X.COM/ is an http URL
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
