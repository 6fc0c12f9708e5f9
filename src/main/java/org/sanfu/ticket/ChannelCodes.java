package org.sanfu.ticket;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The channels, live or revoked, whose codes a ticket's source may name besides a visit's sources and SYSTEMIC: the
 * list's source filter offers and accepts them, and every page names a ticket's source through {@link #labelOf}. The
 * channel module answers (bean {@code channelCodes}); the ticket module names no channel (the channel module depends
 * on this one).
 */
public interface ChannelCodes {

    /** Every channel's name by its code, in code order; a revoked channel's too, since its tickets keep it. */
    Map<String, String> namesByCode();

    /** The codes among {@link #namesByCode()} of the channels revoked, which file no more tickets. */
    Set<String> revoked();

    /**
     * Those of the codes some ticket came from ({@link TicketQueries#sourcesInUse}): the list's filter offers a
     * revoked channel only while its tickets are there to find. A yes is remembered on this node until the list is
     * read again after a change here, since a ticket is never deleted and keeps its source: only the codes not yet
     * seen in use are asked of the database.
     */
    Set<String> inUse(Collection<String> codes);

    /**
     * A ticket's source in words: a visit's sources and SYSTEMIC by their Chinese names ({@code label.source.*}), a
     * channel's code by the channel's name, a code none of them is as it is; null for null. What the ticket page, the
     * figures by source, the list's filter chip and its export say.
     */
    String labelOf(String source);
}
