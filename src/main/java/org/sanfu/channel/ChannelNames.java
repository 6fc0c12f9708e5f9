package org.sanfu.channel;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A ticket's source in words, for the ticket page ({@code @channelNames.labelOf(t.source)}: the ticket
 * module names no channel) and the figures by source: a visit's sources and SYSTEMIC by their Chinese
 * names, a channel's code by the channel's name, a code no channel has as it is. Names never change, so
 * they are kept once read.
 */
@Component("channelNames")
public class ChannelNames {

    private final Channels channels;
    private final MessageSource messages;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    ChannelNames(Channels channels, MessageSource messages) {
        this.channels = channels;
        this.messages = messages;
    }

    public String labelOf(String source) {
        String label = source == null ? null : messages.getMessage("label.source." + source, null, null, Locale.CHINESE);
        return label != null ? label : nameOf(source);
    }

    private String nameOf(String source) {
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
