package org.sanfu.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.jsoup.nodes.Document;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Recording a talk (约谈) from the dashboard's 季度通报, on May 2010, used by no other test: three customs
 * problems of one town are left unsigned past their deadlines, so the town is red-carded that month.
 */
@SanfuTest
class TalkPagesTests {

    @Autowired
    Api api;
    @Autowired
    Pages pages;
    @Autowired
    JdbcClient jdbc;

    private long talks() {
        return jdbc.sql("select count(*) from talk").query(Long.class).single();
    }

    @Test
    void aLeaderRecordsTheTalkWithARedCardedTownFromTheQuarterRoll() {
        String town = api.redCardedTown("约谈页镇", "2010-05-03", "2010-05-31");
        Document dashboard = pages.get("/?month=2010-05", "leader").html();
        assertThat(dashboard.select("#quarter-2010-05 .red .called").attr("data-subject")).isEqualTo(town);
        String link = dashboard.select("#quarter-2010-05 .red a.record-talk").attr("href");
        String asked = URLDecoder.decode(link, StandardCharsets.UTF_8);
        assertThat(asked).isEqualTo("/talks/new?month=2010-05&subjectKind=TOWN&subject=" + town);
        Document forDispatch = pages.get("/?month=2010-05", "dispatch").html();
        assertThat(forDispatch.select("a.record-talk")).as("dispatch reads the roll, only a leader records").isEmpty();
        assertThat(forDispatch.select("#quarter-2010-05 .red").text()).isEqualTo(town + "（待约谈）");

        Document form = pages.get(asked, "leader").html();
        assertThat(form.select("#about").text()).isEqualTo("约谈对象：" + town + "（2010年5月 亮红牌）");
        assertThat(form.select("#wrongLink")).isEmpty();
        assertThat(form.select("#monthInProgress")).as("a month that is over").isEmpty();
        assertThat(form.select("input[name=heldOn]").attr("min")).isEqualTo("2010-05-01");
        assertThat(form.select("input[name=heldOn]").attr("max"))
                .isEqualTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
        assertThat(form.select("#back").attr("href")).isEqualTo("/?month=2010-05#quarterRoll");
        assertThat(form.select("input[name=heldOn]").val())
                .isEqualTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
        long before = talks();

        Pages.Answer noNote = pages.post("/talks", "leader", Pages.form("month", "2010-05", "subjectKind", "TOWN",
                "subject", town, "heldOn", "2010-06-02", "note", " "));
        assertThat(noNote.status()).isEqualTo(400);
        assertThat(noNote.html().select(".field[data-field=note] .field-error").text()).isEqualTo("不能为空");
        assertThat(noNote.html().select("input[name=heldOn]").val()).isEqualTo("2010-06-02");
        Pages.Answer early = pages.post("/talks", "leader", Pages.form("month", "2010-05", "subjectKind", "TOWN",
                "subject", town, "heldOn", "2010-04-30", "note", "约谈"));
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.html().select(".field[data-field=heldOn] .field-error").text())
                .isEqualTo("不能早于该月第一天 2010-05-01");
        assertThat(early.html().select("textarea[name=note]").text()).isEqualTo("约谈");
        assertThat(talks()).isEqualTo(before);

        Pages.Answer saved = pages.post("/talks", "leader", Pages.form("month", "2010-05", "subjectKind", "TOWN",
                "subject", town, "heldOn", "2010-06-02", "note", "通报超期情况，要求镇里督促企业配合"));
        assertThat(saved.status()).isEqualTo(303);
        assertThat(saved.redirect()).isEqualTo("/?month=2010-05#quarterRoll");
        Document after = pages.get("/?month=2010-05", "leader").html();
        assertThat(after.select("#quarterRoll #flash").text()).as("said where the page opens")
                .isEqualTo("已记录2010年5月对“" + town + "”的约谈。");
        assertThat(after.select("#quarter-2010-05 .red").text()).isEqualTo(town + "（2010-06-02 已约谈）");
        assertThat(after.select("#quarter-2010-05 .red a.record-talk")).isEmpty();
        assertThat(after.select("#quarterTalks li").eachText()).containsExactly("2010年5月 亮红牌 " + town
                + " 2010-06-02 约谈，记录人 郑国华（leader） 通报超期情况，要求镇里督促企业配合");
        assertThat(pages.get("/?month=2010-05", "dispatch").html().select("#quarter-2010-05 .red").text())
                .as("talked: nothing pending").isEqualTo(town + "（2010-06-02 已约谈）");

