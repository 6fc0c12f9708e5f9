package org.sanfu.systemic;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sanfu.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Systemic problems, their members, and the tickets in confirmed cases (tables of V16). */
@Repository
class SystemicProblems {

    /** A problem's row. */
    record Row(long id, String category, String title, SystemicStatus status, int enterpriseCount,
            Instant firstReportedAt, Instant lastReportedAt, Instant proposedAt, Long caseTicketId,
            String leadDepartment, String note, String dismissReason, String decidedBy, Instant decidedAt) {
    }

    /** A member ticket as the scan saw it. */
    record Member(long ticketId, String enterpriseCreditCode, String town, Instant reportedAt) {
    }

    private final JdbcClient jdbc;

    SystemicProblems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the scans' lock, and the rows of the problems still proposed, until the transaction ends
     * (a confirm or dismiss under way is waited for; what it decided is then read), and notes the scan's
     * time.
     */
    void lockForScan(Instant now) {
        jdbc.sql("select id from systemic_scan where id = 1 for update").query(Integer.class).single();
        jdbc.sql("select id from systemic_problem where status = 'PROPOSED' for update").query(Long.class).list();
        jdbc.sql("update systemic_scan set scanned_at = ? where id = 1").param(Sql.ts(now)).update();
    }

    long insert(ProposedCluster cluster, String title, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        List<Candidate> members = cluster.members();
        jdbc.sql("""
                insert into systemic_problem (category, title, status, enterprise_count, first_reported_at,
                    last_reported_at, proposed_at)
                values (?, ?, 'PROPOSED', ?, ?, ?, ?)
                """)
                .params(cluster.category(), title, enterprises(members), Sql.ts(first(members)), Sql.ts(last(members)),
                        Sql.ts(now))
                .update(key, "id");
        long id = key.getKey().longValue();
        insertMembers(id, members);
        return id;
    }

    /** A proposal a new scan found again, with its members of now. */
    void replace(long id, ProposedCluster cluster, String title, Instant now) {
        List<Candidate> members = cluster.members();
        jdbc.sql("""
                update systemic_problem set title = ?, enterprise_count = ?, first_reported_at = ?,
                    last_reported_at = ?, proposed_at = ?
                where id = ? and status = 'PROPOSED'
                """)
                .params(title, enterprises(members), Sql.ts(first(members)), Sql.ts(last(members)), Sql.ts(now), id)
                .update();
        jdbc.sql("delete from systemic_problem_member where problem_id = ?").param(id).update();
        insertMembers(id, members);
    }

    void delete(long id) {
        jdbc.sql("delete from systemic_problem_member where problem_id = ?").param(id).update();
        jdbc.sql("delete from systemic_problem where id = ? and status = 'PROPOSED'").param(id).update();
    }

    private void insertMembers(long id, List<Candidate> members) {
        for (Candidate c : members) {
            jdbc.sql("""
                    insert into systemic_problem_member (problem_id, ticket_id, enterprise_credit_code, town, reported_at)
                    values (?, ?, ?, ?, ?)
                    """)
                    .params(id, Long.parseLong(c.ticketId()), c.enterpriseCreditCode(), c.town(), Sql.ts(c.reportedAt()))
                    .update();
        }
    }

    Optional<Row> find(long id) {
        return jdbc.sql("select * from systemic_problem where id = ?").param(id).query(SystemicProblems::row).optional();
    }

    /** Reads the row and holds its lock: one decision at a time per problem. */
    Optional<Row> lock(long id) {
        return jdbc.sql("select * from systemic_problem where id = ? for update").param(id)
                .query(SystemicProblems::row).optional();
    }

    /** Problems of this status (all when null), newest first. */
    List<Row> list(SystemicStatus status, int offset, int limit) {
        return jdbc.sql("select * from systemic_problem" + (status == null ? "" : " where status = :status")
                        + " order by id desc offset :offset rows fetch next :limit rows only")
                .params(status == null ? Map.of("offset", offset, "limit", limit)
                        : Map.of("status", status.name(), "offset", offset, "limit", limit))
                .query(SystemicProblems::row).list();
    }

    long count(SystemicStatus status) {
        return status == null ? jdbc.sql("select count(*) from systemic_problem").query(Long.class).single()
                : jdbc.sql("select count(*) from systemic_problem where status = ?").param(status.name())
                        .query(Long.class).single();
    }

    /** Problems confirmed or proposed that were decided or proposed in [from, to), newest first. */
    List<Row> activeBetween(Instant from, Instant to) {
        return jdbc.sql("""
                select * from systemic_problem
                where (status = 'PROPOSED' and proposed_at < ?) or (status = 'CONFIRMED' and decided_at >= ? and decided_at < ?)
                order by id desc
                """).params(Sql.ts(to), Sql.ts(from), Sql.ts(to)).query(SystemicProblems::row).list();
    }

    /** The newest problems waiting for dispatch or confirmed, at most {@code limit}. */
    List<Row> recentNotDismissed(int limit) {
        return jdbc.sql("select * from systemic_problem where status <> 'DISMISSED' order by id desc "
                        + "offset 0 rows fetch next ? rows only")
                .param(limit).query(SystemicProblems::row).list();
    }

