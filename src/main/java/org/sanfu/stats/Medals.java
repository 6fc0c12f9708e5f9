package org.sanfu.stats;

import java.time.LocalDate;
import java.util.List;

/**
 * A quarter's honour roll (季度通报): each month's 金牌店小二 and 蜗牛店小二 and the towns shown a red card,
 * and how many each department and town earned in the quarter. The month under way is not complete;
 * months still to come are left out.
 */
public record Medals(String quarter, LocalDate from, LocalDate to, List<Month> months,
        List<DepartmentTally> departments, List<TownTally> towns) {

    /** One month's medals, as its ranking gave them, and the talks (约谈) a leader recorded for it. */
    public record Month(String month, boolean complete, List<Medalist> gold, List<Medalist> snail,
            List<String> redCards, List<Talk> talks) {

        /** The day this department (DEPARTMENT) or town (TOWN) was talked with for this month; null for none. */
        public LocalDate talkedOn(Talk.Subject kind, String subject) {
            return talks.stream().filter(t -> t.subjectKind() == kind && t.subject().equals(subject))
                    .map(Talk::heldOn).findFirst().orElse(null);
        }
    }

    /** A department given a medal that month, with the score and place that earned it. */
    public record Medalist(String key, String label, Double score, Integer rank) {}

    /** A department with at least one medal in the quarter, most GOLD first. */
    public record DepartmentTally(String key, String label, int gold, int snail) {}

    /** A town red-carded at least once in the quarter, most often first. */
    public record TownTally(String town, int redCards) {}
}
