package org.sanfu.systemic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
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

    /** How alike the finder's vectors make two of the given tickets, the IDF taken over all of them. */
    static double similarity(List<Candidate> scan, Candidate a, Candidate b) {
        List<TicketText.Terms> texts = scan.stream().map(c -> TicketText.of(c.title(), c.description())).toList();
        Vectors vectors = Vectors.of(texts, ClusterFinder.WORD_SHARE);
        return vectors.similarity(scan.indexOf(a), scan.indexOf(b));
    }

    @Test
    void theSameComplaintInOtherWordsIsOneClusterPerProblem() {
        List<ProposedCluster> clusters = new ClusterFinder(DEFAULTS).find(handMade());

        // Ordered by first report (three start on day 0: F1, L1, S1 by ticket id), members by report time.
        // The customs inspections (C1, C2) share 集装箱 with both container clusters and join neither; the
        // loans are five tickets from four enterprises.
        assertThat(ids(clusters)).containsExactly(
                List.of("F1", "F2", "F3", "F4", "F5"),
                List.of("L1", "L2", "L3", "L4", "L5"),
                List.of("S1", "S2", "S3", "S4", "S5", "S6"),
                List.of("P1", "P2", "P3", "P4", "P5"));
        assertThat(clusters).extracting(ProposedCluster::category)
                .containsExactly("LOGISTICS", "LABOR", "CONTAINER", "CONTAINER");
        assertThat(clusters.get(2).members()).containsExactly(SHORT_1, SHORT_2, SHORT_3, SHORT_4, SHORT_5, SHORT_6);
    }

    @Test
    void aContainerShortageAndTheContainerPortsFeesStayApartThoughBothSay集装箱() {
        List<Candidate> scan = handMade();

        // Some shortage and fee tickets are as alike as the threshold (出口, 集装箱, 成本增加): linking alike
        // tickets would merge the two problems. On average across they are about half as alike as the threshold.
        List<Candidate> shortages = List.of(SHORT_1, SHORT_2, SHORT_3, SHORT_4, SHORT_5, SHORT_6);
        List<Candidate> others = List.of(FEES_1, FEES_2, FEES_3, FEES_4, FEES_5, CHECK_1, CHECK_2);
        double sum = 0;
        for (Candidate shortage : shortages) {
            for (Candidate other : others) {
                sum += similarity(scan, shortage, other);
            }
        }
        assertThat(sum / (shortages.size() * others.size())).isLessThan(DEFAULTS.minSimilarity() * 0.6);
        assertThat(similarity(scan, SHORT_1, FEES_4)).isGreaterThanOrEqualTo(DEFAULTS.minSimilarity());
        // And with the fee tickets from only four enterprises, nothing of theirs is proposed.
        List<Candidate> fewerFees = new ArrayList<>(scan);
        fewerFees.remove(FEES_5);
        assertThat(ids(new ClusterFinder(DEFAULTS).find(fewerFees))).noneMatch(c -> c.contains("P1"))
                .contains(List.of("S1", "S2", "S3", "S4", "S5", "S6"));
    }

    @Test
    void fourEnterprisesAreTooFewEvenWithFiveTickets() {
        // LOANS_5 is the same enterprise as LOANS_1 reporting again: five tickets, four enterprises.
        List<Candidate> loans = List.of(LOANS_1, LOANS_2, LOANS_3, LOANS_4, LOANS_5);
        assertThat(new ClusterFinder(DEFAULTS).find(loans)).isEmpty();

        // The same five tickets as five enterprises are a cluster: the enterprises were what was missing.
        Candidate fifthEnterprise = new Candidate("B5", "E55", "新河镇", "FINANCING", LOANS_5.title(),
                LOANS_5.description(), LOANS_5.reportedAt());
        assertThat(ids(new ClusterFinder(DEFAULTS).find(List.of(LOANS_1, LOANS_2, LOANS_3, LOANS_4, fifthEnterprise))))
                .containsExactly(List.of("B1", "B2", "B3", "B4", "B5"));
        // And with four enterprises required, the original five tickets are a cluster with both of E51's.
        assertThat(ids(new ClusterFinder(new ClusterSettings(4, 14, DEFAULTS.minSimilarity())).find(loans)))
                .containsExactly(List.of("B1", "B2", "B3", "B4", "B5"));
    }

    @Test
    void theSameTextInDifferentCategoriesIsNoCluster() {
        String title = "海运费上涨，物流成本大增";
        String text = "今年以来海运费上涨，物流成本大增。";
        List<String> categories = List.of("POLICY", "POLICY", "CUSTOMS", "CUSTOMS", "OTHER");
        List<Candidate> scattered = new ArrayList<>();
        List<Candidate> together = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            scattered.add(ticket("X" + i, "E7" + i, categories.get(i), title, text, i));
            together.add(ticket("X" + i, "E7" + i, "CUSTOMS", title, text, i));
        }

        assertThat(new ClusterFinder(DEFAULTS).find(scattered)).isEmpty();
        assertThat(ids(new ClusterFinder(DEFAULTS).find(together)))
                .containsExactly(List.of("X0", "X1", "X2", "X3", "X4"));
    }

    // Trade fairs abroad cancelled: five enterprises in five wordings.
    static List<Candidate> fairs(int lastDay) {
        return List.of(
                ticket("W1", "E61", "TRADE_FAIR", "境外展会取消，订单减少", "原计划参加的境外展会取消，新客户接不到，订单减少。", 0),
                ticket("W2", "E62", "TRADE_FAIR", "国外展会停办", "国外展会停办，无法出国参展，拓展新客户困难。", 3),
                ticket("W3", "E63", "TRADE_FAIR", "出国参展受阻", "境外展会取消或延期，企业无法出国参展，接单难。", 6),
                ticket("W4", "E64", "TRADE_FAIR", "线下展会取消", "海外线下展会都取消了，希望组织线上展会帮助接单。", 9),
                ticket("W5", "E65", "TRADE_FAIR", "展会取消接单难", "境外展会取消，拿不到新订单。", lastDay));
    }

    @Test
    void theWindowSpansACluster() {
        // W5 fifteen days after W1: the five do not fit into fourteen days, the first four are one enterprise short.
        assertThat(new ClusterFinder(DEFAULTS).find(fairs(15))).isEmpty();
        // Exactly fourteen days after W1 still fits.
        assertThat(ids(new ClusterFinder(DEFAULTS).find(fairs(14))))
                .containsExactly(List.of("W1", "W2", "W3", "W4", "W5"));
        // The window counts from a cluster's first report to its last, not from one member to the next:
        // tickets every 4 days for 20 days are never 14 days from their neighbour, yet no cluster spans 20.
        List<Candidate> everyFourDays = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            everyFourDays.add(ticket("V" + i, "E8" + i, "LABOR", "招工难，普工缺口大", "春节后招工难，普工缺口大。", 4 * i));
        }
        List<ProposedCluster> clusters = new ClusterFinder(new ClusterSettings(3, 14, 0.25)).find(everyFourDays);
        assertThat(clusters).isNotEmpty().allSatisfy(c -> assertThat(Duration.between(c.members().get(0).reportedAt(),
                c.members().get(c.members().size() - 1).reportedAt())).isLessThanOrEqualTo(Duration.ofDays(14)));
    }

    @Test
    void aTicketThatMentionsTwoProblemsDoesNotChainThem() {
        // Shortage and freight tickets in one category, and a ticket that complains of both.
        List<Candidate> freight = List.of(FREIGHT_1, FREIGHT_2, FREIGHT_3, FREIGHT_4, FREIGHT_5).stream()
                .map(f -> new Candidate(f.ticketId(), f.enterpriseCreditCode(), f.town(), "CONTAINER", f.title(),
                        f.description(), f.reportedAt()))
                .toList();
        Candidate both = ticket("AB", "E99", "CONTAINER", "集装箱一箱难求，海运费上涨",
                "集装箱一箱难求，订不到舱位；海运费上涨，物流成本大增。", 3);
        List<Candidate> scan = new ArrayList<>(List.of(SHORT_1, SHORT_2, SHORT_3, SHORT_4, SHORT_5, both));
        scan.addAll(freight);

        // The bridge is alike to a ticket on each side, so linking alike tickets would make one cluster of all.
        assertThat(similarity(scan, both, SHORT_1)).isGreaterThanOrEqualTo(DEFAULTS.minSimilarity());
        assertThat(similarity(scan, both, freight.get(0))).isGreaterThanOrEqualTo(DEFAULTS.minSimilarity());

        List<List<String>> clusters = ids(new ClusterFinder(DEFAULTS).find(scan));
        assertThat(clusters).hasSize(2);
        assertThat(clusters).anySatisfy(c -> assertThat(c).containsAll(List.of("S1", "S2", "S3", "S4", "S5"))
                .doesNotContain("F1", "F2", "F3", "F4", "F5"));
        assertThat(clusters).anySatisfy(c -> assertThat(c).containsAll(List.of("F1", "F2", "F3", "F4", "F5"))
                .doesNotContain("S1", "S2", "S3", "S4", "S5"));
    }

    @Test
    void aChainOfThreeLinksOnlyTheCloserPair() {
        // A~B and B~C, but A and C say different things: one pair at most, never all three.
        Candidate a = ticket("A", "E1", "CONTAINER", "集装箱短缺", "集装箱短缺，订不到舱位。", 0);
        Candidate b = ticket("B", "E2", "CONTAINER", "集装箱短缺，海运费上涨", "集装箱短缺，海运费上涨。", 1);
        Candidate c = ticket("C", "E3", "CONTAINER", "海运费上涨", "海运费上涨，物流成本增加。", 2);
        List<Candidate> scan = List.of(a, b, c);
        ClusterSettings pairs = new ClusterSettings(2, 14, DEFAULTS.minSimilarity());
        assertThat(similarity(scan, a, b)).isGreaterThanOrEqualTo(pairs.minSimilarity());
        assertThat(similarity(scan, b, c)).isGreaterThanOrEqualTo(pairs.minSimilarity());
        assertThat(similarity(scan, a, c)).isLessThan(pairs.minSimilarity());

        List<List<String>> clusters = ids(new ClusterFinder(pairs).find(scan));
        assertThat(clusters).hasSize(1).first().asList().hasSize(2).contains("B");
    }

    @Test
    void unrelatedTextsAreNoCluster() {
        List<Candidate> unrelated = List.of(
                ticket("U1", "E01", "OTHER", "厂区门口道路破损", "厂区门口道路破损，货车进出不便。", 0),
                ticket("U2", "E02", "OTHER", "申请人才公寓", "引进的技术人员需要人才公寓。", 1),
                ticket("U3", "E03", "OTHER", "电力增容", "新生产线投产，需要电力增容。", 2),
                ticket("U4", "E04", "OTHER", "污水管网接入", "新厂房污水管网尚未接入。", 3),
                ticket("U5", "E05", "OTHER", "子女入学", "外地员工子女入学难。", 4),
                ticket("U6", "E06", "OTHER", "商标被抢注", "海外商标被抢注，需要法律援助。", 5));

        assertThat(new ClusterFinder(DEFAULTS).find(unrelated)).isEmpty();
    }

    @Test
    void nearDuplicatesClusterEvenAtAHighThreshold() {
        // Punctuation, spaces, full- and half-width forms, 的/了, 订舱 for 舱位 and 紧缺 for 紧张.
        List<Candidate> nearDuplicates = List.of(
                ticket("N1", "E01", "CONTAINER", "订舱难，集装箱紧张", "订舱难，集装箱紧张。", 0),
                ticket("N2", "E02", "CONTAINER", "订舱难、集装箱紧张！", "订舱难、集装箱紧张！！", 1),
                ticket("N3", "E03", "CONTAINER", "订舱 难  集装箱 紧张", "订舱 难 集装箱 紧张", 2),
                ticket("N4", "E04", "CONTAINER", "订舱难了，集装箱的紧张", "订舱难了，集装箱的紧张了。", 3),
                ticket("N5", "E05", "CONTAINER", "舱位难，集装箱紧缺", "舱位难,集装箱紧缺.", 4),
                ticket("N6", "E06", "CONTAINER", "订舱难，集装箱紧张", "订舱难，集装箱紧张。ＯＫ", 5));

        assertThat(ids(new ClusterFinder(new ClusterSettings(5, 14, 0.6)).find(nearDuplicates)))
                .containsExactly(List.of("N1", "N2", "N3", "N4", "N5", "N6"));
    }

    @Test
    void theResultDoesNotDependOnTheCandidatesOrder() {
        List<ProposedCluster> expected = new ClusterFinder(DEFAULTS).find(handMade());
        Random random = new Random(14);
        for (int i = 0; i < 10; i++) {
            List<Candidate> shuffled = new ArrayList<>(handMade());
            Collections.shuffle(shuffled, random);
            assertThat(new ClusterFinder(DEFAULTS).find(shuffled)).isEqualTo(expected);
        }
    }

    @Test
    void aFinderThatScansAgainAnswersTheSame() {
        // One finder reuses the last scan's segmented texts: a scan over other tickets in between, and a
        // ticket whose text changed, must not leave anything stale behind.
        ClusterFinder finder = new ClusterFinder(DEFAULTS);
        List<ProposedCluster> first = finder.find(handMade());
        assertThat(finder.find(handMade())).isEqualTo(first);
        assertThat(finder.find(fairs(3))).hasSize(1);
        assertThat(finder.find(handMade())).isEqualTo(first);

        List<Candidate> edited = new ArrayList<>(handMade());
        edited.set(edited.indexOf(SHORT_3), new Candidate("S3", "E03", "新河镇", "CONTAINER", "厂区门口道路破损",
                "厂区门口道路破损，货车进出不便。", SHORT_3.reportedAt()));
        assertThat(ids(finder.find(edited))).contains(List.of("S1", "S2", "S4", "S5", "S6"));
    }

    @Test
    void noCandidatesOrOneAreNoCluster() {
        assertThat(new ClusterFinder(DEFAULTS).find(List.of())).isEmpty();
        assertThat(new ClusterFinder(DEFAULTS).find(List.of(SHORT_1))).isEmpty();
        // One enterprise is enough when the settings say so: the lone ticket is its own cluster.
        assertThat(ids(new ClusterFinder(new ClusterSettings(1, 14, 0.25)).find(List.of(SHORT_1))))
                .containsExactly(List.of("S1"));
    }

    @Test
    void textsWithNothingToCompareAreNoCluster() {
        // Punctuation, emoji, blanks and nothing at all have no words and no pairs: alike to nothing.
        List<String> texts = List.of("！！！", "😀😀😀", "？？……", "🚢📦🚢📦", "   ", "");
        List<Candidate> empty = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            empty.add(ticket("Z" + i, "E0" + i, "OTHER", texts.get(i), i % 2 == 0 ? null : texts.get(i), i));
        }

        assertThat(new ClusterFinder(new ClusterSettings(2, 14, 0.01)).find(empty)).isEmpty();
    }

    @Test
    void veryLongTextsAreCompared() {
        // Descriptions of 4,000 characters: the shortage said over and over with a numbered line each time,
        // and one about hiring; the long ones about the same thing cluster, the other does not join.
        List<Candidate> scan = new ArrayList<>();
        for (int e = 0; e < 5; e++) {
            scan.add(ticket("LONG" + e, "E0" + e, "CONTAINER", "集装箱短缺", longText("第" + e + "批货，集装箱短缺，订不到舱位。"), e));
        }
        scan.add(ticket("LONG5", "E05", "CONTAINER", "招工难", longText("车间招不到工人，普工缺口大。"), 5));

        assertThat(ids(new ClusterFinder(DEFAULTS).find(scan)))
                .containsExactly(List.of("LONG0", "LONG1", "LONG2", "LONG3", "LONG4"));
    }

    static String longText(String sentence) {
        StringBuilder text = new StringBuilder();
        for (int line = 0; text.length() < 4000; line++) {
            text.append(line).append('、').append(sentence);
        }
        return text.substring(0, 4000);
    }
}
