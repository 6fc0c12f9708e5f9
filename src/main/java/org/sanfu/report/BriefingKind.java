package org.sanfu.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sanfu.web.IsoWeek;
import org.sanfu.web.When;

/**
 * Which briefing a JSON answer is, read from its period field: the weekly one (周简报, {@code week}) or the
 * monthly report (月度通报, {@code month}). They share their sections and differ in words: the title, "本周"
 * or "本月", and the field of the tickets closed in the period. The monthly one adds the talks (约谈).
 */
record BriefingKind(String title, String period, String closedField, String fileName) {

    /** @param fileName the file's name without its extension: 三服务简报-2020-W24, 三服务月度通报-2020-06 */
    static BriefingKind of(JsonNode briefing) {
        if (briefing.has("month")) {
            String month = briefing.path("month").asText();
            return new BriefingKind("三服务月度通报（" + When.month(YearMonth.parse(month)) + "）", "本月",
                    "closedThisMonth", "三服务月度通报-" + month);
        }
        String week = briefing.path("week").asText();
        return new BriefingKind("三服务工作简报（" + When.week(IsoWeek.parse(week)) + "）",
                "本周", "closedThisWeek", "三服务简报-" + week);
    }

    /** A department (DEPARTMENT) or town (TOWN) to be talked with, by its name. */
    record Pending(String subjectKind, String label) {

        /** Why it is called in: 蜗牛店小二 or 亮红牌. */
        String why() {
            return "DEPARTMENT".equals(subjectKind) ? "蜗牛店小二" : "亮红牌";
        }
    }

    /**
     * Those the month's ranking calls in for a talk (约谈) and no talk was recorded with: its 蜗牛店小二, then
     * its red-carded towns; none for the weekly briefing.
     */
    static List<Pending> pendingTalks(JsonNode briefing) {
        List<Pending> pending = new ArrayList<>();
        if (!briefing.has("talks")) {
            return pending;
        }
        Set<String> talked = new HashSet<>();
        briefing.path("talks").forEach(t -> talked.add(t.path("subjectKind").asText() + ":" + t.path("subject").asText()));
        for (JsonNode d : briefing.path("ranking").path("departments")) {
            if ("SNAIL".equals(d.path("medal").asText()) && !talked.contains("DEPARTMENT:" + d.path("key").asText())) {
                pending.add(new Pending("DEPARTMENT", d.path("label").asText()));
            }
        }
        for (JsonNode c : briefing.path("ranking").path("redCards")) {
            if (!talked.contains("TOWN:" + c.path("town").asText())) {
                pending.add(new Pending("TOWN", c.path("town").asText()));
            }
        }
        return pending;
    }
}
