package org.sanfu.report;

import static org.sanfu.report.BriefingDocument.line;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.sanfu.report.BriefingDocument.Block;
import org.sanfu.report.BriefingDocument.Items;
import org.sanfu.report.BriefingDocument.Paragraph;
import org.sanfu.report.BriefingDocument.Run;
import org.sanfu.report.BriefingDocument.Section;
import org.sanfu.report.BriefingDocument.Table;
import org.sanfu.stats.RankingProperties;
import org.sanfu.web.Languages;
import org.sanfu.web.When;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The weekly briefing (简报) or the monthly report (月度通报) as a readable Chinese document in Markdown. */
@Component
class BriefingMarkdown {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** How the ranking's 得分 is made ({@link Dashboard#scoreFormula}), said under it as the dashboard says it. */
    private final String scoreFormula;

    /** The ranking tables' 参与排名件数, named as the dashboard's ranking names it ({@code label.ranking.tickets}). */
    private final String rankingTickets;

    @Autowired
    BriefingMarkdown(RankingProperties ranking, MessageSource messages) {
        this(Dashboard.scoreFormula(ranking.weights()), rankingTicketsHeading(messages));
    }

    BriefingMarkdown(String scoreFormula, String rankingTickets) {
        this.scoreFormula = scoreFormula;
        this.rankingTickets = rankingTickets;
    }

    /** The heading of 参与排名件数 from the bundle, in Chinese as every page and briefing is. */
    static String rankingTicketsHeading(MessageSource messages) {
        return messages.getMessage("label.ranking.tickets", null, Languages.CHINESE);
    }

    String render(JsonNode b, ZoneId zone) {
        return render(document(b, zone));
    }

