package org.sanfu.channel;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import org.sanfu.Fresh;
import org.sanfu.ticket.ChannelCodes;
import org.springframework.stereotype.Component;

/**
 * The channels by code, for the ticket list's source filter, which every /tickets view offers, parses and names:
 * a handful of rows, kept {@link #FRESH_FOR} (another node's new channel shows within that) and read again at
 * once after this node registers one.
 */
@Component
class ChannelCodeList implements ChannelCodes {

    static final Duration FRESH_FOR = Duration.ofSeconds(30);

    private final Fresh<Map<String, String>> names;

    ChannelCodeList(Channels channels, Clock clock) {
        this.names = new Fresh<>(() -> Collections.unmodifiableMap(channels.namesByCode()), FRESH_FOR, clock);
    }

    @Override
    public Map<String, String> namesByCode() {
        return names.get();
    }

    /** A channel was registered here: the next list reads the table again. */
    void forget() {
        names.forget();
    }
}