        Pages.Answer again = pages.post("/talks", "leader", Pages.form("month", "2010-05", "subjectKind", "TOWN",
                "subject", town, "heldOn", "2010-06-03", "note", "再谈"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.html().select("#refusal").text())
                .isEqualTo("2010年5月对“" + town + "”的约谈已于 2010-06-02 记录，不能重复记录");
        assertThat(talks()).isEqualTo(before + 1);
    }

    /**
     * The link's subject as meant: a department's code in full-width letters is that department, a town pasted with a
     * no-break space after it is that town, as the ticket list and the dashboard read them (Typed). November 2002
     * is its own month, made the present one by the clock.
     */
    @Test
    void aSubjectTypedInFullWidthOrPastedWithANoBreakSpaceIsTheOneMeant() {
        String town = api.redCardedTown("全角约谈镇", "2002-11-01", "2002-11-14");
        try {
            Api.at("2002-11-14T11:00:00");
            assertThat(pages.get("/talks/new?month=2002-11&subjectKind=DEPARTMENT&subject=ＴＲＡＮＳＰＯＲＴ", "leader")
                    .html().select("#about").text()).isEqualTo("约谈对象：交通运输局（港航）（2002年11月，目前不是蜗牛店小二）");
            assertThat(pages.get("/talks/new?month=2002-11&subjectKind=TOWN&subject=" + town + "\u00A0", "leader")
                    .html().select("#about").text()).isEqualTo("约谈对象：" + town + "（2002年11月 亮红牌）");
        } finally {
            ClockUtil.reset();
        }
    }

    /**
     * The month under way (August 2003, used by no other test, made the present month by the clock): its 蜗牛店小二 and
     * red cards may still change (the roll says 进行中), and the API records its talk without checking the names; the
     * form says plainly that the month is not over, and whether the ranking names the subject so far: a department
     * that is no 蜗牛店小二 so far is not called one, a town red-carded so far is.
     */
    @Test
    void theFormForTheMonthUnderWaySaysItIsNotOverWhetherItsRankingNamesTheSubjectSoFarAndStillRecords() {
        String town = api.redCardedTown("进行中约谈镇", "2003-08-01", "2003-08-14");
        long before = talks();
        try {
            Api.at("2003-08-14T11:00:00");
            Document form = pages.get("/talks/new?month=2003-08&subjectKind=DEPARTMENT&subject=TRANSPORT", "leader")
                    .html();
            assertThat(form.select("#about").text()).isEqualTo("约谈对象：交通运输局（港航）（2003年8月，目前不是蜗牛店小二）");
            assertThat(form.select("#monthInProgress").text()).startsWith("2003年8月尚未结束：")
                    .contains("名单还会随事项办理变化", "存档后才确定");
            assertThat(form.select("#talkForm button[type=submit]")).as("still recorded, as the API does").hasSize(1);
            assertThat(pages.get("/talks/new?month=2003-08&subjectKind=TOWN&subject=" + town, "leader").html()
                    .select("#about").text()).isEqualTo("约谈对象：" + town + "（2003年8月 亮红牌）");

            Pages.Answer saved = pages.post("/talks", "leader", Pages.form("month", "2003-08", "subjectKind",
                    "DEPARTMENT", "subject", "TRANSPORT", "heldOn", "2003-08-14", "note", "提前约谈"));
            assertThat(saved.status()).isEqualTo(303);
        } finally {
            ClockUtil.reset();
        }
        assertThat(talks()).isEqualTo(before + 1);
    }

