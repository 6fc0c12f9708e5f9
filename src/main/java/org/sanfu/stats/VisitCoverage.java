package org.sanfu.stats;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.sanfu.PinyinOrder;
import org.sanfu.Sql;
import org.sanfu.enterprise.EnterpriseFacts;
import org.sanfu.visit.VisitFacts;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.sanfu.web.Where;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Visit coverage (走访覆盖): of the enterprises on file, how many service staff met in a period, and which
 * they did not. The seeds' headline is 服务全覆盖 of the exporters and key enterprises, so both lists can be
 * asked for alone. A visit or a forum counts; a hotline call or an online entry is the enterprise reaching
 * out, not the service reaching it, and does not. Read from the visit and enterprise modules' published
 * views; the enterprises on file now are the ones counted, whatever the period.
 */
@Service
@Transactional(readOnly = true)
public class VisitCoverage {

    /** The visit sources that meet the enterprise (Source.VISIT and FORUM), as SQL. */
    static final String MET = "v.source in ('VISIT', 'FORUM')";

    /** Which enterprises, and visits in which period (either end may be open). */
    public record Filter(Instant from, Instant to, String town, Boolean exporter, Boolean key) {

        Where enterprises() {
            return new Where().eq("e.town", town).eq("e.exporter", exporter).eq("e.key_enterprise", key);
        }

        /** A condition on visit {@code v} (of enterprise {@code e}): met it within the period; with its arguments. */
        Where visits() {
            return new Where().add(MET).notBefore("v.visited_at", from).before("v.visited_at", to);
        }
    }

    /** The figures of all the enterprises asked for, or of one town ({@code key} the town, null for none given). */
    public record Figures(long enterprises, long visited, long unvisited, Double coverageRate, long visits) {

        static Figures of(long enterprises, long visited, long visits) {
            return new Figures(enterprises, visited, enterprises - visited,
                    enterprises == 0 ? null : (double) visited / enterprises, visits);
        }
    }

    /** One town's figures: {@code {"key", "label", ...figures}}, as the summary's byTown (label: the town). */
    public record Town(String key, String label, @JsonUnwrapped Figures figures) {}

    /** {@code {"from", "to", ...figures, "byTown": [...]}}. */
    public record Coverage(Instant from, Instant to, @JsonUnwrapped Figures total, List<Town> byTown) {}

    /** An enterprise not met in the period, and when it was last met at all (null: never). */
    public record Unvisited(String creditCode, String name, String town, String specialist, boolean exporter,
            boolean key, Instant lastVisitedAt) {}

    private final JdbcClient jdbc;

    VisitCoverage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The towns with the lowest coverage first, then in pinyin order; enterprises without a town last. */
    public Coverage of(Filter filter) {
        Where enterprises = filter.enterprises();
        Where met = filter.visits();
        List<Object> args = new ArrayList<>(met.args());
        args.addAll(enterprises.args());
        List<long[]> counts = new ArrayList<>();
        List<String> towns = new ArrayList<>();
        jdbc.sql("select e.town, count(*), sum(case when exists (select 1 from " + VisitFacts.VIEW + " v"
                        + met.sql() + " and v.enterprise_credit_code = e.credit_code) then 1 else 0 end) "
                        + "from " + EnterpriseFacts.VIEW + " e" + enterprises.sql() + " group by e.town")
                .params(args)
                .query((rs, n) -> {
                    towns.add(rs.getString(1));
                    return counts.add(new long[] {rs.getLong(2), rs.getLong(3), 0});
                }).list();
        List<Object> visitArgs = new ArrayList<>(met.args());
        visitArgs.addAll(enterprises.args());
        jdbc.sql("select e.town, count(*) from " + VisitFacts.VIEW + " v join " + EnterpriseFacts.VIEW
                        + " e on e.credit_code = v.enterprise_credit_code" + met.sql()
                        + enterprises.sql().replaceFirst("^ where ", " and ") + " group by e.town")
                .params(visitArgs)
                .query((rs, n) -> {
                    int at = towns.indexOf(rs.getString(1));
                    if (at >= 0) {
                        counts.get(at)[2] = rs.getLong(2);
                    }
                    return at;
                }).list();
        List<Town> byTown = new ArrayList<>();
        long enterpriseCount = 0;
        long visitedCount = 0;
        long visitCount = 0;
        for (int i = 0; i < towns.size(); i++) {
            long[] c = counts.get(i);
            byTown.add(new Town(towns.get(i), towns.get(i), Figures.of(c[0], c[1], c[2])));
            enterpriseCount += c[0];
            visitedCount += c[1];
            visitCount += c[2];
        }
        byTown.sort(Comparator.comparing((Town t) -> t.key() == null)
                .thenComparing(t -> t.figures().coverageRate(), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Town::key, Comparator.nullsLast(PinyinOrder.comparator())));
        return new Coverage(filter.from(), filter.to(), Figures.of(enterpriseCount, visitedCount, visitCount),
                List.copyOf(byTown));
    }

    /** The enterprises not met in the period: never met first, then those met longest ago; by credit code. */
    public PageResult<Unvisited> unvisited(Filter filter, PageParams page) {
        Where met = filter.visits();
        Where where = filter.enterprises();
        where.add("not exists (select 1 from " + VisitFacts.VIEW + " v" + met.sql()
                + " and v.enterprise_credit_code = e.credit_code)", met.args().toArray());
        String lastMet = "(select max(v.visited_at) from " + VisitFacts.VIEW + " v where " + MET
                + " and v.enterprise_credit_code = e.credit_code)";
        return where.page(jdbc, "e.credit_code, e.name, e.town, e.specialist, e.exporter, e.key_enterprise, "
                        + lastMet + " as last_visited_at", EnterpriseFacts.VIEW + " e",
                "last_visited_at nulls first, e.credit_code", page,
                (rs, n) -> new Unvisited(rs.getString("credit_code"), rs.getString("name"), rs.getString("town"),
                        rs.getString("specialist"), rs.getBoolean("exporter"), rs.getBoolean("key_enterprise"),
                        Sql.instant(rs, "last_visited_at")));
    }
}
