package org.sanfu.report;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.sanfu.stats.Medals;

/**
 * The quarter's honour roll (季度通报) as the dashboard shows it: one row a month, names joined, and one
 * line of what each department and town earned in the quarter.
 */
record QuarterRoll(String label, List<Row> months, String tally) {

    /** A month: its label (进行中 while under way), and its GOLD, SNAIL and red-carded names, or "—". */
    record Row(String month, String label, String gold, String snail, String redCards) {}

    static QuarterRoll of(Medals medals) {
        List<Row> rows = medals.months().stream().map(m -> {
            YearMonth month = YearMonth.parse(m.month());
            return new Row(m.month(), month.getYear() + "年" + month.getMonthValue() + "月" + (m.complete() ? "" : "（进行中）"),
                    names(m.gold().stream().map(Medals.Medalist::label).toList()),
                    names(m.snail().stream().map(Medals.Medalist::label).toList()), names(m.redCards()));
        }).toList();
        List<String> earned = new ArrayList<>();
        for (Medals.DepartmentTally d : medals.departments()) {
            earned.add(d.label() + (d.gold() > 0 ? " 金牌 " + d.gold() + " 次" : "")
                    + (d.snail() > 0 ? " 蜗牛 " + d.snail() + " 次" : ""));
        }
        medals.towns().forEach(t -> earned.add(t.town() + " 亮红牌 " + t.redCards() + " 次"));
        String quarter = medals.quarter();
        return new QuarterRoll(quarter.substring(0, 4) + "年第" + quarter.substring(6) + "季度", rows,
                earned.isEmpty() ? null : "本季度：" + String.join("；", earned));
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "—" : String.join("、", names);
    }
}
