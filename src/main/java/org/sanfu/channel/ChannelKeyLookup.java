package org.sanfu.channel;

import java.util.Optional;
import org.sanfu.security.ChannelKeys;
import org.springframework.stereotype.Component;

/**
 * Who holds a key, for the security module's filter: looked up by its SHA-256 digest (the only thing
 * stored), then compared in constant time. The digest of a 256-bit random key tells nothing about the
 * key, so the index lookup's timing gives a guesser nothing either. Read on every request: a revoked
 * key is refused at once.
 */
@Component
class ChannelKeyLookup implements ChannelKeys {

    private final Channels channels;

    ChannelKeyLookup(Channels channels) {
        this.channels = channels;
    }

    @Override
    public Optional<String> channelOf(String key) {
        if (key.length() > 200) {
            return Optional.empty();
        }
        String digest = ChannelSecrets.digest(key);
        return channels.liveByKeyHash(digest).filter(c -> ChannelSecrets.sameDigest(c.keyHash(), digest))
                .map(Channel::code);
    }
}
