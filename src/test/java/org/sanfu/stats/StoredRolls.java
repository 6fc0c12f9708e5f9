package org.sanfu.stats;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.sanfu.catalog.Catalog;
import org.springframework.boot.test.context.TestComponent;

/**
 * A month's ranking stored as the 1st's job stores it, naming the 蜗牛店小二 and red-carded towns a test gives: a talk
 * (约谈) about a month over goes by its stored ranking, and making departments a month's last three through tickets
 * would take tickets of six ranked departments. Stored once, as the job does; a month stored already stays.
 */
@TestComponent
public class StoredRolls {

    private final RankingRolls rolls;
    private final Catalog catalog;

    StoredRolls(RankingRolls rolls, Catalog catalog) {
        this.rolls = rolls;
        this.catalog = catalog;
    }

    /** The month's ranking with these departments SNAIL (in this order, the last places) and these towns red-carded. */
    public void store(String month, List<String> snails, List<String> redCardedTowns) {
        YearMonth stored = YearMonth.parse(month);
        List<Ranking.DepartmentRank> departments = snails.stream().map(code -> new Ranking.DepartmentRank(code,
                catalog.departmentLabel(code), Figures.Counts.none().figures(), 10.0, 6 + snails.indexOf(code),
                Ranking.Medal.SNAIL, 3L)).toList();
        List<Ranking.RedCard> redCards = redCardedTowns.stream()
                .map(town -> new Ranking.RedCard(town, 3, 1.0, null, List.of("OVERDUE"))).toList();
        rolls.store(stored, new Ranking(month, departments, redCards),
                stored.plusMonths(1).atDay(1).atTime(8, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
    }

    /** The month's ranking as stored, if it is. */
    public boolean isStored(String month) {
        return rolls.find(YearMonth.parse(month)).isPresent();
    }

    /** When the month's ranking was stored. */
    public Instant storedAt(String month) {
        return rolls.find(YearMonth.parse(month)).orElseThrow().storedAt();
    }
}
