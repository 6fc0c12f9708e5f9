package org.sanfu.systemic;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterFinderDebugTests {
    @Test
    void print() {
        List<Candidate> all = ClusterFinderUnitTests.handMade().stream()
                .sorted(java.util.Comparator.comparing(Candidate::reportedAt).thenComparing(Candidate::ticketId)).toList();
        List<TicketText.Terms> t = all.stream().map(c -> TicketText.of(c.title(), c.description())).toList();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < all.size(); i++) {
            b.append(all.get(i).ticketId()).append(' ').append(t.get(i).words()).append('\n');
        }
        java.util.Map<String, List<Integer>> cats = new java.util.TreeMap<>();
        for (int i = 0; i < all.size(); i++) cats.computeIfAbsent(all.get(i).category(), k -> new java.util.ArrayList<>()).add(i);
        for (double share : new double[] {1.0, 0.0, ClusterFinder.WORD_SHARE}) {
          Vectors v = Vectors.of(t, share);
          b.append("share ").append(share).append('\n');
          cats.forEach((c, idx) -> {
            if (share != ClusterFinder.WORD_SHARE && !c.equals("CONTAINER")) return;
            b.append(c).append('\n').append("    ");
            for (int j : idx) b.append(String.format("%5s", all.get(j).ticketId()));
            b.append('\n');
            for (int i : idx) {
                b.append(String.format("%4s", all.get(i).ticketId()));
                for (int j : idx) b.append(String.format("%5.2f", v.similarity(i, j) / (share == 1.0 ? 1 : 1)));
                b.append('\n');
            }
          });
        }
        b.append(ClusterFinderUnitTests.ids(new ClusterFinder(ClusterSettings.defaults()).find(all)));
        System.err.println(b);
    }
}
