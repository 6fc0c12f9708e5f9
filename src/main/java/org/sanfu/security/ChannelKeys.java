package org.sanfu.security;

import java.util.Optional;

/**
 * Who holds a channel key (header {@code X-Channel-Key}): the code of the channel whose live key it is,
 * or empty for a wrong or revoked key. The channel module keeps the keys; security only asks.
 */
public interface ChannelKeys {

    String HEADER = "X-Channel-Key";

    Optional<String> channelOf(String key);
}
