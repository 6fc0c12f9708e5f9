package org.sanfu.ticket;

import java.time.Instant;
import java.util.List;
import org.sanfu.sla.Notification;
import org.sanfu.ticket.process.TicketProcess;

/**
 * A ticket (事项交办单): its row, its co-departments, and the process's open tasks on it. It knows
 * the rules that depend on its own state alone: whether a deadline was missed, when its limits send
 * it to a leader, whether an extension may still be asked, and when each clock next needs attention.
 * Where the process is (status, open tasks) is the process's to decide, never set here.
 */
public record Ticket(
        long id,
        /** The visit the problem was heard on; null for a channel's problem (issue 14). */
        Long visitId,
        String enterpriseCreditCode,
        String enterpriseName,
        String town,
        String reporter,
        String category,
        String title,
        String description,
        Urgency urgency,
        String source,
        TicketStatus status,
        String leadDepartment,
        List<String> coDepartments,
        Instant reportedAt,
        Instant assignedAt,
        Instant signedAt,
        Instant repliedAt,
        Instant closedAt,
        int signLimit,
        int replyLimit,
        Instant signDeadline,
        Instant replyDeadline,
        boolean overdue,
        Clocks clocks,
        int reopenCount,
        int returnCount,
        EscalationLevel escalationLevel,
        Satisfaction satisfaction,
        String resolution,
        Outcome outcome,
        boolean resolvedOnSite,
        String processInstanceId,
        List<OpenTask> openTasks,
        ExtensionRequest extensionRequest,
        List<Contribution> contributions,
        /** The moment of its last change the API shows (TicketChanges): what a pull by updatedSince reads. */
        Instant updatedAt) {

    /** The state of the sign and reply clocks and of the feedback window. */
    public record Clocks(Instant signStart, int signReminded, boolean signOverdue, Instant replyStart,
            int replyReminded, boolean replyOverdue, Instant feedbackDue, Instant signNext, Instant replyNext,
            Instant feedbackNext) {

        /** When the running clock next needs attention; null when it is not running. */
        public Instant next(DeadlineClock clock) {
            return switch (clock) {
                case SIGN -> signNext;
                case REPLY -> replyNext;
                case FEEDBACK -> feedbackNext;
            };
        }
    }

    /** A co-department's answer (协办意见). */
    public record Contribution(String department, String opinion, String by, Instant at) {}

    /** A lead department's pending request for more working days (延期). */
    public record ExtensionRequest(int workingDays, String reason, Instant requestedAt) {}

    /** A third return puts a ticket under a leader's supervision (API.md). */
    public static final int RETURNS_BEFORE_SUPERVISION = 3;
    /** Dissatisfied again after this many reopens: a leader decides. */
    public static final int REOPENS_BEFORE_SUPERVISION = 2;
    /** The percentages of a limit at which a clock reminds (催办), before its deadline at 100. */
    public static final List<Integer> REMINDER_POINTS = List.of(50, 75);

    /**
     * A user task the process waits on, a group that may work it (a role or a department), and the
     * version of the diagram it belongs to (null for a task opened before V30 and not yet given one).
     */
    public record OpenTask(String taskId, String taskKey, String candidateGroup, String processDefinitionId) {}

    public boolean returnedTooOften() {
        return returnCount >= RETURNS_BEFORE_SUPERVISION;
    }

    public boolean reopenedTooOften() {
        return reopenCount >= REOPENS_BEFORE_SUPERVISION;
    }

    public boolean signedLate(Instant at) {
        return signDeadline != null && at.isAfter(signDeadline);
    }

    public boolean repliedLate(Instant at) {
        return replyDeadline != null && at.isAfter(replyDeadline);
    }

    /** An extension (延期) must be asked before the reply deadline, not after it was missed. */
    public boolean mayAskExtension(Instant now) {
        return replyDeadline != null && now.isBefore(replyDeadline);
    }

    public Instant deadline(DeadlineClock clock) {
        return switch (clock) {
            case SIGN -> signDeadline;
            case REPLY -> replyDeadline;
            case FEEDBACK -> clocks.feedbackDue();
        };
    }

    public Instant clockStart(DeadlineClock clock) {
        return clock == DeadlineClock.SIGN ? clocks.signStart() : clocks.replyStart();
    }

    /** How far the clock was reminded (0, 50, 75); the feedback window is never reminded. */
    public int reminded(DeadlineClock clock) {
        return switch (clock) {
            case SIGN -> clocks.signReminded();
            case REPLY -> clocks.replyReminded();
            case FEEDBACK -> 0;
        };
    }

    public boolean overdue(DeadlineClock clock) {
        return switch (clock) {
            case SIGN -> clocks.signOverdue();
            case REPLY -> clocks.replyOverdue();
            case FEEDBACK -> false;
        };
    }

    /**
     * When this clock next needs attention: its first reminder point not yet reminded, else its
     * deadline if not yet marked; null when it has nothing left to say. {@code pointOf} places a
     * percentage of the limit in working time.
     */
    public Instant nextClockPoint(DeadlineClock clock, PointOf pointOf) {
        Instant deadline = deadline(clock);
        Instant start = clockStart(clock);
        if (deadline == null || overdue(clock)) {
            return null;
        }
        for (int percent : clock.reminds() ? REMINDER_POINTS : List.<Integer>of()) {
            if (reminded(clock) < percent && start != null) {
                return pointOf.at(start, deadline, percent);
            }
        }
        return deadline;
    }

    /** Where a percentage of a limit falls in working time (WorkingDayCalendar.pointOf). */
    @FunctionalInterface
    public interface PointOf {
        Instant at(Instant start, Instant deadline, int percent);
    }

    /** The co-departments whose part (协办) is still open. */
    public List<String> openParts() {
        return openTasks.stream().filter(t -> t.taskKey().equals(TicketProcess.TASK_CONTRIBUTE))
                .map(OpenTask::candidateGroup).toList();
    }

    /** Whether the process waits on a task of this key, whoever works it. */
    public boolean waitsOn(String taskKey) {
        return openTasks.stream().anyMatch(t -> t.taskKey().equals(taskKey));
    }

    /**
     * Who is to move the ticket on now, to hear of its clocks (催办, 超期): the lead department while a task
     * of its own waits (signing, handling), else the group of the task the process waits on: dispatch at
     * assignment or with the task force's answer, the leaders under supervision. A department that
     * returned or escalated the ticket, or lost it to a leader, can no longer act on it. The lead
     * department when the process waits on nothing.
     */
    public String holder() {
        if (openTasks.stream().anyMatch(t -> t.candidateGroup().equals(leadDepartment))) {
            return leadDepartment;
        }
        return openTasks.stream().map(OpenTask::candidateGroup).findFirst().orElse(leadDepartment);
    }

    /** What {@code recipient} should hear of this ticket: 事项 N「title」 and {@code what}, with the deadline it concerns. */
    public Notification notice(Notification.Kind kind, String recipient, Instant deadline, String what) {
        return new Notification(kind, String.valueOf(id), recipient, title, enterpriseName, deadline,
                "事项 " + id + "「" + title + "」" + what);
    }

    /** Whether the problem came from an entry dispatch logged (a hotline call, an online report): Source.isEntry. */
    public boolean fromEntry() {
        return Source.isEntry(source);
    }

    /** Whether this department leads the ticket or co-handles it. */
    public boolean involves(String department) {
        return department != null && (department.equals(leadDepartment) || coDepartments.contains(department));
    }

    Ticket withCoHandling(List<String> departments, List<OpenTask> open, List<Contribution> answers) {
        return new Ticket(id, visitId, enterpriseCreditCode, enterpriseName, town, reporter, category, title,
                description, urgency, source, status, leadDepartment, departments, reportedAt, assignedAt, signedAt,
                repliedAt, closedAt, signLimit, replyLimit, signDeadline, replyDeadline, overdue, clocks, reopenCount,
                returnCount, escalationLevel, satisfaction, resolution, outcome, resolvedOnSite, processInstanceId,
                open, extensionRequest, answers, updatedAt);
    }
}
