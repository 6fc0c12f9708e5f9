package org.sanfu.report;

import com.fasterxml.jackson.databind.JsonNode;

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

    /** The file's name without its extension: 三服务简报-2020-W24, 三服务月度通报-2020-06. */
    String fileName() {
        return (closedField.equals("closedThisMonth") ? "三服务月度通报-" : "三服务简报-") + label;
    }
}
