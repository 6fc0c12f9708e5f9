package org.sanfu.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scores, ranks, medals and red cards, with every number worked out by hand. */
class RankingPolicyUnitTests {

    private final RankingPolicy policy = policy(80, 6);

    /** The configured weights and lines, with this GOLD floor and this fewest ranked for SNAIL. */
    private static RankingPolicy policy(double goldMinScore, int snailMinRanked) {
        return policy(goldMinScore, snailMinRanked, 1);
    }

    /** The same, with this many first places that may earn GOLD. */
    private static RankingPolicy policy(double goldMinScore, int snailMinRanked, int golds) {
        return new RankingPolicy(new RankingProperties(new RankingProperties.Weights(0.3, 0.2, 0.3, 0.1, 0.1), 3,
                goldMinScore, snailMinRanked, golds), new RedCardProperties(3, 0.2, 0.8));
    }

    /**
     * Departments A, B, C... in this order, each with four tickets closed and satisfied, this many of
     * them late: 0 scores 100, each one late 7.5 less.
     */
    private static Map<String, Figures.Counts> closedLate(int... late) {
        Map<String, Figures.Counts> departments = new LinkedHashMap<>();
        for (int i = 0; i < late.length; i++) {
            departments.put(String.valueOf((char) ('A' + i)), closed(late[i], 0, 0));
        }
        return departments;
    }

    private static List<Ranking.Medal> medals(RankingPolicy policy, Map<String, Figures.Counts> departments) {
        return policy.rank(departments, Map.of()).stream().map(Ranking.DepartmentRank::medal).toList();
    }

    /** Four tickets, all signed and closed: perfect but for this many closed late, dissatisfied and reopened. */
    private static Figures.Counts closed(long late, long dissatisfied, long reopened) {
        return figures(4, 4, 4, 4, 4 - late, 4, 4 - dissatisfied, 4, reopened, 4, 0);
    }

    /** total, closed, signed, signedOnTime, closedOnTime, rated, satisfied, replied, reopened, assigned, returned */
    private static Figures.Counts figures(long total, long closed, long signed, long signedOnTime, long closedOnTime,
            long rated, long satisfied, long replied, long reopened, long assigned, long returned) {
        return new Figures.Counts(total, closed, 0, 0, signed, signedOnTime, 0, 0, closedOnTime, rated, satisfied,
                replied, reopened, assigned, returned, BigDecimal.TEN);
    }

    @Test
    void theScoreIsTheWeightedMeanOfTheRatesWithReopenAndReturnCountingAgainst() {
        // on-time close 3/4, on-time sign 4/4, satisfied 2/4, reopened 1/4, returned 0/4:
        // 0.3*0.75 + 0.2*1 + 0.3*0.5 + 0.1*0.75 + 0.1*1 = 0.75 -> 75.0
        Figures.Counts f = figures(4, 4, 4, 4, 3, 4, 2, 4, 1, 4, 0);
        assertThat(policy.score(f)).isEqualTo(75.0);
    }

