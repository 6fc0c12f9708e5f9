package org.sanfu.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.sanfu.stats.Medals;
import org.sanfu.stats.Talk;
import org.sanfu.web.When;

/**
 * The quarter's honour roll (季度通报) as the dashboard shows it: one row a month, names joined, each
 * 蜗牛店小二 and red-carded town with its talk (约谈) if one was recorded, one line of what each department
 * and town earned in the quarter, and every talk of the quarter (the month's names may have changed since).
 */
record QuarterRoll(String label, List<Row> months, String tally, List<TalkLine> talks) {

    /**
     * A month: its label (进行中 while under way), its GOLD names or "—", and those to be talked with.
     * {@code month} is as the API writes it (2021-03); {@code inProgress} while it is under way, its names not
     * settled (the month's name says so once where 记录约谈 is offered, as /talks/new does).
     */
    record Row(String month, String label, boolean inProgress, String gold, List<Called> snail,
            List<Called> redCards) {

        /** Whether any of its 蜗牛店小二 or red-carded towns has had no talk recorded yet. */
        public boolean awaitsTalk() {
            return Stream.concat(snail.stream(), redCards.stream()).anyMatch(c -> c.talkedOn() == null);
        }
    }

    /**
     * A talk: whom and for which month (2021年3月 蜗牛店小二 交通运输局), when, who recorded it (the account's
     * user name: the page names the person as every page does, security.People), what was said.
     */
    record TalkLine(String what, LocalDate heldOn, String recordedBy, String note) {}

    /** A department (DEPARTMENT, by code) or town (TOWN) to be talked with, and the day it was, if it was. */
    record Called(String label, Talk.Subject kind, String subject, LocalDate talkedOn) {}

    static QuarterRoll of(Medals medals) {
        List<Row> rows = medals.months().stream().map(m -> {
            YearMonth month = YearMonth.parse(m.month());
            return new Row(m.month(), When.month(month) + (m.complete() ? "" : "（进行中）"), !m.complete(),
                    m.gold().isEmpty() ? "—" : String.join("、", m.gold().stream().map(Medals.Medalist::label).toList()),
                    m.snail().stream().map(s -> new Called(s.label(), Talk.Subject.DEPARTMENT, s.key(),
                            m.talkedOn(Talk.Subject.DEPARTMENT, s.key()))).toList(),
                    m.redCards().stream().map(town -> new Called(town, Talk.Subject.TOWN, town,
                            m.talkedOn(Talk.Subject.TOWN, town))).toList());
        }).toList();
        List<String> earned = new ArrayList<>();
        for (Medals.DepartmentTally d : medals.departments()) {
            earned.add(d.label() + (d.gold() > 0 ? " 金牌 " + d.gold() + " 次" : "")
                    + (d.snail() > 0 ? " 蜗牛 " + d.snail() + " 次" : ""));
        }
        medals.towns().forEach(t -> earned.add(t.town() + " 亮红牌 " + t.redCards() + " 次"));
        List<TalkLine> talks = medals.months().stream().flatMap(m -> m.talks().stream())
                .map(t -> new TalkLine(When.month(YearMonth.parse(t.month())) + " "
                        + (t.subjectKind() == Talk.Subject.DEPARTMENT ? "蜗牛店小二" : "亮红牌") + " " + t.label(),
                        t.heldOn(), t.recordedBy(), t.note())).toList();
        String quarter = medals.quarter();
        return new QuarterRoll(quarter.substring(0, 4) + "年第" + quarter.substring(6) + "季度", rows,
                earned.isEmpty() ? null : "本季度：" + String.join("；", earned), talks);
    }
}
