package org.sanfu.generator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.sanfu.calendar.WorkingDayCalendar;
import org.sanfu.catalog.Catalog;
import org.sanfu.routing.RoutingDecision;
import org.sanfu.ticket.DeadlineClock;
import org.sanfu.ticket.TicketEvent;
import org.sanfu.ticket.TicketFacts;
import org.sanfu.ticket.TicketStatus;

/**
 * The life of one ticket from its report up to the service's "now", step by step as the service
 * would have recorded it (the actions of API.md, the routing decision, the deadline sweep's
 * reminders and overdue marks, the feedback window): a step that would fall after now has not
 * happened, and the ticket is open where it waits. So old tickets are mostly closed, recent ones
 * spread over the open statuses, and every flag agrees with the times and with the history.
 */
final class Story {

    /** The sweep runs every minute: a clock's moment is seen this much after it. */
    private static final long SWEEP_SECONDS = 30;

    private final WorkingDayCalendar calendar;
    private final Catalog catalog;
    private final int feedbackWindow;
    private final Instant now;
    private final List<String> handlingDepartments;
    private final DateTimeFormatter minutes;

    Story(WorkingDayCalendar calendar, Catalog catalog, int feedbackWindow, Instant now, ZoneId zone) {
        this.calendar = calendar;
        this.catalog = catalog;
        this.feedbackWindow = feedbackWindow;
        this.now = now;
        this.handlingDepartments = catalog.departmentCodes().stream().filter(catalog::isHandlingDepartment).toList();
        this.minutes = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
    }

    /** A running deadline clock: its start, deadline, how far it was reminded and whether it was missed. */
    private final class Clock {
        final DeadlineClock which;
        final Instant start;
        final Instant deadline;
        Instant p50;
        Instant p75;
        int reminded;
        boolean overdue;

        Clock(DeadlineClock which, Instant start, Instant deadline) {
            this.which = which;
            this.start = start;
            this.deadline = deadline;
        }

        Instant point(int percent) {
            if (percent == 50) {
                return p50 == null ? p50 = calendar.pointOf(start, deadline, 50) : p50;
            }
            return p75 == null ? p75 = calendar.pointOf(start, deadline, 75) : p75;
        }

        /** Ticket.nextClockPoint: the first reminder point not reminded, else the deadline; null once missed. */
        Instant next() {
            if (overdue) {
                return null;
            }
            for (int percent : new int[] {50, 75}) {
                if (reminded < percent) {
                    return point(percent);
                }
            }
            return deadline;
        }
    }

    /** What one story builds besides the ticket: the sweep's events, whose status is the ticket's at their time. */
    private static final class Run {
        final GeneratedTicket t;
        final SplittableRandom r;
        final List<GeneratedTicket.Event> sweeps = new ArrayList<>();
        Instant firstMark;
        Clock sign;
        Clock reply;
        Instant replyRunsFrom;
        Instant at;

        Run(GeneratedTicket t, SplittableRandom r) {
            this.t = t;
            this.r = r;
        }
    }

    /**
     * Tells the ticket's story: {@code t} holds its report (enterprise, category, texts, urgency,
     * source, reporter, reported time); {@code routed} is the routing table's answer for it.
     */
    void tell(GeneratedTicket t, RoutingDecision routed, boolean onSite, SplittableRandom r) {
        Run run = new Run(t, r);
        t.signLimit = routed.signLimit();
        t.replyLimit = routed.replyLimit();
        t.replyClockStart = t.reported;
        Instant logged = t.visit.createdAt;
        run.at = logged;
        event(run, logged, t.reporter, TicketEvent.REPORT, null, null, "[" + catalog.categoryLabel(t.category) + "] " + t.title);
        if (onSite) {
            t.onSite = true;
            t.resolution = Vocabulary.fill(r, Vocabulary.pick(r, Vocabulary.of(t.category).answers()), null);
            t.outcome = "RESOLVED";
            t.replied = t.reported;
            t.repliedOnTime = true;
            t.status = TicketStatus.REPLIED;
            event(run, logged, t.reporter, "resolve-on-site", null, TicketStatus.REPLIED, t.resolution);
            feedback(run, logged, true);
        } else {
            run.reply = new Clock(DeadlineClock.REPLY, t.reported, calendar.plusWorkingDays(t.reported, t.replyLimit));
            t.replyDeadline = run.reply.deadline;
            run.replyRunsFrom = logged;
            if (routed.routed()) {
                assign(run, logged, routed.leadDepartment(), routed.coDepartments());
                event(run, logged, TicketEvent.SYSTEM, "route", null, TicketStatus.ASSIGNED, routing(t));
                t.status = TicketStatus.ASSIGNED;
            } else {
                t.status = TicketStatus.DISPATCHING;
                event(run, logged, TicketEvent.SYSTEM, "route", null, TicketStatus.DISPATCHING, routing(t));
            }
            handle(run, false);
        }
        finish(run);
    }

