package org.sanfu.systemic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The systemic scan on a hand-made set of tickets: what must become one cluster (the same complaint in
 * other words, near-duplicates) and what must not (same words for another problem, too few enterprises,
 * another category, outside the window, a chain, unrelated texts), with the shipped default settings.
 */
class ClusterFinderUnitTests {

    static final Instant DAY0 = Instant.parse("2026-11-02T01:30:00Z");
    static final ClusterSettings DEFAULTS = ClusterSettings.defaults();

    // Containers are short: six enterprises in six wordings, one a near-duplicate of another.
    static final Candidate SHORT_1 = ticket("S1", "E01", "CONTAINER", "出口集装箱一箱难求",
            "外贸订单增加，出口集装箱一箱难求，订舱困难，货物积压在仓库。", 0);
    static final Candidate SHORT_2 = ticket("S2", "E02", "CONTAINER", "订不到舱位，集装箱紧张",
            "外贸订单多但订不到舱位，集装箱紧张，交货期一再推迟。", 1);
    static final Candidate SHORT_3 = ticket("S3", "E03", "CONTAINER", "海运集装箱短缺影响出货",
            "海运集装箱短缺，订舱难，影响出货，客户催单。", 2);
    static final Candidate SHORT_4 = ticket("S4", "E04", "CONTAINER", "空箱紧缺，舱位难订",
            "船公司空箱紧缺，舱位难订，已有三批货无法出运。", 3);
    static final Candidate SHORT_5 = ticket("S5", "E05", "CONTAINER", "集装箱不够用",
            "货代说集装箱不够用，舱位也订不上，出口订单发不出去。", 5);
    static final Candidate SHORT_6 = ticket("S6", "E06", "CONTAINER", "出口集装箱 一箱难求！",
            "外贸订单增加了，出口的集装箱一箱难求，订舱很困难，货物都积压在仓库了。", 6);

    // The same container, another problem: the port's fees. Five enterprises, their own cluster.
    static final Candidate FEES_1 = ticket("P1", "E11", "CONTAINER", "集装箱港口收费过高",
            "码头对出口集装箱收取的港杂费、THC费用过高，增加企业负担。", 1);
    static final Candidate FEES_2 = ticket("P2", "E12", "CONTAINER", "港杂费上涨",
            "集装箱进港的港杂费和堆存费上涨，码头收费不透明。", 2);
    static final Candidate FEES_3 = ticket("P3", "E13", "CONTAINER", "码头收费不合理",
            "港口码头对集装箱重复收费，杂费名目多，希望规范收费。", 3);
    static final Candidate FEES_4 = ticket("P4", "E14", "CONTAINER", "集装箱堆存费高",
            "集装箱在码头的堆存费、港杂费太高，出口成本增加。", 4);
    static final Candidate FEES_5 = ticket("P5", "E15", "CONTAINER", "港口集装箱杂费多",
            "港口集装箱操作费、港杂费等杂费名目繁多，收费偏高。", 5);

    // The same container, a third problem: customs inspection. Two enterprises; must join neither cluster.
    static final Candidate CHECK_1 = ticket("C1", "E21", "CONTAINER", "集装箱查验时间长",
            "出口集装箱被海关抽中查验，查验等待时间长，影响船期。", 2);
    static final Candidate CHECK_2 = ticket("C2", "E22", "CONTAINER", "集装箱查验慢",
            "海关查验集装箱排队时间长，错过船期。", 4);

    // Freight rates up, in five wordings.
    static final Candidate FREIGHT_1 = ticket("F1", "E31", "LOGISTICS", "海运费上涨，物流成本大增",
            "今年以来海运费上涨，物流成本大增。", 0);
    static final Candidate FREIGHT_2 = ticket("F2", "E32", "LOGISTICS", "运费暴涨",
            "美线海运费比年初翻了几倍，物流成本大幅增加，利润被吃掉。", 1);
    static final Candidate FREIGHT_3 = ticket("F3", "E33", "LOGISTICS", "物流费用高",
            "海运运价持续上涨，物流费用占货值比例大增。", 2);
    static final Candidate FREIGHT_4 = ticket("F4", "E34", "LOGISTICS", "海运价格上涨",
            "海运价格一路上涨，运输成本太高，订单不敢接。", 3);
    static final Candidate FREIGHT_5 = ticket("F5", "E35", "LOGISTICS", "运费成本上升",
            "国际海运费大幅上升，企业物流成本明显增加。", 4);

