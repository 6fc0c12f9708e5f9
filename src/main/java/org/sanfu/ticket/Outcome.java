package org.sanfu.ticket;

/** What a reply says of the problem. */
public enum Outcome {
    RESOLVED, PARTIAL, CANNOT_RESOLVE
}
