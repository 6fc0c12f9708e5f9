package org.sanfu.systemic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The TF-IDF vectors of one scan's tickets, and the pairs of them that are alike. A term's weight is
 * (1 + ln tf) · √idf with idf = 1 + ln((n + 1) / (df + 1)) over the scan's n tickets; a ticket's words and
 * its character pairs are each scaled to a length of √share and √(1 − share), so that the dot product of two
 * vectors is share · cos(words) + (1 − share) · cos(pairs).
 * <p>
 * A term is numbered by its rank from rarest to commonest, and each vector holds its terms in that order:
 * the prefix filter below needs the rare terms first.
 */
final class Vectors {

    private final int[][] terms;
    private final double[][] weights;

    private Vectors(int[][] terms, double[][] weights) {
        this.terms = terms;
        this.weights = weights;
    }

    static Vectors of(List<TicketText.Terms> texts, double wordShare) {
        // Words and pairs are separate vocabularies: the word 箱 and the pair of one character cannot meet anyway,
        // but 成本 the word and 成本 the pair must not add up as one term.
        Map<String, Integer> wordIds = new HashMap<>();
        Map<String, Integer> pairIds = new HashMap<>();
        List<int[]> counts = new ArrayList<>();
        for (TicketText.Terms t : texts) {
            count(t.words(), t.wordCounts(), wordIds, pairIds, counts);
            count(t.pairs(), t.pairCounts(), pairIds, wordIds, counts);
        }
        int vocabulary = wordIds.size() + pairIds.size();
        int[] df = new int[vocabulary];
        Integer[] order = new Integer[vocabulary];
        for (int id = 0; id < order.length; id++) {
            order[id] = id;
        }
        for (int[] c : counts) {
            for (int k = 0; k < c.length; k += 2) {
                df[c[k]]++;
            }
        }
        // Ids were given in the order the terms first appeared among the sorted tickets: a stable tie-break.
        Arrays.sort(order, (x, y) -> df[x] != df[y] ? Integer.compare(df[x], df[y]) : Integer.compare(x, y));
        int[] rank = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        int n = texts.size();
        int[][] terms = new int[n][];
        double[][] weights = new double[n][];
        for (int i = 0; i < n; i++) {
            int[] words = counts.get(2 * i);
            int[] pairs = counts.get(2 * i + 1);
            double[] w = new double[(words.length + pairs.length) / 2];
            int[] r = new int[w.length];
            scale(words, 0, df, n, Math.sqrt(wordShare), rank, r, w);
            scale(pairs, words.length / 2, df, n, Math.sqrt(1 - wordShare), rank, r, w);
            sortByRank(r, w);
            terms[i] = r;
            weights[i] = w;
        }
        return new Vectors(terms, weights);
    }

    /** Appends the ticket's counts as id, count, id, count... Ids run on across both vocabularies. */
    private static void count(String[] terms, int[] tf, Map<String, Integer> ids, Map<String, Integer> other,
            List<int[]> into) {
        int[] c = new int[2 * terms.length];
        for (int k = 0; k < terms.length; k++) {
            c[2 * k] = ids.computeIfAbsent(terms[k], x -> ids.size() + other.size());
            c[2 * k + 1] = tf[k];
        }
        into.add(c);
    }

    private static void scale(int[] counts, int offset, int[] df, int n, double length, int[] rank, int[] terms,
            double[] weights) {
        double norm = 0;
        for (int k = 0; k < counts.length; k += 2) {
            // IDF damped by its square root: at full strength a paraphrase's incidental words (仓库, 客户)
            // outweighed the words a category's complaint is made of (集装箱, 短缺, 舱位), common in the scan.
            double w = (1 + Math.log(counts[k + 1])) * Math.sqrt(1 + Math.log((n + 1.0) / (df[counts[k]] + 1.0)));
            terms[offset + k / 2] = rank[counts[k]];
            weights[offset + k / 2] = w;
            norm += w * w;
        }
        double factor = norm == 0 ? 0 : length / Math.sqrt(norm);
        for (int k = 0; k < counts.length / 2; k++) {
            weights[offset + k] *= factor;
        }
    }