    /**
     * The briefing as a document, which this writes as Markdown and the briefing page shows as it is: 办结时长中位数
     * in days (7.1 天) in both, as the dashboard says it; the API and the workbook's number keep hours.
     */
    BriefingDocument document(JsonNode b, ZoneId zone) {
        BriefingKind kind = BriefingKind.of(b);
        String period = kind.period();
        List<Section> sections = new ArrayList<>();

        JsonNode h = b.path("headline");
        // two counts of closing that a leader would otherwise set against each other: 已办结 is of the period's own
        // tickets as they stand when the briefing is made (closed after the period included), 销号 the tickets closed
        // within the period whenever reported; each says what it counts (CLOSING_COUNTS), the figures unchanged
        sections.add(new Section("一、总体情况", List.of(line().say(period + "共收集企业问题 ").strong(h.path("total").asLong())
                .say(" 个，其中" + CLOSED_SO_FAR + " ").strong(h.path("closed").asLong())
                .say(" 个，办结率 " + percent(h.path("closeRate")) + "；在办 " + h.path("open").asLong() + " 个，其中超期 ")
                .strong(h.path("overdueOpen").asLong())
                .say(" 个。" + closedWithin(period) + " " + b.path(kind.closedField()).asLong() + " 个。").paragraph(),
                new Table(List.of("指标", "数值"), List.of(
                        List.of("按时签收率", percent(h.path("onTimeSignRate"))),
                        List.of("按时办结率", percent(h.path("onTimeCloseRate"))),
                        List.of("满意率", percent(h.path("satisfactionRate"))),
                        List.of("重办率", percent(h.path("reopenRate"))),
                        List.of("退单率", percent(h.path("returnRate"))),
                        List.of("办结时长中位数", !h.path("medianHoursToClose").isNumber() ? "—"
                                : Dashboard.days(h.path("medianHoursToClose").asDouble()) + " 天"))))));

        // a table without rows says nothing: a period without tickets says so, as 五 to 七 say theirs
        String noTickets = period + "无企业反映的问题。";
        List<List<String>> categories = new ArrayList<>();
        for (JsonNode c : b.path("byCategory")) {
            categories.add(List.of(c.path("label").asText(), c.path("total").asText(), c.path("closed").asText(),
                    percent(c.path("closeRate")), c.path("overdueOpen").asText(), percent(c.path("satisfactionRate"))));
        }
        sections.add(new Section("二、分类别情况", List.of(categories.isEmpty() ? BriefingDocument.paragraph(noTickets)
                : new Table(List.of("问题类别", "问题数", "已办结", "办结率", "超期在办", "满意率"), categories))));

        List<List<String>> departments = new ArrayList<>();
        for (JsonNode d : b.path("byDepartment")) {
            departments.add(List.of(d.path("label").asText(), d.path("total").asText(), d.path("closed").asText(),
                    percent(d.path("onTimeSignRate")), percent(d.path("onTimeCloseRate")),
                    percent(d.path("satisfactionRate")), percent(d.path("returnRate"))));
        }
        List<Block> byDepartment = new ArrayList<>();
        String withoutLead = withoutLead(b);
        if (!departments.isEmpty()) {
            byDepartment.add(new Table(List.of("主办部门", "问题数", "已办结", "按时签收率", "按时办结率", "满意率", "退单率"),
                    departments));
            if (withoutLead != null) {
                byDepartment.add(BriefingDocument.paragraph(withoutLead));
            }
        } else {
            byDepartment.add(BriefingDocument.paragraph(withoutLead == null ? noTickets
                    : period + "反映的 " + h.path("total").asLong() + " 个问题都没有主办部门（当场解决，或尚待专班办公室交办）。"));
        }
        sections.add(new Section("三、分部门情况", byDepartment));

        // the titles are the month's (评选 every month): the monthly report's own ranking, the weekly briefing's month's
        JsonNode titled = titled(b);
        List<Block> ranking = new ArrayList<>();
        boolean weekly = !b.has("month");
        if (weekly && titled.isObject()) {
            ranking.add(line().strong(rankedMonth(titled) + "排名").say("（" + MONTH_OF_THE_WEEK + "）：").paragraph());
        }
        String monthOpen = monthOpen(b, instant -> time(instant, zone));
        if (monthOpen != null) {
            ranking.add(line().strong(monthOpen).paragraph());
        }
        if (titled.isObject()) {
            ranking.add(rankingTable(titled, true, rankingTickets));
        }
        if (weekly) {
            ranking.add(line().strong("本周得分").say("（" + WEEK_SCORES + "）：").paragraph());
            ranking.add(rankingTable(b.path("ranking"), false, rankingTickets));
        }
        ranking.add(BriefingDocument.paragraph(scoreFormula));
        if (titled.isObject()) {
            // the month's ranking is stored on the 1st, or live till then
            ranking.add(BriefingDocument.paragraph(stored(titled, instant -> time(instant, zone))));
            JsonNode cards = titled.path("redCards");
            String month = weekly ? rankedMonth(titled) : period;
            if (cards.isEmpty()) {
                ranking.add(BriefingDocument.paragraph(month + "无亮红牌的镇（街道）、平台。"));
            } else {
                ranking.add(line().strong(weekly ? month + "亮红牌：" : "亮红牌：").paragraph());
                List<List<Run>> towns = new ArrayList<>();
                for (JsonNode c : cards) {
                    towns.add(line().typed(c.path("town").asText()).say("：问题 " + c.path("total").asLong() + " 个，超期率 "
                            + percent(c.path("overdueRate")) + "，满意率 " + percent(c.path("satisfactionRate"))).runs());
                }
                ranking.add(new Items(false, towns));
            }
        }
        sections.add(new Section("四、部门赛马排名", ranking));

        List<Block> overdue = new ArrayList<>();
        if (!b.path("overdue").isEmpty()) {
            // the headline's 其中超期 counts the period's tickets; this list is every open overdue one, reported
            // earlier too, as it stood when compiled: said, so that a reader does not take the two for one figure
            overdue.add(BriefingDocument.paragraph(overdueScope(period) + "："));
        }
        String overdueCut = overdueCut(b);
        if (overdueCut != null) {
            overdue.add(line().strong(overdueCut).paragraph());
        }
        overdue.add(tickets(overdueInOrder(b), (t, line) -> or(line.say("（主办："), t.path("leadDepartmentLabel"), "待交办")
                .say(missedDeadline(t, zone) + "）"), "无超期事项。"));
        sections.add(new Section("五、超期事项", overdue));

        List<Block> resolved = new ArrayList<>();
        String resolvedCut = resolvedCut(b);
        if (resolvedCut != null) {
            resolved.add(line().strong(resolvedCut).paragraph());
        }
        resolved.add(tickets(b.path("resolved"), (t, line) -> {
            if (t.path("resolution").isTextual()) {
                line.say(" —— 办理结果：").typed(t.path("resolution").asText());
            }
            line.say("（" + satisfaction(t.path("satisfaction").asText(null)) + "）");
        }, period + "无办结事项。"));
        sections.add(new Section("六、" + period + "办结案例", resolved));

        JsonNode systemic = b.path("systemicProblems");
        List<List<Run>> problems = new ArrayList<>();
        for (JsonNode p : systemic) {
            // its tickets' numbers link to them on the page, as every ticket's number there does; the Markdown's words
            // are as before (事项 12、13；牵头事项 #14)
            List<String> members = new ArrayList<>();
            p.path("ticketIds").forEach(id -> members.add(id.asText()));
            BriefingDocument.Line problem = line().say("共性问题 " + p.path("id").asText() + " 【")
                    .typed(p.path("categoryLabel").asText()).say("】").typed(p.path("title").asText())
                    .say("（" + systemicStatus(p.path("status").asText(null)) + "）：" + p.path("enterpriseCount").asInt()
                            + " 家企业反映，涉及 ").typed(joined(p.path("towns"), "、"))
                    .say("；事项 ").numbers(members);
            if (p.path("caseTicketId").isTextual()) {
                problem.say("；牵头事项 ").ticket(p.path("caseTicketId").asText());
            }
            problems.add(problem.runs());
        }
        sections.add(new Section("七、共性问题", List.of(systemic.isEmpty()
                ? BriefingDocument.paragraph(period + "无共性问题。") : new Items(true, problems))));

        if (b.has("talks")) {
            List<Block> talks = new ArrayList<>();
            List<BriefingKind.Pending> pending = BriefingKind.pendingTalks(b);
            if (b.path("talks").isEmpty()) {
                talks.add(BriefingDocument.paragraph(pending.isEmpty() ? "本月无须约谈。" : "尚未记录约谈。"));
            } else {
                List<List<Run>> held = new ArrayList<>();
                for (JsonNode talk : b.path("talks")) {
                    held.add(line().say("DEPARTMENT".equals(talk.path("subjectKind").asText()) ? "蜗牛店小二 " : "亮红牌 ")
                            .typed(talk.path("label").asText()).say("：" + talk.path("heldOn").asText() + " 约谈。")
                            .typed(talk.path("note").asText()).runs());
                }
                talks.add(new Items(true, held));
            }
            if (!pending.isEmpty()) {
                talks.add(line().strong("尚待约谈：").typed(String.join("、",
                        pending.stream().map(p -> p.why() + " " + p.label()).toList())).paragraph());
            }
            sections.add(new Section("八、约谈", talks));
        }
        String underWay = underWay(b, instant -> time(instant, zone));
        return new BriefingDocument(kind.title(), "统计周期：" + b.path("from").asText() + " 至 " + b.path("to").asText()
                + "（按企业反映问题的时间统计" + (underWay == null ? "" : "；" + underWay) + "）",
                "生成时间：" + time(b.path("generatedAt"), zone), sections);
    }

