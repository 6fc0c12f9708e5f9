package org.sanfu.systemic;

/**
 * What makes a cluster: at least {@code minEnterprises} different enterprises, reported within
 * {@code windowDays} days of each other, whose texts are at least {@code minSimilarity} alike (0..1): on average
 * over all pairs of members, no pair less than half as alike (see {@link ClusterFinder}).
 */
public record ClusterSettings(int minEnterprises, int windowDays, double minSimilarity) {

    /**
     * The defaults of sanfu.systemic.*: five enterprises within two weeks, similarity 0.25. On the hand-made set
     * (ClusterFinderUnitTests) the same complaint in other words averages about 0.4 to 0.65 within a problem, and
     * another problem with words in common (集装箱 short against 集装箱 port fees) about 0.13 across.
     */
    public static ClusterSettings defaults() {
        return new ClusterSettings(5, 14, 0.25);
    }
}
