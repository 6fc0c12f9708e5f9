package org.sanfu.systemic;

/** A systemic problem proposed by the scan, confirmed by dispatch into a case, or dismissed. */
public enum SystemicStatus {
    PROPOSED, CONFIRMED, DISMISSED
}
