package org.sanfu.channel;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sanfu.Fresh;
import org.sanfu.ticket.ChannelCodes;
import org.sanfu.ticket.TicketQueries;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The channels by code, for the ticket list's source filter, which every /tickets view offers, parses and names:
 * a handful of rows, kept {@link #FRESH_FOR} (another node's new or revoked channel shows within that) and read
 * again at once after this node registers, revokes or renews one; with them, which codes tickets were seen to come
 * from, forgotten at the same moments.
 */
@Component("channelCodes")
class ChannelCodeList implements ChannelCodes {

    static final Duration FRESH_FOR = Duration.ofSeconds(30);

    private record Known(Map<String, String> names, Set<String> revoked) {}

    private final Fresh<Known> known;
    private final Channels channels;
    private final MessageSource messages;
    private final TicketQueries tickets;
    /** The codes seen to be some ticket's source, which they stay: a ticket is never deleted and keeps its source. */
    private final Set<String> inUse = ConcurrentHashMap.newKeySet();

    ChannelCodeList(Channels channels, Clock clock, MessageSource messages, TicketQueries tickets) {
        this.channels = channels;
        this.messages = messages;
        this.tickets = tickets;
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

    @Override
    public Set<String> inUse(Collection<String> codes) {
        Set<String> found = new HashSet<>();
        Set<String> unseen = new HashSet<>();
        for (String code : codes) {
            (inUse.contains(code) ? found : unseen).add(code);
        }
        if (!unseen.isEmpty()) {
            Set<String> asked = tickets.sourcesInUse(unseen);
            inUse.addAll(asked);
            found.addAll(asked);
        }
        return found;
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

    /**
     * A channel was registered, revoked or renewed here: the next list reads the table again, and asks again which
     * codes are in use.
     */
    void forget() {
        known.forget();
        inUse.clear();
    }
}