    /**
     * The roll's month under way (March 2006, used by no other test, made the present month by the clock) says what
     * its 记录约谈's form says, the names are not settled, once by the month's name (the card's heading on a phone),
     * not after each of its two red-carded towns; each 记录约谈 still leads to the form. A month over says nothing of
     * the kind.
     */
    @Test
    void theRollsMonthUnderWaySaysOnceThatItIsNotOver() {
        String town = api.redCardedTown("进行中镇", "2006-03-01", "2006-03-15");
        String other = api.redCardedTown("进行中乙镇", "2006-03-01", "2006-03-15");
        try {
            Api.at("2006-03-15T11:00:00");
            Document dashboard = pages.get("/?month=2006-03", "leader").html();
            assertThat(dashboard.select("#quarter-2006-03 .month").text())
                    .isEqualTo("2006年3月（进行中）（本月尚未结束，名单可能变化）");
            assertThat(dashboard.select("#quarter-2006-03 .month-open")).as("said once in the month").hasSize(1);
            assertThat(dashboard.select("#quarter-2006-03 td.month .month-open").text())
                    .isEqualTo("（本月尚未结束，名单可能变化）");
            for (String red : List.of(town, other)) {
                assertThat(dashboard.select("#quarter-2006-03 .red .called[data-subject=" + red + "]").text())
                        .as("nothing after the name").isEqualTo(red + "记录约谈");
            }
            assertThat(dashboard.select("#quarter-2006-03 .red a.record-talk").eachAttr("href")).as("still offered")
                    .hasSize(2).allMatch(link -> link.startsWith("/talks/new?month=2006-03"));
            assertThat(pages.get("/?month=2006-03", "dispatch").html().select("#quarter-2006-03 .month-open"))
                    .as("where 记录约谈 is offered alone").isEmpty();

            Api.at("2006-04-03T09:00:00");
            Document after = pages.get("/?month=2006-03", "leader").html();
            assertThat(after.select("#quarter-2006-03 .month").text()).isEqualTo("2006年3月");
            assertThat(after.select("#quarter-2006-03 .month-open")).isEmpty();
        } finally {
            ClockUtil.reset();
        }
    }

    @Test
    void aLinkWhoseSubjectIsNoSuchSaysSoAndIsRefusedAboveTheForm() {
        assertThat(pages.get("/talks/new?month=2010-13&subjectKind=TOWN&subject=某镇", "leader").html()
                .select("#wrongLink").text()).startsWith("链接中的月份或约谈对象有误");
        Pages.Answer r = pages.post("/talks", "leader", Pages.form("month", "2010-05", "subjectKind", "DEPARTMENT",
                "subject", "NOPE", "heldOn", "2010-06-02", "note", "约谈"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.html().select("#errorSummary li").text()).isEqualTo("约谈对象：请选择一项");
    }

    /**
     * The link's subject is bounded as POST /talks bounds it (Talks.SUBJECT_MAX): one longer is no department or
     * town, refused above the form (400), as the form's own faults are, and not carried into it; at the bound, the
     * form as usual, checked when posted. A month or kind that is no such says the link is wrong, never a 500.
     */
    @Test
    void aLinksSubjectIsBoundedAsThePostBoundsItAndAMonthOrKindThatIsNoSuchSaysTheLinkIsWrong() {
        String tooLong = "镇".repeat(Talks.SUBJECT_MAX + 1);
        Pages.Answer refused = pages.get("/talks/new?month=2010-05&subjectKind=TOWN&subject=" + tooLong, "leader");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.html().select("#errorSummary li").text()).isEqualTo("约谈对象：不能超过 200 个字符");
        assertThat(refused.html().select("#wrongLink").text()).startsWith("链接中的月份或约谈对象有误");
        assertThat(refused.html().select("#about")).isEmpty();
        assertThat(refused.html().select("input[name=subject]").val()).isEmpty();
        assertThat(refused.html().select("input[name=month]").val()).isEqualTo("2010-05");

        // in the month under way, where a town is not checked against the month's red cards until posted
        String longest = "镇".repeat(Talks.SUBJECT_MAX);
        Pages.Answer atTheBound = pages.get("/talks/new?month=" + YearMonth.now(ZoneId.of("Asia/Shanghai"))
                + "&subjectKind=TOWN&subject=" + longest, "leader");
        assertThat(atTheBound.status()).isEqualTo(200);
        assertThat(atTheBound.html().select("#errorSummary")).isEmpty();
        assertThat(atTheBound.html().select("input[name=subject]").val()).isEqualTo(longest);

        for (String query : List.of("month=abc&subjectKind=TOWN&subject=某镇",
                "month=2010-05&subjectKind=<script>alert(1)</script>&subject=TRANSPORT",
                "month=+999999999-12&subjectKind=DEPARTMENT&subject=TRANSPORT",
                "month=-999999999-01&subjectKind=DEPARTMENT&subject=TRANSPORT",
                "month=" + "9".repeat(2000) + "&subjectKind=" + "K".repeat(2000) + "&subject=TRANSPORT")) {
            Pages.Answer wrong = pages.get("/talks/new?" + query, "leader");
            assertThat(wrong.status()).as(query).isEqualTo(200);
            assertThat(wrong.html().select("#wrongLink").text()).as(query).startsWith("链接中的月份或约谈对象有误");
            assertThat(wrong.html().select("#about, #monthInProgress, #errorSummary")).as(query).isEmpty();
            assertThat(wrong.body()).as(query).doesNotContain("<script>alert");
        }
    }

