package org.sanfu.ticket;

import java.util.Map;
import java.util.Set;

/**
 * The channels, live or revoked, whose codes a ticket's source may name besides a visit's sources and SYSTEMIC: the
 * list's source filter offers and accepts them, and names them. The channel module answers; the ticket module names
 * no channel (the channel module depends on this one).
 */
public interface ChannelCodes {

    /** Every channel's name by its code, in code order; a revoked channel's too, since its tickets keep it. */
    Map<String, String> namesByCode();

    /** The codes among {@link #namesByCode()} of the channels revoked, which file no more tickets. */
    Set<String> revoked();
}
