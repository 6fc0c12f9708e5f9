package org.sanfu.ticket;

/**
 * The clocks of a ticket: to sign (签收) and to reply (办理/答复), each reminded and marked overdue,
 * and the enterprise's feedback window (回访), which closes the ticket unrated when it passes.
 */
public enum DeadlineClock {
    SIGN("签收"), REPLY("办理"), FEEDBACK("回访");

    private final String label;

    DeadlineClock(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the clock is reminded at the reminder points (催办) before its deadline. */
    public boolean reminds() {
        return this != FEEDBACK;
    }
}
