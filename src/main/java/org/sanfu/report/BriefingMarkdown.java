package org.sanfu.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.sanfu.stats.RankingProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The weekly briefing (简报) or the monthly report (月度通报) as a readable Chinese document in Markdown. */
@Component
class BriefingMarkdown {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** How the ranking's 得分 is made ({@link Dashboard#scoreFormula}), said under it as the dashboard says it. */
    private final String scoreFormula;

    @Autowired
    BriefingMarkdown(RankingProperties ranking) {
        this(Dashboard.scoreFormula(ranking.weights()));
    }

    BriefingMarkdown(String scoreFormula) {
        this.scoreFormula = scoreFormula;
    }

    String render(JsonNode b, ZoneId zone) {
        StringBuilder md = new StringBuilder();
        BriefingKind kind = BriefingKind.of(b);
        String period = kind.period();
        md.append("# ").append(kind.title()).append("\n\n");
        md.append("> 统计周期：").append(b.path("from").asText()).append(" 至 ").append(b.path("to").asText())
                .append("（按企业反映问题的时间统计）  \n> 生成时间：").append(time(b.path("generatedAt"), zone))
                .append("\n\n");

        JsonNode h = b.path("headline");
        md.append("## 一、总体情况\n\n");
        md.append(period).append("共收集企业问题 **").append(h.path("total").asLong()).append("** 个，其中已办结 **")
                .append(h.path("closed").asLong()).append("** 个，办结率 ").append(percent(h.path("closeRate")))
                .append("；在办 ").append(h.path("open").asLong()).append(" 个，其中超期 **")
                .append(h.path("overdueOpen").asLong()).append("** 个。").append(period).append("共销号 ")
                .append(b.path(kind.closedField()).asLong()).append(" 个。\n\n");
        md.append("| 指标 | 数值 |\n|---|---|\n");
        row(md, "按时签收率", percent(h.path("onTimeSignRate")));
        row(md, "按时办结率", percent(h.path("onTimeCloseRate")));
        row(md, "满意率", percent(h.path("satisfactionRate")));
        row(md, "重办率", percent(h.path("reopenRate")));
        row(md, "退单率", percent(h.path("returnRate")));
        row(md, "办结时长中位数", h.path("medianHoursToClose").isNumber()
                ? h.path("medianHoursToClose").asText() + " 小时" : "—");

        md.append("\n## 二、分类别情况\n\n");
        md.append("| 问题类别 | 问题数 | 已办结 | 办结率 | 超期在办 | 满意率 |\n|---|---|---|---|---|---|\n");
        for (JsonNode c : b.path("byCategory")) {
            row(md, c.path("label").asText(), c.path("total").asText(), c.path("closed").asText(),
                    percent(c.path("closeRate")), c.path("overdueOpen").asText(), percent(c.path("satisfactionRate")));
        }

        md.append("\n## 三、分部门情况\n\n");
        md.append("| 主办部门 | 问题数 | 已办结 | 按时签收率 | 按时办结率 | 满意率 | 退单率 |\n|---|---|---|---|---|---|---|\n");
        for (JsonNode d : b.path("byDepartment")) {
            row(md, d.path("label").asText(), d.path("total").asText(), d.path("closed").asText(),
                    percent(d.path("onTimeSignRate")), percent(d.path("onTimeCloseRate")),
                    percent(d.path("satisfactionRate")), percent(d.path("returnRate")));
        }
        String withoutLead = withoutLead(b);
        if (withoutLead != null) {
            md.append('\n').append(withoutLead).append('\n');
        }

        md.append("\n## 四、部门赛马排名\n\n");
        md.append("| 名次 | 部门 | 得分 | 问题数 | 称号 |\n|---|---|---|---|---|\n");
        for (JsonNode d : b.path("ranking").path("departments")) {
            row(md, d.path("rank").isNull() ? "未排名" : d.path("rank").asText(), d.path("label").asText(),
                    d.path("score").isNull() ? "—" : d.path("score").asText(), d.path("total").asText(),
                    medal(d.path("medal").asText(null)));
        }
        md.append('\n').append(scoreFormula).append('\n');
        if (b.has("month")) { // the monthly report's ranking is the month's: stored on the 1st, or live till then
            JsonNode storedAt = b.path("ranking").path("storedAt");
            md.append('\n').append(storedAt.isTextual()
                    ? "该月排名已于 " + time(storedAt, zone) + " 存档，此后按存档通报，不再随事项办理变化。\n"
                    : "该月排名按事项当前情况实时计算；每月1日 08:00 存档上月排名。\n");
        }
        JsonNode cards = b.path("ranking").path("redCards");
        if (cards.isEmpty()) {
            md.append("\n").append(period).append("无亮红牌的镇（街道）、平台。\n");
        } else {
            md.append("\n**亮红牌：**\n\n");
            for (JsonNode c : cards) {
                md.append("- ").append(text(c.path("town").asText())).append("：问题 ").append(c.path("total").asLong())
                        .append(" 个，超期率 ").append(percent(c.path("overdueRate"))).append("，满意率 ")
                        .append(percent(c.path("satisfactionRate"))).append('\n');
            }
        }

        md.append("\n## 五、超期事项\n\n");
        if (!b.path("overdue").isEmpty()) {
            // the headline's 其中超期 counts the period's tickets; this list is every open overdue one, reported
            // earlier too, as it stood when compiled: said, so that a reader does not take the two for one figure
            md.append(overdueScope(period)).append("：\n\n");
        }
        list(md, b.path("overdue"), t -> "（主办：" + or(t.path("leadDepartmentLabel"), "待交办") + "，答复期限 "
                + time(t.path("replyDeadline"), zone) + "）", "无超期事项。");

        md.append("\n## 六、").append(period).append("办结案例\n\n");
        list(md, b.path("resolved"), t -> (t.path("resolution").isTextual()
                ? " —— 办理结果：" + text(t.path("resolution").asText()) : "")
                + "（" + satisfaction(t.path("satisfaction").asText(null)) + "）", period + "无办结事项。");

        md.append("\n## 七、共性问题\n\n");
        JsonNode systemic = b.path("systemicProblems");
        if (systemic.isEmpty()) {
            md.append(period).append("无共性问题。\n");
        }
        int n = 1;
        for (JsonNode p : systemic) {
            md.append(n++).append(". 共性问题 ").append(p.path("id").asText()).append(" 【")
                    .append(text(p.path("categoryLabel").asText())).append("】").append(text(p.path("title").asText()))
                    .append("（").append(systemicStatus(p.path("status").asText(null))).append("）：")
                    .append(p.path("enterpriseCount").asInt()).append(" 家企业反映，涉及 ")
                    .append(text(joined(p.path("towns"), "、"))).append("；事项 ")
                    .append(text(joined(p.path("ticketIds"), "、")))
                    .append(p.path("caseTicketId").isTextual() ? "；牵头事项 #" + p.path("caseTicketId").asText() : "")
                    .append('\n');
        }
        if (b.has("talks")) {
            md.append("\n## 八、约谈\n\n");
            List<BriefingKind.Pending> pending = BriefingKind.pendingTalks(b);
            if (b.path("talks").isEmpty()) {
                md.append(pending.isEmpty() ? "本月无须约谈。\n" : "尚未记录约谈。\n");
            }
            int t = 1;
            for (JsonNode talk : b.path("talks")) {
                md.append(t++).append(". ").append("DEPARTMENT".equals(talk.path("subjectKind").asText()) ? "蜗牛店小二 "
                        : "亮红牌 ").append(text(talk.path("label").asText())).append("：")
                        .append(talk.path("heldOn").asText()).append(" 约谈。").append(text(talk.path("note").asText()))
                        .append('\n');
            }
            if (!pending.isEmpty()) {
                md.append("\n**尚待约谈：**").append(text(String.join("、",
                        pending.stream().map(p -> p.why() + " " + p.label()).toList()))).append('\n');
            }
        }
        return md.toString();
    }

