package org.sanfu.systemic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sanfu.ticket.TicketCases;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The scan for systemic problems (共性问题): every day (bpmn/systemic-scan.bpmn) and on demand. It
 * compares the open tickets reported in the last {@code sanfu.systemic.window-days} days with
 * {@link ClusterFinder} and keeps the proposals up to date, never proposing one cluster twice:
 * <ul>
 * <li>tickets in a confirmed case, and the cases themselves, are no candidates;</li>
 * <li>a cluster sharing tickets with a proposal still waiting for dispatch updates that proposal
 * (same id, members of now); a proposal no cluster matches any more is withdrawn (deleted);</li>
 * <li>a cluster whose every ticket was in one dismissed problem is not proposed again: only a
 * cluster with a ticket dispatch has not yet judged (a new member) is.</li>
 * </ul>
 */
@Service
public class SystemicScan {

    private final SystemicProblems problems;
    private final SystemicQueries queries;
    private final TicketCases tickets;
    private final SystemicProperties properties;
    private final Clock clock;
    /** One for the service's life: it keeps the last scan's segmented texts, most of a scan's work. */
    private final ClusterFinder finder;

    SystemicScan(SystemicProblems problems, SystemicQueries queries, TicketCases tickets, SystemicProperties properties,
            Clock clock) {
        this.problems = problems;
        this.queries = queries;
        this.tickets = tickets;
        this.properties = properties;
        this.clock = clock;
        this.finder = new ClusterFinder(properties.clusterSettings());
    }

    /** Scans now; the problems proposed after it, newest first. */
    @Transactional
    public List<SystemicProblem> scan() {
        Instant now = clock.instant();
        problems.lockForScan(now);
        Set<Long> inCases = problems.ticketsInCases();
        List<Candidate> candidates = tickets.openReportedSince(now.minus(Duration.ofDays(properties.windowDays())))
                .stream().filter(t -> !inCases.contains(t.id()))
                .map(t -> new Candidate(String.valueOf(t.id()), t.enterpriseCreditCode(), t.town(), t.category(),
                        t.title(), t.description() == null ? "" : t.description(), t.reportedAt()))
                .toList();
        List<ProposedCluster> clusters = finder.find(candidates);

        Map<Long, Set<Long>> proposed = problems.proposedMembers();
        Map<Long, Set<Long>> dismissed = problems.dismissedMembers();
        Set<Long> kept = new HashSet<>();
        for (ProposedCluster cluster : clusters) {
            Set<Long> ids = new HashSet<>();
            cluster.members().forEach(c -> ids.add(Long.parseLong(c.ticketId())));
            if (dismissed.values().stream().anyMatch(d -> d.containsAll(ids))) {
                continue;
            }
            Long match = null;
            int overlap = 0;
            for (var p : proposed.entrySet()) {
                if (kept.contains(p.getKey())) {
                    continue;
                }
                int common = (int) p.getValue().stream().filter(ids::contains).count();
                if (common > overlap) {
                    overlap = common;
                    match = p.getKey();
                }
            }
            String title = cluster.members().get(0).title();
            if (match != null) {
                problems.replace(match, cluster, title, now);
                kept.add(match);
            } else {
                kept.add(problems.insert(cluster, title, now));
            }
        }
        proposed.keySet().stream().filter(id -> !kept.contains(id)).forEach(problems::delete);
        return kept.stream().sorted((a, b) -> Long.compare(b, a)).map(queries::view).toList();
    }

    /** For bpmn/systemic-scan.bpmn's service task. */
    public int scanDaily() {
        return scan().size();
    }
}