    /** Each problem's members, oldest report first. */
    Map<Long, List<Member>> members(List<Long> problemIds) {
        Map<Long, List<Member>> byProblem = new LinkedHashMap<>();
        problemIds.forEach(id -> byProblem.put(id, new ArrayList<>()));
        if (problemIds.isEmpty()) {
            return byProblem;
        }
        jdbc.sql("select * from systemic_problem_member where problem_id in (:ids) order by reported_at, ticket_id")
                .param("ids", problemIds)
                .query((rs, n) -> {
                    byProblem.get(rs.getLong("problem_id")).add(new Member(rs.getLong("ticket_id"),
                            rs.getString("enterprise_credit_code"), rs.getString("town"), Sql.instant(rs, "reported_at")));
                    return null;
                }).list();
        return byProblem;
    }

    /** Every proposal's member tickets, by problem. */
    Map<Long, Set<Long>> proposedMembers() {
        return memberSets("PROPOSED");
    }

    /** Every dismissed problem's member tickets, by problem. */
    Map<Long, Set<Long>> dismissedMembers() {
        return memberSets("DISMISSED");
    }

    private Map<Long, Set<Long>> memberSets(String status) {
        Map<Long, Set<Long>> sets = new LinkedHashMap<>();
        jdbc.sql("""
                select m.problem_id, m.ticket_id from systemic_problem_member m
                join systemic_problem p on p.id = m.problem_id where p.status = ? order by m.problem_id
                """).param(status)
                .query((rs, n) -> sets.computeIfAbsent(rs.getLong("problem_id"), k -> new HashSet<>())
                        .add(rs.getLong("ticket_id")))
                .list();
        return sets;
    }

    /** The tickets that belong to a confirmed case. */
    Set<Long> ticketsInCases() {
        return new HashSet<>(jdbc.sql("select ticket_id from systemic_case_member").query(Long.class).list());
    }

    /** Which of these tickets belong to a confirmed case already. */
    List<Long> inCases(List<Long> ticketIds) {
        return ticketIds.isEmpty() ? List.of()
                : jdbc.sql("select ticket_id from systemic_case_member where ticket_id in (:ids) order by ticket_id")
                        .param("ids", ticketIds).query(Long.class).list();
    }

    /** Fails with a duplicate key when a ticket is in a case already (the primary key guards races). */
    void addCaseMembers(long problemId, List<Long> ticketIds) {
        for (long ticketId : ticketIds) {
            jdbc.sql("insert into systemic_case_member (ticket_id, problem_id) values (?, ?)")
                    .params(ticketId, problemId).update();
        }
    }

    List<Long> caseMembers(long problemId) {
        return jdbc.sql("select ticket_id from systemic_case_member where problem_id = ? order by ticket_id")
                .param(problemId).query(Long.class).list();
    }

    /** The confirmed problem whose case this ticket is. */
    Optional<Long> problemOfCase(long caseTicketId) {
        return jdbc.sql("select id from systemic_problem where case_ticket_id = ? and status = 'CONFIRMED'")
                .param(caseTicketId).query(Long.class).optional();
    }

    void confirmed(long id, long caseTicketId, String title, String leadDepartment, String note, String by, Instant at) {
        jdbc.sql("""
                update systemic_problem set status = 'CONFIRMED', case_ticket_id = ?, title = ?, lead_department = ?,
                    note = ?, decided_by = ?, decided_at = ?
                where id = ?
                """).params(caseTicketId, title, leadDepartment, note, by, Sql.ts(at), id).update();
    }

    void dismissed(long id, String reason, String by, Instant at) {
        jdbc.sql("""
                update systemic_problem set status = 'DISMISSED', dismiss_reason = ?, decided_by = ?, decided_at = ?
                where id = ?
                """).params(reason, by, Sql.ts(at), id).update();
    }

    private static int enterprises(List<Candidate> members) {
        return (int) members.stream().map(Candidate::enterpriseCreditCode).distinct().count();
    }

    private static Instant first(List<Candidate> members) {
        return members.stream().map(Candidate::reportedAt).min(Instant::compareTo).orElseThrow();
    }

    private static Instant last(List<Candidate> members) {
        return members.stream().map(Candidate::reportedAt).max(Instant::compareTo).orElseThrow();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        long caseId = rs.getLong("case_ticket_id");
        Long caseTicketId = rs.wasNull() ? null : caseId;
        return new Row(rs.getLong("id"), rs.getString("category"), rs.getString("title"),
                SystemicStatus.valueOf(rs.getString("status")), rs.getInt("enterprise_count"),
                Sql.instant(rs, "first_reported_at"), Sql.instant(rs, "last_reported_at"),
                Sql.instant(rs, "proposed_at"), caseTicketId, rs.getString("lead_department"),
                rs.getString("note"), rs.getString("dismiss_reason"), rs.getString("decided_by"),
                Sql.instant(rs, "decided_at"));
    }
}
