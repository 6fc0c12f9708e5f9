package org.sanfu.channel;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.sanfu.Fresh;
import org.sanfu.ticket.ChannelCodes;
import org.springframework.stereotype.Component;

/**
 * The channels by code, for the ticket list's source filter, which every /tickets view offers, parses and names:
 * a handful of rows, kept {@link #FRESH_FOR} (another node's new or revoked channel shows within that) and read
 * again at once after this node registers, revokes or renews one.
 */
@Component
class ChannelCodeList implements ChannelCodes {

    static final Duration FRESH_FOR = Duration.ofSeconds(30);

    private record Known(Map<String, String> names, Set<String> revoked) {}

    private final Fresh<Known> known;

    ChannelCodeList(Channels channels, Clock clock) {
        this.known = new Fresh<>(() -> {
            Map<String, String> names = new LinkedHashMap<>();
            Set<String> revoked = new LinkedHashSet<>();
            for (Channels.Named channel : channels.named()) {
                names.put(channel.code(), channel.name());
                if (channel.revoked()) {
                    revoked.add(channel.code());
                }
            }
            return new Known(Collections.unmodifiableMap(names), Collections.unmodifiableSet(revoked));
        }, FRESH_FOR, clock);
    }

    @Override
    public Map<String, String> namesByCode() {
        return known.get().names();
    }

    @Override
    public Set<String> revoked() {
        return known.get().revoked();
    }

    /** A channel was registered, revoked or renewed here: the next list reads the table again. */
    void forget() {
        known.forget();
    }
}
