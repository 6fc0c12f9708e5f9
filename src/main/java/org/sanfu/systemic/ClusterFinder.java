package org.sanfu.systemic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the systemic problems among open tickets. PROVISIONAL: character pairs and Jaccard similarity,
 * tickets linked when alike and within the window, a cluster per connected group of one category with
 * enough enterprises. To be replaced by word segmentation (issue 14).
 */
public class ClusterFinder {

    private final ClusterSettings settings;

    public ClusterFinder(ClusterSettings settings) {
        this.settings = settings;
    }

    public List<ProposedCluster> find(List<Candidate> candidates) {
        Map<String, List<Candidate>> byCategory = new LinkedHashMap<>();
        candidates.stream().sorted(Comparator.comparing(Candidate::reportedAt).thenComparing(Candidate::ticketId))
                .forEach(c -> byCategory.computeIfAbsent(c.category(), k -> new ArrayList<>()).add(c));
        List<ProposedCluster> clusters = new ArrayList<>();
        Duration window = Duration.ofDays(settings.windowDays());
        byCategory.forEach((category, tickets) -> {
            int n = tickets.size();
            List<Set<String>> pairs = tickets.stream().map(c -> pairs(c.title() + " " + c.description())).toList();
            int[] parent = new int[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
            }
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (Duration.between(tickets.get(i).reportedAt(), tickets.get(j).reportedAt()).compareTo(window) > 0) {
                        break;
                    }
                    if (jaccard(pairs.get(i), pairs.get(j)) >= settings.minSimilarity()) {
                        parent[root(parent, i)] = root(parent, j);
                    }
                }
            }
            Map<Integer, List<Candidate>> groups = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                groups.computeIfAbsent(root(parent, i), k -> new ArrayList<>()).add(tickets.get(i));
            }
            groups.values().stream()
                    .filter(g -> g.stream().map(Candidate::enterpriseCreditCode).distinct().count() >= settings.minEnterprises())
                    .forEach(g -> clusters.add(new ProposedCluster(category, List.copyOf(g))));
        });
        return clusters;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static Set<String> pairs(String text) {
        Set<String> pairs = new HashSet<>();
        String t = text.replaceAll("\\s+", "");
        for (int i = 0; i + 1 < t.length(); i++) {
            pairs.add(t.substring(i, i + 2));
        }
        return pairs;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (String s : a) {
            if (b.contains(s)) {
                common++;
            }
        }
        return (double) common / (a.size() + b.size() - common);
    }
}