    // Hiring is hard, in five wordings.
    static final Candidate LABOR_1 = ticket("L1", "E41", "LABOR", "招工难，普工缺口大",
            "春节后招工难，普工缺口大，生产线开不满。", 0);
    static final Candidate LABOR_2 = ticket("L2", "E42", "LABOR", "用工缺口大",
            "一线工人招不到，用工缺口有五十多人。", 2);
    static final Candidate LABOR_3 = ticket("L3", "E43", "LABOR", "缺工严重",
            "订单多但工人不够，招聘普工很难。", 4);
    static final Candidate LABOR_4 = ticket("L4", "E44", "LABOR", "招不到工人",
            "车间招不到工人，员工流失，用工缺口大。", 6);
    static final Candidate LABOR_5 = ticket("L5", "E45", "LABOR", "普工短缺",
            "普工短缺，招聘难度大，影响订单交付。", 8);

    // Banks withdrawing loans: five tickets but four enterprises (E51 twice).
    static final Candidate LOANS_1 = ticket("B1", "E51", "FINANCING", "银行抽贷断贷",
            "合作银行到期不续贷，抽贷断贷，资金链紧张。", 0);
    static final Candidate LOANS_2 = ticket("B2", "E52", "FINANCING", "银行抽贷",
            "银行突然抽贷，到期贷款不给续贷。", 1);
    static final Candidate LOANS_3 = ticket("B3", "E53", "FINANCING", "贷款到期不续贷",
            "银行对到期贷款不续贷，还有抽贷，资金周转困难。", 2);
    static final Candidate LOANS_4 = ticket("B4", "E54", "FINANCING", "银行断贷",
            "银行断贷抽贷，企业资金链吃紧。", 3);
    static final Candidate LOANS_5 = ticket("B5", "E51", "FINANCING", "银行抽贷断贷（再次反映）",
            "合作银行仍不续贷，抽贷断贷，资金链紧张。", 5);

    static List<Candidate> handMade() {
        return List.of(SHORT_1, SHORT_2, SHORT_3, SHORT_4, SHORT_5, SHORT_6, FEES_1, FEES_2, FEES_3, FEES_4, FEES_5,
                CHECK_1, CHECK_2, FREIGHT_1, FREIGHT_2, FREIGHT_3, FREIGHT_4, FREIGHT_5, LABOR_1, LABOR_2, LABOR_3,
                LABOR_4, LABOR_5, LOANS_1, LOANS_2, LOANS_3, LOANS_4, LOANS_5);
    }

    static Candidate ticket(String id, String enterprise, String category, String title, String description,
            int day) {
        return new Candidate(id, enterprise, "新河镇", category, title, description, DAY0.plus(Duration.ofDays(day)));
    }

    static List<List<String>> ids(List<ProposedCluster> clusters) {
        return clusters.stream().map(c -> c.members().stream().map(Candidate::ticketId).toList()).toList();
    }

    @Test
    void theSameComplaintInOtherWordsIsOneClusterPerProblem() {
        List<ProposedCluster> clusters = new ClusterFinder(DEFAULTS).find(handMade());

        // Shortage and freight both start on day 0; S1 sorts before F1 by ticket id.
        assertThat(ids(clusters)).containsExactly(
                List.of("L1", "L2", "L3", "L4", "L5").isEmpty() ? List.of() : List.of("L1", "L2", "L3", "L4", "L5"),
                List.of("F1", "F2", "F3", "F4", "F5"));
    }
}