    /**
     * What a briefing of a period still under way when it was made says after its period: that the period is not
     * over and the figures are as of then (本周尚未结束，数据截至 2026-12-08 11:00), lest they read as the period's
     * final ones; null for a period over. {@code time} writes a moment as the document does (2026-12-08 11:00, the
     * service's zone), whose date is compared with the period's last day.
     */
    static String underWay(JsonNode b, Function<JsonNode, String> time) {
        String at = time.apply(b.path("generatedAt"));
        return at.length() >= 10 && at.substring(0, 10).compareTo(b.path("to").asText()) <= 0
                ? BriefingKind.of(b).period() + "尚未结束，数据截至 " + at : null;
    }

    /**
     * What 四、部门赛马排名 says before the month's titles while that month is not over (the ranking not stored, its
     * month not before the month the briefing was made in), as the dashboard's quarter roll says it
     * (page.quarter.month-open): （本月尚未结束，名单可能变化）, the weekly briefing naming its month; null otherwise.
     */
    static String monthOpen(JsonNode b, Function<JsonNode, String> time) {
        JsonNode ranking = titled(b);
        String at = time.apply(b.path("generatedAt"));
        if (!ranking.path("month").isTextual() || ranking.path("storedAt").isTextual() || at.length() < 7) {
            return null;
        }
        boolean open = !YearMonth.parse(ranking.path("month").asText()).isBefore(YearMonth.parse(at.substring(0, 7)));
        return open ? "（" + (b.has("month") ? "本月" : rankedMonth(ranking)) + "尚未结束，名单可能变化）" : null;
    }

    /**
     * What 六、办结案例 says before its list when the list is cut ({@link ReportQueries#MAX_LINES}, the first by close
     * time): how many closed in all and how many are listed (本月办结 1686 件，以下列出最早办结的 500 件。); null when
     * it lists them all.
     */
    static String resolvedCut(JsonNode b) {
        BriefingKind kind = BriefingKind.of(b);
        long all = b.path(kind.closedField()).asLong();
        int listed = b.path("resolved").size();
        return listed < all ? kind.period() + "办结 " + all + " 件，以下列出最早办结的 " + listed + " 件。" : null;
    }

