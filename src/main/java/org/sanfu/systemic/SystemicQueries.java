package org.sanfu.systemic;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sanfu.DomainException;
import org.sanfu.Ids;
import org.sanfu.catalog.Catalog;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading systemic problems: DISPATCH and LEADER (API.md); the digest and briefing read them too. */
@Service
@Transactional(readOnly = true)
public class SystemicQueries {

    private final SystemicProblems problems;
    private final Catalog catalog;

    SystemicQueries(SystemicProblems problems, Catalog catalog) {
        this.problems = problems;
        this.catalog = catalog;
    }

    /** 403 unless DISPATCH or LEADER. */
    public PageResult<SystemicProblem> list(SystemicStatus status, Caller caller, PageParams page) {
        caller.require(Role.DISPATCH, Role.LEADER);
        List<SystemicProblems.Row> rows = problems.list(status, (int) page.offset(), page.size());
        return PageResult.of(views(rows), page, problems.count(status));
    }

    /** 404 for an unknown id, then 403 unless DISPATCH or LEADER. */
    public SystemicProblem get(String id, Caller caller) {
        SystemicProblems.Row row = problems.find(parseId(id)).orElseThrow(() -> new DomainException.NotFound(
                "systemic-problem", id));
        caller.require(Role.DISPATCH, Role.LEADER);
        return views(List.of(row)).get(0);
    }

    /**
     * For the leaders' reports (no caller: their endpoints check the role): the problems proposed
     * before {@code to} and still waiting for dispatch, and those confirmed in [from, to).
     */
    public List<SystemicProblem> activeBetween(Instant from, Instant to) {
        return views(problems.activeBetween(from, to));
    }

    /** For the leaders' dashboard (its page checks the role): the newest proposed or confirmed, at most {@code limit}. */
    public List<SystemicProblem> recent(int limit) {
        return views(problems.recentNotDismissed(limit));
    }

    SystemicProblem view(long id) {
        return views(List.of(problems.find(id).orElseThrow())).get(0);
    }

    private List<SystemicProblem> views(List<SystemicProblems.Row> rows) {
        Map<Long, List<SystemicProblems.Member>> members = problems.members(rows.stream().map(SystemicProblems.Row::id)
                .toList());
        return rows.stream().map(r -> {
            List<SystemicProblems.Member> m = members.get(r.id());
            return new SystemicProblem(String.valueOf(r.id()), r.category(), catalog.categoryLabel(r.category()),
                    r.title(), r.status(), r.enterpriseCount(),
                    m.stream().map(SystemicProblems.Member::town).filter(Objects::nonNull).distinct().toList(),
                    m.stream().map(x -> String.valueOf(x.ticketId())).toList(), r.firstReportedAt(), r.lastReportedAt(),
                    r.caseTicketId() == null ? null : String.valueOf(r.caseTicketId()), r.leadDepartment(), r.note(),
                    r.dismissReason(), r.decidedBy(), r.decidedAt(), r.proposedAt());
        }).toList();
    }

    /** Systemic problems' ids are numbers; anything else names none. */
    static long parseId(String id) {
        return Ids.parse(id).orElseThrow(() -> new DomainException.NotFound("systemic-problem", id));
    }
}