    /** From DISPATCHING or ASSIGNED on, until the ticket closes or waits past now. */
    private void handle(Run run, boolean calm) {
        GeneratedTicket t = run.t;
        SplittableRandom r = run.r;
        while (true) {
            switch (t.status) {
                case DISPATCHING -> {
                    // most are assigned within hours; a few need days of asking around
                    Instant at = work(run.at, r.nextInt(10) == 0 ? lognormal(r, 9 * 2, 0.8) : lognormal(r, 1.5, 1.0));
                    if (at.isAfter(now)) {
                        return;
                    }
                    String lead = t.lead == null ? pickLead(r, t) : otherDepartment(r, t.lead);
                    List<String> co = r.nextInt(10) == 0 ? List.of(otherDepartment(r, lead)) : List.of();
                    String detail = departments(lead, co) + (t.returnCount > 0 ? "；退回成立，重新计算签收时限" : "");
                    assign(run, at, lead, co);
                    transition(run, at, "dispatch", "assign", TicketStatus.ASSIGNED, detail);
                }
                case ASSIGNED -> {
                    boolean returns = !calm && t.returnCount < 3 && r.nextInt(100) < (t.returnCount == 0 ? 3 : 35);
                    Instant at = work(run.at, lognormal(r, returns ? 3 : 1.5, 1.2));
                    if (at.isAfter(now)) {
                        return;
                    }
                    sweep(run, run.sign, run.at, at);
                    String user = user(t.lead);
                    if (returns) {
                        t.returnCount++;
                        t.returnedBy.add(t.lead);
                        TicketStatus to = t.returnCount >= 3 ? TicketStatus.SUPERVISION : TicketStatus.DISPATCHING;
                        transition(run, at, user, "return", to, Vocabulary.fill(r,
                                Vocabulary.pick(r, Vocabulary.RETURN_REASONS), catalog.departmentLabel(otherDepartment(r, t.lead))));
                    } else {
                        boolean late = late(run, run.sign, at);
                        t.signed = at;
                        t.signedOnTime = !late;
                        transition(run, at, user, "sign", TicketStatus.IN_PROGRESS, late ? "超过签收时限" : null);
                    }
                }
                case IN_PROGRESS -> {
                    if (!inProgress(run, calm)) {
                        return;
                    }
                }
                case ESCALATED -> {
                    Instant at = work(run.at, lognormal(r, 9 * 12, 0.8));
                    if (at.isAfter(now)) {
                        return;
                    }
                    replied(run, at, "dispatch", "escalation-reply");
                }
                case REPLIED -> {
                    if (!feedback(run, run.at, calm)) {
                        return;
                    }
                }
                case SUPERVISION -> {
                    // a leader's ruling (督办) takes weeks rather than days
                    Instant at = work(run.at, lognormal(r, 9 * 12, 0.8));
                    if (at.isAfter(now)) {
                        return;
                    }
                    if (r.nextInt(10) < 7) {
                        stopReply(run, at);
                        transition(run, at, "leader", "rule", TicketStatus.CLOSED, "督办裁定销号：已协调处理，予以销号");
                        close(run, at);
                        return;
                    }
                    String lead = otherDepartment(r, t.lead);
                    List<String> co = t.co.stream().filter(d -> !d.equals(lead)).toList();
                    assign(run, at, lead, co);
                    transition(run, at, "leader", "rule", TicketStatus.ASSIGNED, "督办裁定改派：" + departments(lead, co));
                    calm = true;
                }
                case CLOSED -> {
                    return;
                }
            }
        }
    }

