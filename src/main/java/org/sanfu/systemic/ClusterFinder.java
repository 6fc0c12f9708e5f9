package org.sanfu.systemic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Finds the systemic problems (共性问题) among open tickets: tickets of one category, from at least
 * {@link ClusterSettings#minEnterprises()} different enterprises, all reported within
 * {@link ClusterSettings#windowDays()} days of each other (the span from a cluster's first report to its
 * last), whose texts say the same thing.
 * <p>
 * How alike two tickets are: the cosine of their TF-IDF vectors, {@link #WORD_SHARE} over the words smartcn
 * cuts from title and description (stop words dropped, synonyms folded, see {@link TicketText}) and the
 * rest over their character pairs; IDF comes from the candidates of the same scan. Every vector has length
 * one, so a similarity lies in 0..1: 1 for the same words, 0 for nothing in common.
 * <p>
 * How tickets become a cluster: average-link agglomeration within a category, with a floor. Two groups merge,
 * most alike first, while the average similarity over all pairs across them is at least
 * {@link ClusterSettings#minSimilarity()}, every pair across is at least {@link #EDGE_FRACTION} of it alike
 * (the floor), and the merged group still fits the window. Unlike linking any two alike tickets, a ticket that
 * mentions two problems cannot chain them into one cluster: the two groups' average stays low, and a ticket
 * unrelated to one member is kept out however alike it is to the others. Pairs below the floor are never
 * computed: an inverted index with prefix filtering finds the others without comparing all pairs. Before that,
 * tickets at least {@link #NEAR_DUPLICATE} alike to an earlier one (copies) are gathered under it and enter the
 * averages as that one, weighted by their number, so a flood of copies costs as much as one ticket.
 * <p>
 * Deterministic: the result depends on the candidates, not on their order. Clusters come ordered by their
 * first report, members by report time then ticket id. Thread-safe; keep one instance, so that a scan reuses
 * the segmentation of the texts the previous scan saw.
 */
public class ClusterFinder {

    /** The words' share of the similarity; the character pairs have the rest. */
    static final double WORD_SHARE = 0.75;

    /**
     * Tickets at least this alike are copies of each other (a leader and the tickets that repeat it): the
     * average-link step works on their leaders, so a flood of copies costs no more than one ticket.
     */
    static final double NEAR_DUPLICATE = 0.8;

    /** No two members of a cluster are less alike than this fraction of the threshold (the floor). */
    static final double EDGE_FRACTION = 0.5;

    private static final Comparator<Candidate> REPORTED = Comparator.comparing(Candidate::reportedAt)
            .thenComparing(Candidate::ticketId);

    private final ClusterSettings settings;

    /**
     * The texts of the last scan, segmented: a scan runs over mostly the same open tickets as the one before,
     * and segmentation is most of its work. Holds only what the last scan saw, so it never outgrows a scan.
     */
    private volatile Map<String, TicketText.Terms> lastScan = Map.of();

    public ClusterFinder(ClusterSettings settings) {
        this.settings = settings;
    }

    public List<ProposedCluster> find(List<Candidate> candidates) {
        List<Candidate> tickets = candidates.stream().sorted(REPORTED).toList();
        // Segmentation is most of the work; an ordered parallel stream keeps the result independent of threads.
        Map<String, TicketText.Terms> previous = lastScan;
        Map<String, TicketText.Terms> seen = new ConcurrentHashMap<>();
        List<TicketText.Terms> texts = tickets.parallelStream().map(c -> {
            String key = c.title() + '\u0000' + c.description();
            TicketText.Terms known = previous.get(key);
            return seen.computeIfAbsent(key, k -> known != null ? known : TicketText.of(c.title(), c.description()));
        }).toList();
        lastScan = seen;
        Vectors vectors = Vectors.of(texts, WORD_SHARE);
        long[] times = tickets.stream().mapToLong(c -> c.reportedAt().toEpochMilli()).toArray();
        long window = Duration.ofDays(settings.windowDays()).toMillis();

        Map<String, List<Integer>> byCategory = new LinkedHashMap<>();
        for (int i = 0; i < tickets.size(); i++) {
            byCategory.computeIfAbsent(tickets.get(i).category(), k -> new ArrayList<>()).add(i);
        }
        List<ProposedCluster> clusters = new ArrayList<>();
        double floor = EDGE_FRACTION * settings.minSimilarity();
        byCategory.forEach((category, members) -> {
            int[] docs = members.stream().mapToInt(Integer::intValue).toArray();
            List<int[]> copies = vectors.nearDuplicates(docs, times, window, nearDuplicate(floor));
            int[] leaders = copies.stream().mapToInt(g -> g[0]).toArray();
            List<Pair> pairs = vectors.similarPairs(leaders, times, window, floor);
            for (List<Integer> group : averageLink(copies, pairs, times, window)) {
                List<Candidate> cluster = group.stream().sorted().map(tickets::get).toList();
                long enterprises = cluster.stream().map(Candidate::enterpriseCreditCode).distinct().count();
                if (enterprises >= settings.minEnterprises()) {
                    clusters.add(new ProposedCluster(category, cluster));
                }
            }
        });
        clusters.sort(Comparator.comparing((ProposedCluster c) -> c.members().get(0), REPORTED));
        return List.copyOf(clusters);
    }

    /**
     * How alike a copy must be to its leader: two copies of one leader at s are at least 2s² − 1 alike (the
     * angles add up), which must not fall below the floor; at the default threshold 0.8 is more than enough.
     */
    static double nearDuplicate(double floor) {
        return Math.max(NEAR_DUPLICATE, Math.sqrt((1 + floor) / 2));
    }

    /** Two tickets (indexes into the sorted candidates) and their similarity. */
    record Pair(int a, int b, double similarity) {
    }

    /**
     * Average-link clustering of one category's tickets, with a floor. A group's link to a neighbour holds the
     * sum of the pair similarities across and how many pairs are at least the floor alike (the pairs kept);
     * merging two groups adds their links. The queue holds a candidate merge per pair of groups that may merge,
     * most alike first, ties by the lower ticket index; stale entries (a group has merged since) are skipped by
     * version.
     */
    private List<List<Integer>> averageLink(List<int[]> copies, List<Pair> pairs, long[] times, long window) {
        int n = copies.size();
        Map<Integer, Integer> local = new HashMap<>();
        for (int k = 0; k < n; k++) {
            local.put(copies.get(k)[0], k);
        }
        int[] size = new int[n];
        int[] version = new int[n];
        long[] first = new long[n];
        long[] last = new long[n];
        List<List<Integer>> members = new ArrayList<>(n);
        List<Map<Integer, Link>> links = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int[] group = copies.get(k);
            size[k] = group.length;
            first[k] = times[group[0]];
            last[k] = times[group[group.length - 1]];
            members.add(new ArrayList<>(Arrays.stream(group).boxed().toList()));
            links.add(new HashMap<>());
        }
        PriorityQueue<Merge> queue = new PriorityQueue<>();
        double threshold = settings.minSimilarity();
        for (Pair p : pairs) {
            int a = local.get(p.a());
            int b = local.get(p.b());
            // A leader stands for its copies: the pair's similarity counts for every pair of their members.
            long across = (long) size[a] * size[b];
            links.get(a).put(b, new Link(p.similarity() * across, across));
            links.get(b).put(a, new Link(p.similarity() * across, across));
            if (p.similarity() >= threshold) {
                queue.add(new Merge(p.similarity(), Math.min(a, b), Math.max(a, b), 0, 0));
            }
        }
        while (!queue.isEmpty()) {
            Merge m = queue.poll();
            int a = m.a();
            int b = m.b();
            if (size[a] == 0 || size[b] == 0 || version[a] != m.versionA() || version[b] != m.versionB()
                    || Math.max(last[a], last[b]) - Math.min(first[a], first[b]) > window) {
                continue;
            }
            // b joins a (a is the lower index, so a group keeps the index of its earliest ticket).
            Map<Integer, Link> merged = links.get(a);
            Map<Integer, Link> gone = links.get(b);
            merged.remove(b);
            gone.remove(a);
            gone.forEach((c, link) -> merged.merge(c, link, Link::plus));
            gone.keySet().forEach(c -> links.get(c).remove(b));
            links.set(b, null);
            members.get(a).addAll(members.get(b));
            members.set(b, null);
            size[a] += size[b];
            size[b] = 0;
            first[a] = Math.min(first[a], first[b]);
            last[a] = Math.max(last[a], last[b]);
            version[a]++;
            for (Map.Entry<Integer, Link> e : merged.entrySet()) {
                int c = e.getKey();
                Link link = e.getValue();
                links.get(c).put(a, link);
                long across = (long) size[a] * size[c];
                double average = link.sum() / across;
                // Every pair across at least the floor alike: a group never takes in a ticket unrelated to one of
                // its members, however alike it is to the others (A~B, B~C, A and C apart).
                if (link.count() == across && average >= threshold) {
                    queue.add(a < c ? new Merge(average, a, c, version[a], version[c])
                            : new Merge(average, c, a, version[c], version[a]));
                }
            }
        }
        return members.stream().filter(g -> g != null).collect(Collectors.toList());
    }

    /** The pairs across two groups that are at least the floor alike: how many, and their similarities' sum. */
    private record Link(double sum, long count) {

        Link plus(Link other) {
            return new Link(sum + other.sum, count + other.count);
        }
    }

    /** A candidate merge of groups a &lt; b, valid while neither has changed. */
    private record Merge(double average, int a, int b, int versionA, int versionB) implements Comparable<Merge> {

        @Override
        public int compareTo(Merge o) {
            int c = Double.compare(o.average, average);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(a, o.a);
            return c != 0 ? c : Integer.compare(b, o.b);
        }
    }
}
