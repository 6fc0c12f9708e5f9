package org.sanfu.sla;

import java.time.Instant;

/**
 * Something a person should hear about a ticket: a reminder (催办), an overdue mark (超期) or a
 * ticket put under supervision (督办). {@code recipient} is a department code or a role. A notice about
 * several tickets at once (the deadlines a new holiday calendar brought nearer) has no {@code ticketId}
 * and no {@code enterpriseName}: its text names the tickets.
 */
public record Notification(Kind kind, String ticketId, String recipient, String title, String enterpriseName,
        Instant deadline, String text) {

    public enum Kind { REMINDER, OVERDUE, SUPERVISION }
}