    /**
     * What 五、超期事项 says before its list when the list is cut (the earliest deadlines first): how many are overdue
     * in all ({@code overdueCount}) and how many are listed; for a briefing stored before the count was kept, that the
     * list is full and may leave some out; null when it lists them all.
     */
    static String overdueCut(JsonNode b) {
        int listed = b.path("overdue").size();
        if (b.path("overdueCount").isNumber()) {
            long all = b.path("overdueCount").asLong();
            return listed < all ? "生成时超期未办结共 " + all + " 件，以下列出期限最早的 " + listed + " 件。" : null;
        }
        return listed >= ReportQueries.MAX_LINES ? "以下只列出期限最早的 " + listed + " 件，其余未列出。" : null;
    }

    /** What the weekly briefing's month's ranking is, after its name (2026年11月排名). */
    static final String MONTH_OF_THE_WEEK = "本周所在月份；金牌店小二、蜗牛店小二和亮红牌每月评定，与驾驶舱、月度通报中该月的相同";

    /** The period's tickets closed by the time the briefing is made: the headline's {@code closed}. */
    static final String CLOSED_SO_FAR = "截至生成时已办结";

    /**
     * The tickets closed within the period (本周内, 本月内), whenever reported: {@code closedThisWeek},
     * {@code closedThisMonth}; none of them may be among the period's own, and those may close after it.
     */
    static String closedWithin(String period) {
        return period + "内销号（按销号时间计，不论何时反映）";
    }

    /** What the weekly briefing's own ranking is, after 本周得分. */
    static final String WEEK_SCORES = "只计本周反映的问题，供与月度排名对照，不评称号、不亮红牌";

    /**
     * The ranking whose 金牌店小二, 蜗牛店小二 and red cards a briefing gives: the monthly report's {@code ranking},
     * the weekly briefing's {@code monthRanking} (its own {@code ranking} is the week's scores); missing if none.
     */
    static JsonNode titled(JsonNode b) {
        return b.has("month") ? b.path("ranking") : b.path("monthRanking");
    }

    /** The month of a ranking ({@code month} 2026-11), as people write it: 2026年11月. */
    static String rankedMonth(JsonNode ranking) {
        return When.month(YearMonth.parse(ranking.path("month").asText()));
    }

    /** Whether a month's ranking is stored ({@code storedAt}, written by {@code time}) or computed as things stand. */
    static String stored(JsonNode ranking, Function<JsonNode, String> time) {
        JsonNode storedAt = ranking.path("storedAt");
        return storedAt.isTextual() ? "该月排名已于 " + time.apply(storedAt) + " 存档，此后按存档通报，不再随事项办理变化。"
                : "该月排名按事项当前情况实时计算；每月1日 08:00 存档上月排名。";
    }

    /**
     * A ranking's departments: 名次, 部门, 得分, 问题数, 参与排名件数 (headed {@code rankingTickets}), and 称号 when
     * {@code titles}. A ranking stored before {@code rankingTickets} was kept (a week's briefing stored then, a month's
     * ranking stored then: missing or null) reads —, as the dashboard does.
     */
    private static Table rankingTable(JsonNode ranking, boolean titles, String rankingTickets) {
        List<List<String>> ranked = new ArrayList<>();
        for (JsonNode d : ranking.path("departments")) {
            List<String> row = new ArrayList<>(List.of(d.path("rank").isNull() ? "未排名" : d.path("rank").asText(),
                    d.path("label").asText(), d.path("score").isNull() ? "—" : d.path("score").asText(),
                    d.path("total").asText(),
                    d.path("rankingTickets").isNumber() ? d.path("rankingTickets").asText() : "—"));
            if (titles) {
                row.add(medal(d.path("medal").asText(null)));
            }
            ranked.add(row);
        }
        List<String> headings = new ArrayList<>(List.of("名次", "部门", "得分", "问题数", rankingTickets));
        if (titles) {
            headings.add("称号");
        }
        return new Table(headings, ranked);
    }