    /** Handling: the co-departments' parts, then the lead's reply or escalation; false when it waits past now. */
    private boolean inProgress(Run run, boolean calm) {
        GeneratedTicket t = run.t;
        SplittableRandom r = run.r;
        double limitHours = 9.0 * t.replyLimit;
        Instant last = run.at;
        List<GeneratedTicket.Contribution> parts = new ArrayList<>();
        for (String department : t.co) {
            Instant at = work(run.at, lognormal(r, limitHours * 0.2, 0.7));
            parts.add(new GeneratedTicket.Contribution(department, Vocabulary.pick(r, Vocabulary.OPINIONS), user(department), at));
            last = at.isAfter(last) ? at : last;
        }
        if (last.isAfter(now)) {
            t.partsOpen = !parts.isEmpty();
            return false;
        }
        parts.sort(Comparator.comparing(GeneratedTicket.Contribution::at));
        for (GeneratedTicket.Contribution part : parts) {
            t.contributions.add(part);
            event(run, part.at(), part.by(), "contribute", TicketStatus.IN_PROGRESS, TicketStatus.IN_PROGRESS,
                    catalog.departmentLabel(part.department()) + "：" + part.opinion());
        }
        boolean escalates = !calm && t.reopenCount == 0 && t.escalation == null && r.nextInt(1000) < 15;
        Instant at = work(last, lognormal(r, escalates ? 9 : limitHours * 0.45, 0.6));
        if (at.isAfter(now)) {
            return false;
        }
        if (escalates) {
            t.escalation = r.nextInt(4) == 0 ? "PROVINCE" : "CITY";
            transition(run, at, user(t.lead), "escalate", TicketStatus.ESCALATED,
                    ("CITY".equals(t.escalation) ? "上报市专班：" : "上报省专班：") + Vocabulary.pick(r, Vocabulary.ESCALATION_REASONS));
            return true;
        }
        replied(run, at, user(t.lead), "reply");
        return true;
    }

    /** A reply (the lead's, or the task force's recorded by dispatch): the reply clock stops, the feedback window opens. */
    private void replied(Run run, Instant at, String actor, String action) {
        GeneratedTicket t = run.t;
        SplittableRandom r = run.r;
        stopReply(run, at);
        boolean late = late(run, run.reply, at);
        t.replied = at;
        t.repliedOnTime = !late;
        int draw = r.nextInt(100);
        t.outcome = draw < 80 ? "RESOLVED" : draw < 95 ? "PARTIAL" : "CANNOT_RESOLVE";
        t.resolution = Vocabulary.fill(r, Vocabulary.pick(r, Vocabulary.of(t.category).answers()), null);
        transition(run, at, actor, action, TicketStatus.REPLIED, "[" + t.outcome + "] " + t.resolution);
    }

    /**
     * The feedback window from {@code at}: the enterprise's feedback, or none and the ticket closes
     * UNRATED when the window passes; false when it is still open at now.
     */
    private boolean feedback(Run run, Instant at, boolean calm) {
        GeneratedTicket t = run.t;
        SplittableRandom r = run.r;
        t.feedbackDue = calendar.plusWorkingDays(at, feedbackWindow);
        boolean unrated = r.nextInt(100) < 10;
        Instant given = work(at, lognormal(r, 9, 0.9));
        if (unrated || !given.isBefore(t.feedbackDue)) {
            Instant closes = t.feedbackDue.plusSeconds(SWEEP_SECONDS);
            if (closes.isAfter(now)) {
                t.feedbackNext = t.feedbackDue;
                return false;
            }
            t.satisfaction = "UNRATED";
            transition(run, closes, TicketEvent.SYSTEM, "close-unrated", TicketStatus.CLOSED,
                    "回访期满（" + feedbackWindow + " 个工作日）未收到企业评价，自动销号");
            close(run, closes);
            return true;
        }
        if (given.isAfter(now)) {
            t.feedbackNext = t.feedbackDue;
            return false;
        }
        int draw = r.nextInt(100);
        boolean mayDisagree = !calm && !t.onSite;
        // an enterprise dissatisfied once stays so more often
        int dissatisfied = t.reopenCount > 0 ? 35 : "RESOLVED".equals(t.outcome) ? 4 : 30;
        String satisfaction = mayDisagree && draw < dissatisfied ? "DISSATISFIED"
                : draw < 75 ? "SATISFIED" : "BASICALLY_SATISFIED";
        t.satisfaction = satisfaction;
        String staff = t.reporter.startsWith("staff") ? t.reporter : "staff1";
        String comment = r.nextInt(3) == 0 ? "；" + Vocabulary.FEEDBACK_COMMENTS.get(
                "DISSATISFIED".equals(satisfaction) ? 3 + r.nextInt(2) : r.nextInt(3)) : "";
        if (!"DISSATISFIED".equals(satisfaction)) {
            transition(run, given, staff, "feedback", TicketStatus.CLOSED, satisfaction + comment);
            close(run, given);
            return true;
        }
        // a fresh reply clock either way (TicketLifecycle.reopen, awaitAnswerAgain); a leader decides after two reopens
        boolean supervised = t.reopenCount >= 2;
        if (!supervised) {
            t.reopenCount++;
        }
        run.reply = new Clock(DeadlineClock.REPLY, given, calendar.plusWorkingDays(given, t.replyLimit));
        t.replyDeadline = run.reply.deadline;
        t.replyClockStart = given;
        run.replyRunsFrom = given;
        transition(run, given, staff, "feedback", supervised ? TicketStatus.SUPERVISION : TicketStatus.IN_PROGRESS,
                satisfaction + comment);
        return true;
    }

