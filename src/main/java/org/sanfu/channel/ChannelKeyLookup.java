package org.sanfu.channel;

import java.time.Clock;
import java.util.Optional;
import org.sanfu.security.ChannelKeys;
import org.springframework.stereotype.Component;

/**
 * Who holds a key, for the security module's filter: looked up by its SHA-256 digest (the only thing
 * stored), then compared in constant time. The digest of a 256-bit random key tells nothing about the
 * key, so the index lookup's timing gives a guesser nothing either. Read on every request: a revoked
 * key is refused at once. The key a renewal replaced holds too until its grace
 * (sanfu.channels.previous-key-grace) ends, by the injected Clock, so that the channel's side can switch over.
 */
@Component
class ChannelKeyLookup implements ChannelKeys {

    private final Channels channels;
    private final Clock clock;

    ChannelKeyLookup(Channels channels, Clock clock) {
        this.channels = channels;
        this.clock = clock;
    }

    @Override
    public Optional<String> channelOf(String key) {
        if (key.length() > 200) {
            return Optional.empty();
        }
        String digest = ChannelSecrets.digest(key);
        return channels.liveByKeyHash(digest).filter(c -> ChannelSecrets.sameDigest(c.keyHash(), digest))
                .or(() -> channels.liveByPreviousKeyHash(digest, clock.instant())
                        .filter(c -> ChannelSecrets.sameDigest(c.previousKeyHash(), digest)))
                .map(Channel::code);
    }
}