    /** The texts of a JSON array, joined; an empty or missing array as "—". */
    static String joined(JsonNode array, String separator) {
        java.util.List<String> texts = new java.util.ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts.isEmpty() ? "—" : String.join(separator, texts);
    }

    static String systemicStatus(String value) {
        return value == null ? "" : switch (value) {
            case "PROPOSED" -> "待确认";
            case "CONFIRMED" -> "已确认";
            case "DISMISSED" -> "已排除";
            default -> value;
        };
    }

    private interface Suffix {
        String of(JsonNode ticket);
    }

    private static void list(StringBuilder md, JsonNode tickets, Suffix suffix, String none) {
        if (tickets.isEmpty()) {
            md.append(none).append('\n');
            return;
        }
        int n = 1;
        for (JsonNode t : tickets) {
            md.append(n++).append(". #").append(t.path("id").asText()).append(" 【")
                    .append(text(t.path("categoryLabel").asText())).append("】")
                    .append(text(t.path("enterpriseName").asText())).append("：").append(text(t.path("title").asText()))
                    .append(suffix.of(t)).append('\n');
        }
    }

    private static void row(StringBuilder md, String... cells) {
        md.append('|');
        for (String cell : cells) {
            md.append(' ').append(text(cell)).append(" |");
        }
        md.append('\n');
    }

