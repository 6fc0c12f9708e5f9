package org.sanfu.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which briefing a JSON answer is, read from its period field: the weekly one (周简报, {@code week}) or the
 * monthly report (月度通报, {@code month}). They share their sections and differ in words: the title, "本周"
 * or "本月", and the field of the tickets closed in the period. The monthly one adds the talks (约谈).
 */
record BriefingKind(String title, String period, String closedField, String label) {

    static BriefingKind of(JsonNode briefing) {
        if (briefing.has("month")) {
            String[] month = briefing.path("month").asText().split("-");
            return new BriefingKind("三服务月度通报（" + month[0] + "年" + Integer.parseInt(month[1]) + "月）", "本月",
                    "closedThisMonth", briefing.path("month").asText());
        }
        String[] week = briefing.path("week").asText().split("-W");
        return new BriefingKind("三服务工作简报（" + week[0] + "年第" + Integer.parseInt(week[1]) + "周）", "本周",
                "closedThisWeek", briefing.path("week").asText());
    }

    /**
     * Those the month's ranking calls in for a talk (约谈) and no talk was recorded with, as the report names
     * them: "蜗牛店小二 交通运输局（港航）", "亮红牌 新河镇"; none for the weekly briefing.
     */
    static List<String> pendingTalks(JsonNode briefing) {
        Set<String> talked = new HashSet<>();
        briefing.path("talks").forEach(t -> talked.add(t.path("subjectKind").asText() + ":" + t.path("subject").asText()));
        List<String> pending = new ArrayList<>();
        if (!briefing.has("talks")) {
            return pending;
        }
        for (JsonNode d : briefing.path("ranking").path("departments")) {
            if ("SNAIL".equals(d.path("medal").asText()) && !talked.contains("DEPARTMENT:" + d.path("key").asText())) {
                pending.add("蜗牛店小二 " + d.path("label").asText());
            }
        }
        for (JsonNode c : briefing.path("ranking").path("redCards")) {
            if (!talked.contains("TOWN:" + c.path("town").asText())) {
                pending.add("亮红牌 " + c.path("town").asText());
            }
        }
        return pending;
    }

    /** The file's name without its extension: 三服务简报-2020-W24, 三服务月度通报-2020-06. */
    String fileName() {
        return (closedField.equals("closedThisMonth") ? "三服务月度通报-" : "三服务简报-") + label;
    }
}
