package org.sanfu.ticket;

import java.util.Set;

/** Published after a transaction that changed these tickets has committed (outside it). */
public record TicketsCommitted(Set<Long> ids) {
}