    /**
     * August 2004, used by no other test and stored by no job: no department was its 蜗牛店小二. A link to a talk with
     * 司法局 about it does not say it was one and offers no form (400, why above); posted anyway, the form comes back
     * with why (400) and nothing is recorded.
     */
    @Test
    void aLinkToADepartmentThatWasNoSnailOfAMonthOverOffersNoFormAndItsPostIsRefused() {
        String why = "约谈对象：司法局不是2004年8月的蜗牛店小二：只能记录与该月蜗牛店小二的约谈";
        Pages.Answer link = pages.get("/talks/new?month=2004-08&subjectKind=DEPARTMENT&subject=JUSTICE", "leader");
        assertThat(link.status()).isEqualTo(400);
        assertThat(link.body()).doesNotContain("蜗牛店小二）");
        assertThat(link.html().select("#about")).isEmpty();
        assertThat(link.html().select("#errorSummary li").text()).isEqualTo(why);
        assertThat(link.html().select("#talkForm, input[name=heldOn]")).as("no form").isEmpty();
        assertThat(link.html().select("#back").attr("href")).isEqualTo("/?month=2004-08#quarterRoll");
        long before = talks();

        Pages.Answer posted = pages.post("/talks", "leader", Pages.form("month", "2004-08", "subjectKind", "DEPARTMENT",
                "subject", "JUSTICE", "heldOn", "2004-09-02", "note", "约谈"));
        assertThat(posted.status()).isEqualTo(400);
        assertThat(posted.html().select("#errorSummary li").text()).isEqualTo(why);
        assertThat(posted.html().select("#about")).isEmpty();
        assertThat(posted.html().select("textarea[name=note]").text()).as("the form again, as typed").isEqualTo("约谈");
        assertThat(talks()).isEqualTo(before);
    }

    /**
     * A month not begun (June 2003, the clock on 20 May 2003) has no talk: no day could be held on, so the link offers
     * no date to pick and no form, only why (400, naming 月份); posted anyway, refused naming the month.
     */
    @Test
    void aLinkToAMonthNotBegunOffersNoForm() {
        long before = talks();
        try {
            Api.at("2003-05-20T10:00:00");
            Pages.Answer link = pages.get("/talks/new?month=2003-06&subjectKind=DEPARTMENT&subject=TRANSPORT", "leader");
            assertThat(link.status()).isEqualTo(400);
            assertThat(link.html().select("#errorSummary li").text()).isEqualTo("月份：2003年6月尚未开始，还不能记录该月的约谈");
            assertThat(link.html().select("#talkForm, input[name=heldOn], #monthInProgress, #about")).isEmpty();
            Pages.Answer posted = pages.post("/talks", "leader", Pages.form("month", "2003-06", "subjectKind",
                    "DEPARTMENT", "subject", "TRANSPORT", "heldOn", "2003-05-20", "note", "约谈"));
            assertThat(posted.status()).isEqualTo(400);
            assertThat(posted.html().select("#errorSummary li").text()).isEqualTo("月份：2003年6月尚未开始，还不能记录该月的约谈");
            assertThat(posted.html().select(".field[data-field=heldOn] .field-error")).isEmpty();
        } finally {
            ClockUtil.reset();
        }
        assertThat(talks()).isEqualTo(before);
    }

    @Test
    void onlyALeaderMayOpenOrSendTheForm() {
        long before = talks();
        for (String user : List.of("dispatch", "admin", "staff1", "transport")) {
            assertThat(pages.get("/talks/new?month=2010-05&subjectKind=DEPARTMENT&subject=TRANSPORT", user).status())
                    .as(user).isEqualTo(403);
            assertThat(pages.post("/talks", user, Pages.form("month", "2010-05", "subjectKind", "DEPARTMENT",
                    "subject", "TRANSPORT", "heldOn", "2010-06-02", "note", "约谈")).status()).as(user).isEqualTo(403);
        }
        assertThat(talks()).isEqualTo(before);
    }
}
