package org.sanfu.systemic;

/**
 * What makes a cluster: at least {@code minEnterprises} different enterprises, reported within
 * {@code windowDays} days of each other, whose texts are at least {@code minSimilarity} alike (0..1).
 */
public record ClusterSettings(int minEnterprises, int windowDays, double minSimilarity) {

    /** The defaults of sanfu.systemic.*: five enterprises within two weeks, similarity 0.25 (see ClusterFinder). */
    public static ClusterSettings defaults() {
        return new ClusterSettings(5, 14, 0.25);
    }
}
