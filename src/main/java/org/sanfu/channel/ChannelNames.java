package org.sanfu.channel;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A ticket's source in words, for the ticket page ({@code @channelNames.labelOf(t.source)}: the ticket
 * module names no channel) and the figures by source: a visit's sources and SYSTEMIC by their Chinese
 * names, a channel's code by the channel's name, a code no channel has as it is.
 */
@Component("channelNames")
public class ChannelNames {

    private final Channels channels;
    private final ChannelCodeList codes;
    private final MessageSource messages;

    ChannelNames(Channels channels, ChannelCodeList codes, MessageSource messages) {
        this.channels = channels;
        this.codes = codes;
        this.messages = messages;
    }

    public String labelOf(String source) {
        String label = source == null ? null : messages.getMessage("label.source." + source, null, null, Locale.CHINESE);
        return label != null ? label : nameOf(source);
    }

    /**
     * From the channel names the list's source filter keeps (ChannelCodeList); a code not among them yet (registered
     * on another node within its 30 s) is looked up by itself.
     */
    private String nameOf(String source) {
        if (source == null) {
            return "";
        }
        String known = codes.namesByCode().get(source);
        return known != null ? known : channels.find(source).map(Channel::name).orElse(source);
    }
}
