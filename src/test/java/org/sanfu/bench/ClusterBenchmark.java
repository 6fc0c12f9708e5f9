package org.sanfu.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.sanfu.systemic.Candidate;
import org.sanfu.systemic.ClusterFinder;
import org.sanfu.systemic.ClusterSettings;
import org.sanfu.systemic.ProposedCluster;

/**
 * How long the systemic scan ({@link ClusterFinder#find}) takes over generated open tickets (issue 14). Not a
 * test. A province's worst case: a fifth of the tickets are CONTAINER complaints all reported within one
 * window (5,000 of 25,000), the rest spread over 90 days and nine categories; each ticket is one of a few
 * problems of its category in one of several wordings with incidental clauses, or (one in five) a text of its
 * own. Each size is scanned five times after a warm-up, cold (a new finder each time: every text segmented)
 * and warm (one finder: the texts of the previous scan are not segmented again, as in the daily scan of
 * mostly the same open tickets); prints median, min and max in ms. With {@code varied}, each templated
 * ticket says its problem in two wordings with more clauses and a town: fewer copies, more work.
 * <pre>
 * mvn -o -q -B test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.sanfu.bench.ClusterBenchmark -Dexec.args="5000 25000 [varied]"
 * </pre>
 */
public final class ClusterBenchmark {

    private static final Instant START = Instant.parse("2026-09-01T00:00:00Z");

    /** Per category: problems, each in several wordings. */
    private static final String[][][] PROBLEMS = {
        {{"出口集装箱一箱难求", "订不到舱位，集装箱紧张", "海运集装箱短缺影响出货", "空箱紧缺，舱位难订", "集装箱不够用"},
         {"集装箱港口收费过高", "港杂费上涨", "码头收费不合理", "集装箱堆存费高"},
         {"集装箱查验时间长", "海关查验集装箱排队", "查验慢错过船期"}},
        {{"海运费上涨，物流成本大增", "运费暴涨", "物流费用高", "海运价格上涨"},
         {"货车限行影响送货", "物流车辆进不了园区", "货车通行证难办"}},
        {{"银行抽贷断贷", "贷款到期不续贷", "银行断贷资金链紧张"},
         {"融资成本高", "贷款利率偏高", "担保费用高"}},
        {{"出口信保理赔慢", "信保赔付周期长", "信用保险理赔难"}},
        {{"境外展会取消", "国外展会停办", "出国参展受阻", "线下展会取消"}},
        {{"出口退税慢", "退税到账时间长", "退税资金迟迟不到"},
         {"稳岗补贴未兑现", "补贴申报难", "政策补贴迟迟不到位"}},
        {{"通关时间长", "报关手续繁琐", "清关慢"}},
        {{"招工难，普工缺口大", "用工缺口大", "缺工严重", "招不到工人", "普工短缺"}},
        {{"外贸合同纠纷", "海外客户拒付货款", "遇到国际贸易纠纷需要法律援助"}},
        {{"厂区道路破损", "电力增容", "污水管网接入"}},
    };
    private static final String[] CATEGORIES = {"CONTAINER", "LOGISTICS", "FINANCING", "CREDIT_INSURANCE",
        "TRADE_FAIR", "POLICY", "CUSTOMS", "LABOR", "LEGAL", "OTHER"};
    private static final String[] CLAUSES = {"客户催单", "春节前要交货", "已经影响两个订单", "损失约三十万元", "外贸订单增加",
        "订单排到明年", "利润被压缩", "已向有关部门反映过", "希望尽快协调", "同行也有类似情况", "美国客户要求按期交货",
        "欧洲订单恢复", "新客户在谈", "生产线满负荷", "资金周转压力大", "货物积压在仓库", "交货期一再推迟"};

    private ClusterBenchmark() {
    }

    public static void main(String[] args) {
        boolean varied = Arrays.asList(args).contains("varied");
        int[] sizes = Arrays.stream(args).filter(a -> !a.equals("varied")).mapToInt(Integer::parseInt).toArray();
        if (sizes.length == 0) {
            sizes = new int[] {5000, 25000};
        }
        // Warm-up: smartcn loads its dictionaries on first use, and the JIT compiles the hot loops.
        new ClusterFinder(ClusterSettings.defaults()).find(generate(5000, 1));
        for (int size : sizes) {
            List<Candidate> candidates = generate(size, 14, varied);
            measure("cold", size, () -> new ClusterFinder(ClusterSettings.defaults()).find(candidates));
            ClusterFinder finder = new ClusterFinder(ClusterSettings.defaults());
            finder.find(candidates);
            measure("warm", size, () -> finder.find(candidates));
        }
    }

    private static void measure(String label, int size, Supplier<List<ProposedCluster>> scan) {
        long[] ms = new long[5];
        List<ProposedCluster> clusters = List.of();
        for (int run = 0; run < ms.length; run++) {
            long t0 = System.nanoTime();
            clusters = scan.get();
            ms[run] = (System.nanoTime() - t0) / 1_000_000;
        }
        Arrays.sort(ms);
        int members = clusters.stream().mapToInt(c -> c.members().size()).sum();
        System.out.printf("%,d candidates, %s: median %d ms (min %d, max %d) on %d cores; %d clusters, %,d members%n",
                size, label, ms[2], ms[0], ms[4], Runtime.getRuntime().availableProcessors(), clusters.size(), members);
    }

    static List<Candidate> generate(int size, long seed) {
        return generate(size, seed, false);
    }

    static List<Candidate> generate(int size, long seed, boolean varied) {
        Random random = new Random(seed);
        List<Candidate> candidates = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            boolean container = i % 5 == 0;
            int category = container ? 0 : 1 + random.nextInt(CATEGORIES.length - 1);
            // The CONTAINER fifth all within one 14-day window, the rest over 90 days.
            long minutes = random.nextInt((container ? 14 : 90) * 24 * 60);
            String title;
            StringBuilder text = new StringBuilder();
            if (random.nextInt(5) == 0) {
                title = randomWords(random, 2);
                text.append(randomWords(random, 8));
            } else {
                String[][] problems = PROBLEMS[category];
                String[] wordings = problems[random.nextInt(problems.length)];
                title = wordings[random.nextInt(wordings.length)];
                text.append(wordings[random.nextInt(wordings.length)]);
                if (varied) {
                    // Two wordings and a town's name: fewer copies, more tickets alike but not the same.
                    text.append('，').append(wordings[random.nextInt(wordings.length)]).append("，地处镇")
                            .append(random.nextInt(300));
                }
                for (int c = random.nextInt(varied ? 4 : 3); c > 0; c--) {
                    text.append('，').append(CLAUSES[random.nextInt(CLAUSES.length)]);
                }
                text.append("，涉及金额").append(random.nextInt(500)).append("万元。");
            }
            candidates.add(new Candidate(String.valueOf(100000 + i), "E" + random.nextInt(8000), "镇" + random.nextInt(300),
                    CATEGORIES[category], title, text.toString(), START.plus(Duration.ofMinutes(minutes))));
        }
        return candidates;
    }

    /** Two-character "words" of random common characters: a text that shares little with any other. */
    private static String randomWords(Random random, int words) {
        StringBuilder s = new StringBuilder();
        for (int w = 0; w < 2 * words; w++) {
            s.appendCodePoint(0x4E00 + random.nextInt(0x9FA5 - 0x4E00));
        }
        return s.toString();
    }
}
