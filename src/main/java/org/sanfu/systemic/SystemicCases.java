package org.sanfu.systemic;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.sanfu.DomainException;
import org.sanfu.Message;
import org.sanfu.Typed;
import org.sanfu.catalog.Catalog;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.ticket.TicketCases;
import org.sanfu.ticket.TicketReplied;
import org.sanfu.web.Text;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Dispatch's decisions on a systemic problem, and what follows when its case is replied. Each
 * decision locks the problem's row; a problem no longer PROPOSED is 409, as is a member already in
 * another confirmed case (a ticket belongs to at most one).
 */
@Service
public class SystemicCases {

    private final SystemicProblems problems;
    private final SystemicQueries queries;
    private final TicketCases tickets;
    private final Catalog catalog;
    private final Clock clock;

    SystemicCases(SystemicProblems problems, SystemicQueries queries, TicketCases tickets, Catalog catalog, Clock clock) {
        this.problems = problems;
        this.queries = queries;
        this.tickets = tickets;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** 404 for an unknown problem, 403 unless DISPATCH; changes nothing (asked before the body is judged). */
    @Transactional(readOnly = true)
    public void checkMayDecide(String id, Caller caller) {
        problems.find(SystemicQueries.parseId(id)).orElseThrow(() -> new DomainException.NotFound("systemic-problem", id));
        caller.require(Role.DISPATCH);
    }

    /**
     * Confirms the problem into one case ticket (source SYSTEMIC) routed to the lead department named;
     * each member's history notes the case (action {@code link}).
     */
    @Transactional
    public SystemicProblem confirm(String id, Caller caller, SystemicRequests.Confirm command) {
        SystemicProblems.Row problem = decidable(id, caller);
        // one change, one moment: the problem's confirmedAt, its case's reportedAt and each member's link say the same
        Instant now = tickets.now();
        List<Long> members = problems.members(List.of(problem.id())).get(problem.id()).stream()
                .map(SystemicProblems.Member::ticketId).toList();
        List<Long> taken = problems.inCases(members);
        if (!taken.isEmpty()) {
            throw inAnotherCase(problem.id(), taken);
        }
        // a title of no-break spaces alone is none (Text.Rule.blank), as a visit's is
        String title = Text.Rule.blank(command.title()) ? problem.title() : Typed.trimmed(command.title());
        String note = command.note() == null || command.note().isBlank() ? null : command.note().strip();
        String description = "共性问题 " + problem.id() + "：" + problem.enterpriseCount() + " 家企业反映同类问题（事项 "
                + members.stream().map(String::valueOf).collect(Collectors.joining("、")) + "）"
                + (note == null ? "" : "\n" + note);
        // sent in any ASCII case (SystemicRequests), filed as the catalog writes it
        String lead = catalog.department(command.leadDepartment());
        long caseId = tickets.openCase(members, problem.category(), title, description, lead,
                caller.username());
        try {
            problems.addCaseMembers(problem.id(), members);
        } catch (DuplicateKeyException raced) {
            // another confirm took a member meanwhile; PostgreSQL allows no further query in this transaction
            throw new DomainException.NotNow(Message.of("sanfu.systemic.in-another-case-now", "id", problem.id()));
        }
        problems.confirmed(problem.id(), caseId, title, lead, note, caller.username(), now);
        String detail = "并入共性问题 " + problem.id() + "「" + title + "」，牵头事项 " + caseId + "（主办 "
                + catalog.departmentLabel(lead) + "），答复后统一回复本事项";
        members.forEach(member -> tickets.link(member, caller.username(), detail));
        return queries.view(problem.id());
    }

    /** Dismisses the problem with a reason: its members stay as they are. */
    @Transactional
    public SystemicProblem dismiss(String id, Caller caller, SystemicRequests.Dismiss command) {
        SystemicProblems.Row problem = decidable(id, caller);
        problems.dismissed(problem.id(), command.reason().strip(), caller.username(), clock.instant());
        return queries.view(problem.id());
    }

    /**
     * A case was replied (its department's reply or the task force's): in the same transaction, every
     * open member is replied with the case's resolution and waits for its own enterprise's feedback.
     */
    @EventListener
    @Transactional
    public void caseReplied(TicketReplied replied) {
        problems.problemOfCase(replied.ticketId()).ifPresent(problemId -> problems.caseMembers(problemId)
                .forEach(member -> tickets.replyAsMember(member, replied.ticketId(), replied.resolution(),
                        replied.outcome())));
    }

    private SystemicProblems.Row decidable(String id, Caller caller) {
        SystemicProblems.Row problem = problems.lock(SystemicQueries.parseId(id))
                .orElseThrow(() -> new DomainException.NotFound("systemic-problem", id));
        caller.require(Role.DISPATCH);
        if (problem.status() != SystemicStatus.PROPOSED) {
            throw new DomainException.NotNow(Message.of("sanfu.systemic.not-proposed", "id", id,
                    "status", Message.of("label.systemic-status." + problem.status())));
        }
        return problem;
    }

    private static DomainException inAnotherCase(long problemId, List<Long> taken) {
        return new DomainException.NotNow(Message.of("sanfu.systemic.in-another-case", "id", problemId,
                "tickets", taken.stream().map(String::valueOf).collect(Collectors.joining(", "))));
    }
}
