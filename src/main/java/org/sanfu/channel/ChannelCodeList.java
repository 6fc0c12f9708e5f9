package org.sanfu.channel;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sanfu.ticket.ChannelCodes;
import org.springframework.stereotype.Component;

/** The channels by code, for the ticket list's source filter: a handful of rows, read as the list needs them. */
@Component
class ChannelCodeList implements ChannelCodes {

    private final Channels channels;

    ChannelCodeList(Channels channels) {
        this.channels = channels;
    }

    @Override
    public Map<String, String> namesByCode() {
        Map<String, String> names = new LinkedHashMap<>();
        channels.all().forEach(c -> names.put(c.code(), c.name()));
        return names;
    }
}