    private static void sortByRank(int[] terms, double[] weights) {
        Integer[] idx = new Integer[terms.length];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = k;
        }
        Arrays.sort(idx, (x, y) -> Integer.compare(terms[x], terms[y]));
        int[] t = terms.clone();
        double[] w = weights.clone();
        for (int k = 0; k < idx.length; k++) {
            terms[k] = t[idx[k]];
            weights[k] = w[idx[k]];
        }
    }

    double similarity(int x, int y) {
        int[] a = terms[x];
        int[] b = terms[y];
        double[] wa = weights[x];
        double[] wb = weights[y];
        double dot = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] == b[j]) {
                dot += wa[i++] * wb[j++];
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return dot;
    }

    /**
     * The pairs among {@code docs} (indexes in report order) at least {@code minimum} alike and at most
     * {@code window} ms apart, without comparing all pairs. A ticket is indexed under the terms of its prefix
     * only: the rare terms, up to where the rest of its vector is shorter than the minimum. Two tickets that
     * share none of the earlier one's prefix terms have a dot product below the minimum (the rest contributes
     * at most its length), so probing that index with all terms of each later ticket misses no pair; the common
     * terms (集装箱 in a CONTAINER category) stay out of the index and out of the work.
     */
    List<ClusterFinder.Pair> similarPairs(int[] docs, long[] times, long window, double minimum) {
        List<ClusterFinder.Pair> pairs = new ArrayList<>();
        Map<Integer, Postings> index = new HashMap<>();
        double[] partial = new double[docs.length];
        boolean[] seen = new boolean[docs.length];
        double[] rest = new double[docs.length];
        int[] touched = new int[docs.length];
        for (int k = 0; k < docs.length; k++) {
            int i = docs[k];
            int count = 0;
            int[] t = terms[i];
            double[] w = weights[i];
            for (int f = 0; f < t.length; f++) {
                Postings p = index.get(t[f]);
                if (p == null) {
                    continue;
                }
                // Postings are in report order: those too old for this ticket are too old for every later one.
                while (p.from < p.size && times[docs[p.docs[p.from]]] < times[i] - window) {
                    p.from++;
                }
                for (int q = p.from; q < p.size; q++) {
                    int other = p.docs[q];
                    if (!seen[other]) {
                        seen[other] = true;
                        touched[count++] = other;
                    }
                    partial[other] += w[f] * p.weights[q];
                }
            }
            for (int c = 0; c < count; c++) {
                int other = touched[c];
                if (partial[other] + rest[other] >= minimum) {
                    double s = similarity(docs[other], i);
                    if (s >= minimum) {
                        pairs.add(new ClusterFinder.Pair(docs[other], i, s));
                    }
                }
                partial[other] = 0;
                seen[other] = false;
            }
            rest[k] = indexPrefix(t, w, minimum, k, index);
        }
        return pairs;
    }

    /**
     * Groups {@code docs} (indexes in report order) into near-duplicates: each ticket joins the group of the
     * earlier leader it is most alike to, if at least {@code minimum} alike and at most {@code window} ms
     * after it (ties to the earlier leader), or leads a group of its own. Only leaders are indexed (prefix
     * filtered as in {@link #similarPairs}), so a flood of copies costs one comparison per copy and leader.
     * Each group lists its leader first, then its members in report order.
     */
    List<int[]> nearDuplicates(int[] docs, long[] times, long window, double minimum) {
        List<int[]> groups = new ArrayList<>();
        List<Postings.IntList> members = new ArrayList<>();
        Map<Integer, Postings> index = new HashMap<>();
        int[] leaders = new int[docs.length];
        double[] partial = new double[docs.length];
        boolean[] seen = new boolean[docs.length];
        double[] rest = new double[docs.length];
        int[] touched = new int[docs.length];
        int leaderCount = 0;
        for (int k = 0; k < docs.length; k++) {
            int i = docs[k];
            int count = 0;
            int[] t = terms[i];
            double[] w = weights[i];
            for (int f = 0; f < t.length; f++) {
                Postings p = index.get(t[f]);
                if (p == null) {
                    continue;
                }
                while (p.from < p.size && times[docs[leaders[p.docs[p.from]]]] < times[i] - window) {
                    p.from++;
                }
                for (int q = p.from; q < p.size; q++) {
                    int leader = p.docs[q];
                    if (!seen[leader]) {
                        seen[leader] = true;
                        touched[count++] = leader;
                    }
                    partial[leader] += w[f] * p.weights[q];
                }
            }
            int best = -1;
            double bestSimilarity = minimum;
            for (int c = 0; c < count; c++) {
                int leader = touched[c];
                if (partial[leader] + rest[leader] >= minimum) {
                    double s = similarity(docs[leaders[leader]], i);
                    if (s > bestSimilarity || s == bestSimilarity && (best < 0 || leader < best)) {
                        best = leader;
                        bestSimilarity = s;
                    }
                }
                partial[leader] = 0;
                seen[leader] = false;
            }
            if (best >= 0) {
                members.get(best).add(i);
                continue;
            }
            int leader = leaderCount++;
            leaders[leader] = k;
            Postings.IntList group = new Postings.IntList();
            group.add(i);
            members.add(group);
            rest[leader] = indexPrefix(t, w, minimum, leader, index);
        }
        for (Postings.IntList group : members) {
            groups.add(Arrays.copyOf(group.values, group.size));
        }
        return groups;
    }

    /** Indexes a vector under the terms of its prefix; answers the length of the rest. */
    private static double indexPrefix(int[] t, double[] w, double minimum, int position, Map<Integer, Postings> index) {
        double suffix = 0;
        int prefix = t.length;
        while (prefix > 0 && Math.sqrt(suffix + w[prefix - 1] * w[prefix - 1]) < minimum) {
            prefix--;
            suffix += w[prefix] * w[prefix];
        }
        for (int f = 0; f < prefix; f++) {
            index.computeIfAbsent(t[f], x -> new Postings()).add(position, w[f]);
        }
        return Math.sqrt(suffix);
    }

    /** The tickets (positions in docs) indexed under one term, in report order, with the term's weight in each. */
    private static final class Postings {
        int[] docs = new int[4];
        double[] weights = new double[4];
        int size;
        int from;

        void add(int doc, double weight) {
            if (size == docs.length) {
                docs = Arrays.copyOf(docs, 2 * size);
                weights = Arrays.copyOf(weights, 2 * size);
            }
            docs[size] = doc;
            weights[size++] = weight;
        }

        /** A growing list of ints. */
        static final class IntList {
            int[] values = new int[2];
            int size;

            void add(int value) {
                if (size == values.length) {
                    values = Arrays.copyOf(values, 2 * size);
                }
                values[size++] = value;
            }
        }
    }
}