    /**
     * Assignment: the lead (and co-departments) and a new sign clock from {@code at}; the turn of the lead
     * before keeps its sign, or its missed sign deadline (Tickets.route).
     */
    private void assign(Run run, Instant at, String lead, List<String> co) {
        GeneratedTicket t = run.t;
        if (t.lead != null && run.sign != null) {
            TicketFacts.SignOutcome outcome = TicketFacts.SignOutcome.of(t.signed != null, t.signedOnTime,
                    run.sign.overdue);
            if (outcome != null) {
                t.signTurns = TicketFacts.withSignTurn(t.signTurns, new TicketFacts.SignTurn(t.lead, outcome));
            }
        }
        t.lead = lead;
        t.leadDepartments.add(lead);
        t.co = co;
        t.assigned = at;
        t.signed = null; // a new sign clock: the new lead's sign is the one that counts (Tickets.route)
        t.signedOnTime = null;
        run.sign = new Clock(DeadlineClock.SIGN, at, calendar.plusWorkingDays(at, t.signLimit));
        t.signDeadline = run.sign.deadline;
        t.signClockStart = at;
    }

    private void stopReply(Run run, Instant at) {
        if (run.replyRunsFrom != null) {
            sweep(run, run.reply, run.replyRunsFrom, at);
            run.replyRunsFrom = null;
        }
    }

    private void close(Run run, Instant at) {
        GeneratedTicket t = run.t;
        t.closed = at;
        t.hoursToClose = BigDecimal.valueOf(Duration.between(t.reported, at).toMinutes())
                .divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
    }

    /**
     * What the deadline sweep does while a clock runs from {@code from} until {@code until}: at each
     * next point it reminds (the latest point passed) or, at the deadline, marks the clock overdue.
     */
    private void sweep(Run run, Clock c, Instant from, Instant until) {
        Instant seen = from;
        while (true) {
            Instant next = c.next();
            if (next == null) {
                return;
            }
            Instant fire = (next.isAfter(seen) ? next : seen).plusSeconds(SWEEP_SECONDS);
            if (!fire.isBefore(until)) {
                return;
            }
            if (!fire.isBefore(c.deadline)) {
                c.overdue = true;
                missed(run, fire, c.deadline);
                run.sweeps.add(new GeneratedTicket.Event(fire, TicketEvent.SYSTEM, "overdue", null, null,
                        c.which.label() + "超期：期限 " + minutes.format(c.deadline)));
            } else {
                int percent = !fire.isBefore(c.point(75)) ? 75 : 50;
                c.reminded = percent;
                run.sweeps.add(new GeneratedTicket.Event(fire, TicketEvent.SYSTEM, "remind", null, null,
                        c.which.label() + "时限已过 " + percent + "%，请于 " + minutes.format(c.deadline) + " 前完成"));
            }
            seen = fire;
        }
    }

    /** Whether an action at {@code at} that stops the clock comes after its deadline, which marks the clock missed. */
    private boolean late(Run run, Clock c, Instant at) {
        boolean late = at.isAfter(c.deadline);
        if (late) {
            c.overdue = true;
            missed(run, at, c.deadline);
        }
        return late;
    }