    @Test
    void aRateWithNoTicketsIsLeftOutOfTheMeanNotCountedAsZero() {
        // nothing rated yet: 0.3*1 + 0.2*1 + 0.1*1 + 0.1*1 over weights 0.7 -> 100
        Figures.Counts f = figures(3, 3, 3, 3, 3, 0, 0, 3, 0, 3, 0);
        assertThat(f.figures().satisfactionRate()).isNull();
        assertThat(policy.score(f)).isEqualTo(100.0);
        assertThat(policy.score(figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).isNull();
    }

    @Test
    void aDepartmentWithNothingYetDueIsListedNotRankedAboveOnesThatClosedTheirTickets() {
        Map<String, Figures.Counts> departments = new LinkedHashMap<>();
        // three tickets signed on time, none closed, none past a deadline: 100 on signing alone
        Figures.Counts onlySigned = figures(3, 0, 3, 3, 0, 0, 0, 0, 0, 3, 0);
        departments.put("A", onlySigned);
        departments.put("B", closed(1, 1, 0)); // 0.3*0.75 + 0.2 + 0.3*0.75 + 0.1 + 0.1 = 85
        // three tickets left unsigned past their sign deadline: something was due, and it was not done
        departments.put("C", new Figures.Counts(3, 0, 3, 3, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, null));
        assertThat(policy.score(onlySigned)).isEqualTo(100.0);

        List<Ranking.DepartmentRank> ranked = policy.rank(departments, Map.of());

        assertThat(ranked).extracting(Ranking.DepartmentRank::key).containsExactly("B", "C", "A");
        assertThat(ranked).extracting(Ranking.DepartmentRank::rank).containsExactly(1, 2, null);
        assertThat(ranked).extracting(Ranking.DepartmentRank::score).containsExactly(85.0, 0.0, null);
        assertThat(ranked.get(0).medal()).isEqualTo(Ranking.Medal.GOLD);
    }

    @Test
    void aDepartmentThatReturnedEverythingItWasGivenIsRankedOnItsReturns() {
        Map<String, Figures.Counts> departments = new LinkedHashMap<>();
        departments.put("A", closed(0, 0, 0));
        // four tickets assigned to B in the month, all returned and led by others now: none is B's to count
        Figures.Counts returnedAll = figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4);
        departments.put("B", returnedAll);
        // two assigned, both returned: too few to rank, as a department with two tickets
        departments.put("C", figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2));

        List<Ranking.DepartmentRank> ranked = policy.rank(departments, Map.of());

