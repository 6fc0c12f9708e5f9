package org.sanfu.ticket;

/**
 * The clocks of a ticket: to sign (签收) and to reply (答复), each reminded and marked overdue,
 * and the enterprise's feedback window (回访), which closes the ticket unrated when it passes.
 */
public enum DeadlineClock {
    // one name per clock wherever a person reads it (the ticket's page, its history, notices, the briefing): the
    // reply's is 答复, after the action that stops it, so its deadline reads 答复期限 everywhere
    SIGN("签收"), REPLY("答复"), FEEDBACK("回访");

    private final String label;

    DeadlineClock(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The deadline, the moment by which (签收期限, 答复期限, 回访期限), as the ticket's page names it
     * ({@code label.deadline.*}); 时限 is kept for the working days allowed (答复时限 5 个工作日).
     */
    public String deadlineName() {
        return label + "期限";
    }

    /** Whether the clock is reminded at the reminder points (催办) before its deadline. */
    public boolean reminds() {
        return this != FEEDBACK;
    }
}
