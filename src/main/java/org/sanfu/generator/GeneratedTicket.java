package org.sanfu.generator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.sanfu.ticket.TicketStatus;

/** One generated ticket: its row as the service would have left it, its history, co-handling and parts. */
final class GeneratedTicket {

    record Event(Instant at, String actor, String action, TicketStatus from, TicketStatus to, String detail) {}

    record Contribution(String department, String opinion, String by, Instant at) {}

    long id;
    GeneratedVisit visit;
    String creditCode;
    String enterpriseName;
    String town;
    String reporter;
    String category;
    String title;
    String description;
    String urgency;
    String source;
    TicketStatus status;
    String lead;
    /** Every department that has held the lead, and those of them that returned it. */
    final Set<String> leadDepartments = new TreeSet<>();
    final Set<String> returnedBy = new TreeSet<>();
    /** The signs of the leads whose turns ended, as {@code ticket.sign_turns} holds them (null for none). */
    String signTurns;
    List<String> co = List.of();
    Instant reported;
    Instant assigned;
    Instant signed;
    Instant replied;
    Instant closed;
    int signLimit;
    int replyLimit;
    Instant signDeadline;
    Instant replyDeadline;
    boolean overdue;
    boolean signOverdue;
    boolean replyOverdue;
    int reopenCount;
    int returnCount;
    String escalation;
    String satisfaction;
    String resolution;
    String outcome;
    boolean onSite;
    Instant updated;
    Instant signClockStart;
    Instant replyClockStart;
    int signReminded;
    int replyReminded;
    Instant feedbackDue;
    Boolean signedOnTime;
    Boolean repliedOnTime;
    BigDecimal hoursToClose;
    Instant signNext;
    Instant replyNext;
    Instant feedbackNext;
    Instant overdueSince;
    /** An open IN_PROGRESS ticket whose co-departments have not given their opinions yet. */
    boolean partsOpen;
    final List<Event> events = new ArrayList<>();
    final List<Contribution> contributions = new ArrayList<>();

    boolean open() {
        return status != TicketStatus.CLOSED;
    }
}
