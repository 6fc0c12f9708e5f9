package org.sanfu.ticket;

/** The two deadlines of a ticket: to sign (签收) and to reply (办理/答复). */
public enum DeadlineClock {
    SIGN("签收"), REPLY("办理");

    private final String label;

    DeadlineClock(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
