package org.sanfu.channel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * A channel's name for a ticket's source, for the pages ({@code @channelNames.nameOf(t.source)} in
 * templates/tickets/ticket.html: the ticket module names no channel). A code no channel has is shown as
 * it is. Names never change, so they are kept once read.
 */
@Component("channelNames")
public class ChannelNames {

    private final Channels channels;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    ChannelNames(Channels channels) {
        this.channels = channels;
    }

    public String nameOf(String source) {
        if (source == null) {
            return "";
        }
        String known = names.get(source);
        if (known != null) {
            return known;
        }
        return channels.find(source).map(c -> {
            names.put(source, c.name());
            return c.name();
        }).orElse(source);
    }
}
