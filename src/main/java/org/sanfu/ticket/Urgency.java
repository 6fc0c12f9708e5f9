package org.sanfu.ticket;

/** How soon the enterprise needs an answer; URGENT halves the routing limits. */
public enum Urgency {
    NORMAL, URGENT
}