    /** The document in Markdown: user text escaped, a blank line between blocks. */
    static String render(BriefingDocument document) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(document.title()).append("\n\n");
        md.append("> ").append(document.scope()).append("  \n> ").append(document.generated()).append('\n');
        for (Section section : document.sections()) {
            md.append("\n## ").append(section.heading()).append('\n');
            for (Block block : section.blocks()) {
                md.append('\n');
                if (block instanceof Paragraph p) {
                    md.append(runs(p.runs())).append('\n');
                } else if (block instanceof Table t) {
                    md.append("| ").append(String.join(" | ", t.headings())).append(" |\n|")
                            .append("---|".repeat(t.headings().size())).append('\n');
                    t.rows().forEach(cells -> row(md, cells));
                } else if (block instanceof Items list) {
                    int n = 1;
                    for (List<Run> item : list.items()) {
                        md.append(list.numbered() ? n++ + ". " : "- ").append(runs(item)).append('\n');
                    }
                }
            }
        }
        return md.toString();
    }

    private static String runs(List<Run> runs) {
        StringBuilder md = new StringBuilder();
        for (Run run : runs) {
            md.append(run.strong() ? "**" + run.text() + "**" : run.typed() ? text(run.text()) : run.text());
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

    /** What a ticket's line says after its title. */
    private interface Suffix {
        void of(JsonNode ticket, BriefingDocument.Line line);
    }

    /** Tickets numbered: #120 【category】enterprise：title, then the suffix; or what says there are none. */
    private static Block tickets(JsonNode tickets, Suffix suffix, String none) {
        if (tickets.isEmpty()) {
            return BriefingDocument.paragraph(none);
        }
        List<List<Run>> items = new ArrayList<>();
        for (JsonNode t : tickets) {
            BriefingDocument.Line line = line().ticket(t.path("id").asText()).say(" 【")
                    .typed(t.path("categoryLabel").asText()).say("】").typed(t.path("enterpriseName").asText())
                    .say("：").typed(t.path("title").asText());
            suffix.of(t, line);
            items.add(line.runs());
        }
        return new Items(true, items);
    }

    private static void row(StringBuilder md, List<String> cells) {
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

    /**
     * Which deadline an overdue ticket missed, and that deadline: "，签收超期，签收期限 …" for one signed late or
     * not yet (its reply deadline may still be days ahead), "，答复超期，答复期限 …", or both misses with the reply
     * deadline; one overdue on a deadline since restarted, "，此前超期，答复期限 …" (the present one).
     */
    static String missedDeadline(JsonNode t, ZoneId zone) {
        return "，" + missedLabels(t) + (signOnly(t) ? "，签收期限 " : "，答复期限 ") + time(shownDeadline(t), zone);
    }

    private static boolean signOnly(JsonNode t) {
        return t.path("missed").size() == 1 && "sign".equals(t.path("missed").path(0).asText());
    }

    /**
     * The deadline an overdue line gives ({@link #missedDeadline}): the sign deadline of one that missed that alone,
     * else the reply deadline; the list is in its order ({@link org.sanfu.ticket.TicketFacts#missedDeadline} in the query).
     */
    private static JsonNode shownDeadline(JsonNode t) {
        return t.path(signOnly(t) ? "signDeadline" : "replyDeadline");
    }

    /**
     * 超期事项 as its lines are read (the Markdown, the page, the workbook's sheet): by the deadline each gives, the
     * earliest first, lines of the same deadline as listed. A briefing compiled now is so already; one stored before
     * listed them by reply deadline, a line that missed only its sign deadline among those of its reply deadline,
     * days ahead.
     */
    static ArrayNode overdueInOrder(JsonNode b) {
        List<JsonNode> lines = new ArrayList<>();
        b.path("overdue").forEach(lines::add);
        lines.sort(Comparator.comparing((JsonNode t) -> shownDeadline(t).isTextual()
                        ? OffsetDateTime.parse(shownDeadline(t).asText()).toInstant() : null,
                Comparator.nullsLast(Comparator.naturalOrder())));
        return JsonNodeFactory.instance.arrayNode().addAll(lines);
    }

    /**
     * The deadlines an overdue ticket's line missed, as the bundle's label.missed.* names them (签收超期、答复超期),
     * and 此前超期 for one that misses none it runs against now: overdue on a deadline since restarted (reopened,
     * reassigned), which 超期 stays on.
     */
    static String missedLabels(JsonNode t) {
        List<String> labels = new ArrayList<>();
        t.path("missed").forEach(m -> labels.add("sign".equals(m.asText()) ? "签收超期" : "答复超期"));
        return labels.isEmpty() ? "此前超期" : String.join("、", labels);
    }

    private static String time(JsonNode instant, ZoneId zone) {
        return instant.isTextual() ? OffsetDateTime.parse(instant.asText()).atZoneSameInstant(zone).format(MINUTE) : "—";
    }

    private static BriefingDocument.Line or(BriefingDocument.Line line, JsonNode value, String otherwise) {
        return value.isTextual() ? line.typed(value.asText()) : line.say(otherwise);
    }

    /** What 超期事项 lists, beside the headline's 其中超期 (the period's only): said in the Markdown and the workbook. */
    static String overdueScope(String period) {
        return "生成时仍超期未办结的全部事项，不限" + period + "反映（上文“其中超期”只计" + period
                + "反映的），按各条所列期限（只超签收期限的为签收期限，其余为答复期限）早的在前";
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