    /** A deadline was missed, noticed at {@code at}: the ticket is overdue from the first deadline it missed. */
    private void missed(Run run, Instant at, Instant deadline) {
        run.t.overdue = true;
        if (run.firstMark == null || at.isBefore(run.firstMark)) {
            run.firstMark = at;
            run.t.overdueSince = deadline;
        }
    }

    /** The clocks still running at now, the flags of the current clocks, and the history in time order. */
    private void finish(Run run) {
        GeneratedTicket t = run.t;
        if (t.status == TicketStatus.ASSIGNED && run.sign != null) {
            sweep(run, run.sign, run.at, now);
            t.signNext = run.sign.next();
        }
        if (t.open() && run.replyRunsFrom != null) {
            sweep(run, run.reply, run.replyRunsFrom, now);
            t.replyNext = run.reply.next();
        }
        if (run.sign != null) {
            t.signReminded = run.sign.reminded;
            t.signOverdue = run.sign.overdue;
        }
        if (run.reply != null) {
            t.replyReminded = run.reply.reminded;
            t.replyOverdue = run.reply.overdue;
        }
        if (t.status != TicketStatus.REPLIED) {
            t.feedbackNext = null;
        }
        t.updated = run.at;
        if (!run.sweeps.isEmpty()) {
            List<GeneratedTicket.Event> all = new ArrayList<>(t.events.size() + run.sweeps.size());
            int next = 0;
            TicketStatus status = null;
            run.sweeps.sort(Comparator.comparing(GeneratedTicket.Event::at));
            for (GeneratedTicket.Event e : t.events) {
                while (next < run.sweeps.size() && run.sweeps.get(next).at().isBefore(e.at())) {
                    all.add(withStatus(run.sweeps.get(next++), status));
                }
                all.add(e);
                if (e.to() != null) {
                    status = e.to();
                }
            }
            while (next < run.sweeps.size()) {
                all.add(withStatus(run.sweeps.get(next++), status));
            }
            t.events.clear();
            t.events.addAll(all);
        }
    }

    private static GeneratedTicket.Event withStatus(GeneratedTicket.Event e, TicketStatus status) {
        return new GeneratedTicket.Event(e.at(), e.actor(), e.action(), status, status, e.detail());
    }

    /** An action that moves the ticket from its status to {@code to}. */
    private void transition(Run run, Instant at, String actor, String action, TicketStatus to, String detail) {
        event(run, at, actor, action, run.t.status, to, detail);
        run.t.status = to;
    }

    private void event(Run run, Instant at, String actor, String action, TicketStatus from, TicketStatus to, String detail) {
        run.t.events.add(new GeneratedTicket.Event(at, actor, action, from, to, detail));
        run.at = at;
    }

    /** {@code hours} of working time after {@code from}, at least a minute. */
    private Instant work(Instant from, double hours) {
        return calendar.plusWorkingTime(from, Duration.ofSeconds(Math.max(60, (long) (hours * 3600))));
    }

    private static double lognormal(SplittableRandom r, double median, double sigma) {
        return median * Math.exp(sigma * gaussian(r));
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private String pickLead(SplittableRandom r, GeneratedTicket t) {
        return handlingDepartments.get(r.nextInt(handlingDepartments.size()));
    }

    private String otherDepartment(SplittableRandom r, String not) {
        if (handlingDepartments.size() < 2) {
            return handlingDepartments.get(0);
        }
        while (true) {
            String department = handlingDepartments.get(r.nextInt(handlingDepartments.size()));
            if (!department.equals(not)) {
                return department;
            }
        }
    }

    /** The demo account of a department: its code in lower case (API.md). */
    static String user(String department) {
        return department.toLowerCase(java.util.Locale.ROOT);
    }

    private String departments(String lead, List<String> co) {
        return "主办 " + catalog.departmentLabel(lead) + (co.isEmpty() ? ""
                : "；协办 " + String.join("、", co.stream().map(catalog::departmentLabel).toList()));
    }

    private String routing(GeneratedTicket t) {
        String who = t.lead == null ? "无匹配规则，转专班交办" : departments(t.lead, t.co);
        return who + "；签收时限 " + t.signLimit + " 个工作日，答复时限 " + t.replyLimit + " 个工作日";
    }
}