    /**
     * Characters that may begin Markdown syntax mid-line: a link or image ({@code [x](javascript:...)},
     * {@code ![](http://beacon)}), emphasis, strikethrough, code, HTML and autolinks, entities, table
     * cells, headings. Backslash-escaped, each renders as itself (CommonMark: any ASCII punctuation may
     * be escaped). User text never starts a line here, so list markers and the like need nothing.
     */
    private static final String SYNTAX = "\\`*_[]<>|~#&!";

    /**
     * User text (a title, an enterprise's or a department's name) in Markdown, rendered as the literal
     * text it is: every syntax character escaped, and on one line, since a line break would end the
     * table row or the list item it stands in.
     */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        String line = value.replace("\r\n", " ");
        StringBuilder md = new StringBuilder(line.length() + 8);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\r' || c == '\n') {
                md.append(' ');
            } else {
                if (SYNTAX.indexOf(c) >= 0) {
                    md.append('\\');
                }
                md.append(c);
            }
        }
        return md.toString();
    }

    static String percent(JsonNode rate) {
        return rate.isNumber() ? String.format("%.1f%%", rate.asDouble() * 100) : "—";
    }

    private static String time(JsonNode instant, ZoneId zone) {
        return instant.isTextual() ? OffsetDateTime.parse(instant.asText()).atZoneSameInstant(zone).format(MINUTE) : "—";
    }

    private static String or(JsonNode value, String otherwise) {
        return value.isTextual() ? text(value.asText()) : otherwise;
    }

    /** What 超期事项 lists, beside the headline's 其中超期 (the period's only): said in the Markdown and the workbook. */
    static String overdueScope(String period) {
        return "生成时仍超期未办结的全部事项，不限" + period + "反映（上文“其中超期”只计" + period + "反映的），答复期限早的在前";
    }

    /**
     * The period's tickets no department leads (solved during the visit, or not yet assigned), which the
     * table by lead department leaves out: said under it, so that its rows adding up to less than the headline's
     * total is not taken for a mistake; null when every ticket has a lead.
     */
    static String withoutLead(JsonNode b) {
        long listed = 0;
        for (JsonNode d : b.path("byDepartment")) {
            listed += d.path("total").asLong();
        }
        long without = b.path("headline").path("total").asLong() - listed;
        return without > 0 ? "另有 " + without + " 个问题没有主办部门（当场解决，或尚待专班办公室交办），未列入上表。" : null;
    }

    static String medal(String medal) {
        return medal == null ? "" : switch (medal) {
            case "GOLD" -> "金牌店小二";
            case "SNAIL" -> "蜗牛店小二";
            default -> medal;
        };
    }

    static String satisfaction(String value) {
        return value == null ? "未评价" : switch (value) {
            case "SATISFIED" -> "满意";
            case "BASICALLY_SATISFIED" -> "基本满意";
            case "DISSATISFIED" -> "不满意";
            default -> "未评价";
        };
    }
}
