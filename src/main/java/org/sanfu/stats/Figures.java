package org.sanfu.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The loop's figures over a set of tickets (GLOSSARY.md): counts, and rates as fractions 0..1,
 * null where the denominator is 0.
 */
public record Figures(
        long total,
        long open,
        long closed,
        long overdueOpen,
        Double closeRate,
        Double onTimeSignRate,
        Double onTimeCloseRate,
        Double satisfactionRate,
        Double reopenRate,
        Double returnRate,
        Double medianHoursToClose) {

    /** The raw counts one aggregate query returns for a group of tickets. */
    record Counts(long total, long closed, long overdueOpen, long overdue, long signed, long signedOnTime,
            long unsignedOverdue, long openReplyOverdue, long closedOnTime, long rated, long satisfied, long replied,
            long reopened, long assigned, long returned, BigDecimal medianHours) {

        Figures figures() {
            return new Figures(total, total - closed, closed, overdueOpen, rate(closed, total),
                    rate(signedOnTime, signed), rate(closedOnTime, closed), rate(satisfied, rated),
                    rate(reopened, replied), rate(returned, assigned),
                    medianHours == null ? null : medianHours.setScale(1, RoundingMode.HALF_UP).doubleValue());
        }

        /** Tickets that missed any deadline, of all: the red card's overdue line. */
        Double overdueRate() {
            return rate(overdue, total);
        }

        /**
         * For ranking: on-time signing among the tickets that were signed or are past their sign
         * deadline unsigned, so that leaving tickets unsigned is no way to a good score.
         */
        Double dueSignRate() {
            return rate(signedOnTime, signed + unsignedOverdue);
        }

        /** For ranking: closed on time among the closed and the open ones past their reply deadline. */
        Double dueCloseRate() {
            return rate(closedOnTime, closed + openReplyOverdue);
        }

        static Counts none() {
            return new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
        }
    }

    /**
     * {@code part / whole} to ten decimals. Pages and briefings round it again, to a percentage with one decimal: from
     * four decimals that second rounding went wrong (24 of 44, 0.5455, printed 54.6 % where the counts give 54.5 %); from
     * ten it gives what the counts give for every denominator under ten million (a fraction p/q that is not itself on a
     * boundary lies at least 1/(2000q) from one, more than the 5e-11 a tenth decimal moves it).
     */
    static Double rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 10, RoundingMode.HALF_UP)
                .doubleValue();
    }
}
