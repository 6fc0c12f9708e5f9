package org.sanfu.channel;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sanfu.Fresh;
import org.sanfu.ticket.ChannelCodes;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The channels by code, for the ticket list's source filter, which every /tickets view offers, parses and names:
 * a handful of rows, kept {@link #FRESH_FOR} (another node's new or revoked channel shows within that) and read
 * again at once after this node registers, revokes or renews one.
 */
@Component("channelCodes")
class ChannelCodeList implements ChannelCodes {

    static final Duration FRESH_FOR = Duration.ofSeconds(30);

    private record Known(Map<String, String> names, Set<String> revoked) {}

    private final Fresh<Known> known;
    private final Channels channels;
    private final MessageSource messages;

    ChannelCodeList(Channels channels, Clock clock, MessageSource messages) {
        this.channels = channels;
        this.messages = messages;
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

    /** A code not among {@link #namesByCode()} yet (registered on another node within their 30 s) is looked up alone. */
    @Override
    public String labelOf(String source) {
        if (source == null) {
            return null;
        }
        String label = messages.getMessage("label.source." + source, null, null, Locale.SIMPLIFIED_CHINESE);
        if (label != null) {
            return label;
        }
        String known = namesByCode().get(source);
        return known != null ? known : channels.find(source).map(Channel::name).orElse(source);
    }

    /** A channel was registered, revoked or renewed here: the next list reads the table again. */
    void forget() {
        known.forget();
    }
}
