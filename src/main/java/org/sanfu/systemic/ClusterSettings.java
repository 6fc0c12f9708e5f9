package org.sanfu.systemic;

/**
 * What makes a cluster: at least {@code minEnterprises} different enterprises, reported within
 * {@code windowDays} days of each other, whose texts are at least {@code minSimilarity} alike (0..1).
 */
public record ClusterSettings(int minEnterprises, int windowDays, double minSimilarity) {
}