        assertThat(policy.score(returnedAll)).isEqualTo(0.0);
        assertThat(ranked).extracting(Ranking.DepartmentRank::key).containsExactly("A", "B", "C");
        assertThat(ranked).extracting(Ranking.DepartmentRank::rank).containsExactly(1, 2, null);
        assertThat(ranked.get(1).figures().returnRate()).isEqualTo(1.0);
    }

    @Test
    void goldForTheFirstSnailsForTheLastThreeTiesShareARankAndSmallDepartmentsAreNotRanked() {
        Map<String, Figures.Counts> departments = new LinkedHashMap<>();
        departments.put("A", figures(4, 4, 4, 4, 4, 4, 4, 4, 0, 4, 0)); // 100
        departments.put("B", figures(4, 4, 4, 4, 3, 4, 2, 4, 1, 4, 0)); // 75
        departments.put("C", figures(4, 4, 4, 4, 3, 4, 2, 4, 1, 4, 0)); // 75
        departments.put("D", figures(4, 4, 4, 2, 2, 4, 2, 4, 2, 4, 2)); // 0.15+0.1+0.15+0.05+0.05 = 50
        departments.put("E", figures(4, 4, 4, 0, 0, 4, 0, 4, 4, 4, 4)); // 0
        departments.put("F", figures(2, 2, 2, 2, 2, 2, 2, 2, 0, 2, 0)); // perfect, but only 2 tickets
        Map<String, String> labels = Map.of("A", "甲", "B", "乙", "C", "丙", "D", "丁", "E", "戊", "F", "己");

        List<Ranking.DepartmentRank> ranked = policy(80, 4).rank(departments, labels);

        assertThat(ranked).extracting(Ranking.DepartmentRank::key).containsExactly("A", "B", "C", "D", "E", "F");
        assertThat(ranked).extracting(Ranking.DepartmentRank::score).containsExactly(100.0, 75.0, 75.0, 50.0, 0.0, null);
        assertThat(ranked).extracting(Ranking.DepartmentRank::rank).containsExactly(1, 2, 2, 4, 5, null);
        // five ranked: the last three places are ranks 3 to 5; C sits third but shares rank 2 with B
        assertThat(ranked).extracting(Ranking.DepartmentRank::medal).containsExactly(Ranking.Medal.GOLD, null,
                null, Ranking.Medal.SNAIL, Ranking.Medal.SNAIL, null);
        assertThat(ranked.get(0).label()).isEqualTo("甲");
    }

    @Test
    void withTwoGoldsTheFirstTwoPlacesEarnItOnTheSameTermsAndAGoldIsNeverASnail() {
        // 100, 92.5, 85, 77.5, 70: two golds by place, the floor of 80 still applies to each
        assertThat(medals(policy(80, 6, 2), closedLate(0, 1, 2, 3, 4))).containsExactly(Ranking.Medal.GOLD,
                Ranking.Medal.GOLD, null, null, null);
        assertThat(medals(policy(95, 6, 2), closedLate(0, 1, 2, 3, 4))).as("the second below the floor")
                .containsExactly(Ranking.Medal.GOLD, null, null, null, null);
        // a tie for second shares the place, and the medal: three golds
        assertThat(medals(policy(80, 6, 2), closedLate(0, 1, 1, 3, 4))).containsExactly(Ranking.Medal.GOLD,
                Ranking.Medal.GOLD, Ranking.Medal.GOLD, null, null);
        // four ranked, SNAIL from four: the last three would take the second place, which is GOLD
        assertThat(medals(policy(80, 4, 2), closedLate(0, 1, 3, 4))).containsExactly(Ranking.Medal.GOLD,
                Ranking.Medal.GOLD, Ranking.Medal.SNAIL, Ranking.Medal.SNAIL);
        assertThat(medals(policy(80, 4, 1), closedLate(0, 1, 3, 4))).as("one gold, as by default")
                .containsExactly(Ranking.Medal.GOLD, Ranking.Medal.SNAIL, Ranking.Medal.SNAIL, Ranking.Medal.SNAIL);
    }

    @Test
    void goldNeedsAScoreAtTheFloorOrAbove() {
        Map<String, Figures.Counts> departments = new LinkedHashMap<>();
        departments.put("B", figures(4, 4, 4, 4, 3, 4, 2, 4, 1, 4, 0)); // 75.0, three closed on time
        departments.put("D", figures(4, 4, 4, 2, 2, 4, 2, 4, 2, 4, 2)); // 50.0

        assertThat(medals(policy(75, 6), departments)).as("exactly at the floor").containsExactly(Ranking.Medal.GOLD,
                null);
        assertThat(medals(policy(75.1, 6), departments)).as("a tenth below it").containsExactly(null, null);
        assertThat(policy(75.1, 6).rank(departments, Map.of())).extracting(Ranking.DepartmentRank::rank)
                .as("still first, only without the medal").containsExactly(1, 2);
    }

    @Test
    void theOnlyRankedDepartmentWithNothingClosedAndEverythingOverdueGetsNoMedalWhateverTheFloor() {
        // three tickets signed on time, none closed, all past their reply deadline, none returned:
        // close 0/3, sign 3/3, return 1 - 0/3 -> (0.3*0 + 0.2*1 + 0.1*1) / 0.6 = 50.0
        Figures.Counts idle = new Figures.Counts(3, 0, 3, 3, 3, 3, 0, 3, 0, 0, 0, 0, 0, 3, 0, null);
        Map<String, Figures.Counts> alone = new LinkedHashMap<>();
        alone.put("CUSTOMS", idle);
        alone.put("HRSS", Figures.Counts.none());

        for (double floor : new double[] {80, 50, 0}) {
            List<Ranking.DepartmentRank> ranked = policy(floor, 4).rank(alone, Map.of());
            assertThat(ranked.get(0).score()).isEqualTo(50.0);
            assertThat(ranked.get(0).rank()).isEqualTo(1);
            assertThat(ranked).extracting(Ranking.DepartmentRank::medal).as("floor %s", floor).containsOnlyNulls();
        }
    }

    @Test
    void goldNeedsATicketClosedOnTimeEvenAboveTheFloor() {
        // all four closed late, all satisfied: close 0, sign 1, satisfaction 1, reopen 1, return 1 -> 70.0
        Map<String, Figures.Counts> departments = Map.of("A", closed(4, 0, 0));
        assertThat(policy.score(departments.get("A"))).isEqualTo(70.0);
        assertThat(medals(policy(60, 6), departments)).containsExactly((Ranking.Medal) null);
        assertThat(medals(policy(60, 6), Map.of("A", closed(3, 0, 0)))).as("one closed on time (77.5)")
                .containsExactly(Ranking.Medal.GOLD);
    }

    @Test
    void snailsOnlyOnceEnoughDepartmentsAreRanked() {
        Map<String, Figures.Counts> departments = closedLate(0, 1, 2, 3, 4); // A 100, B 92.5, C 85, D 77.5, E 70

        assertThat(medals(policy(80, 6), departments)).as("five ranked, one below the minimum of six")
                .containsExactly(Ranking.Medal.GOLD, null, null, null, null);
        departments.put("F", closed(4, 4, 0)); // 0.2 + 0.1 + 0.1 = 40
        assertThat(medals(policy(80, 6), departments)).as("six ranked").containsExactly(Ranking.Medal.GOLD, null,
                null, Ranking.Medal.SNAIL, Ranking.Medal.SNAIL, Ranking.Medal.SNAIL);
    }

    @Test
    void tiedDepartmentsShareTheirMedalAtTheTopAndAtTheSnailLine() {
        Map<String, Figures.Counts> departments = closedLate(0, 0, 2, 2, 4); // 100, 100, 85, 85, 70
        departments.put("F", closed(4, 4, 0)); // 40; D, tied with C, is fourth of six

        List<Ranking.DepartmentRank> ranked = policy(80, 6).rank(departments, Map.of());

        assertThat(ranked).extracting(Ranking.DepartmentRank::rank).containsExactly(1, 1, 3, 3, 5, 6);
        assertThat(ranked).extracting(Ranking.DepartmentRank::medal).containsExactly(Ranking.Medal.GOLD,
                Ranking.Medal.GOLD, null, null, Ranking.Medal.SNAIL, Ranking.Medal.SNAIL);
    }

    @Test
    void ticketsLeftUnsignedOrUnansweredPastTheirDeadlinesCountAgainstTheScore() {
        // three tickets, none signed, all past their sign deadline, one past its reply deadline, none returned:
        // sign 0/3, close 0/1, nothing rated or replied, return 1 - 0/3 -> (0.2*0 + 0.3*0 + 0.1*1) / 0.6 = 16.7
        Figures.Counts idle = new Figures.Counts(3, 0, 3, 3, 0, 0, 3, 1, 0, 0, 0, 0, 0, 3, 0, null);
        assertThat(idle.figures().onTimeSignRate()).as("the summary's rate is over signed tickets").isNull();
        assertThat(policy.score(idle)).isEqualTo(16.7);
    }

    @Test
    void aTownIsRedCardedForOverdueOrForDissatisfactionOnceItHasEnoughTickets() {
        // 10 tickets, 2 overdue (0.2, at the line), 6 of 8 rated satisfied (0.75, under 0.8)
        Figures.Counts both = new Figures.Counts(10, 8, 1, 2, 8, 8, 0, 0, 8, 8, 6, 8, 0, 10, 0, null);
        assertThat(policy.redCard("大溪镇", both).reasons()).containsExactly("OVERDUE", "SATISFACTION");
        assertThat(policy.redCard("大溪镇", both).overdueRate()).isEqualTo(0.2);

        Figures.Counts fine = new Figures.Counts(10, 8, 0, 1, 8, 8, 0, 0, 8, 8, 8, 8, 0, 10, 0, null);
        assertThat(policy.redCard("院桥镇", fine)).isNull();
        Figures.Counts few = new Figures.Counts(2, 0, 2, 2, 0, 0, 2, 2, 0, 0, 0, 0, 0, 2, 0, null);
        assertThat(policy.redCard("新镇", few)).as("too few tickets to judge").isNull();
    }
}
