package com.mispost.local.bench;

/** The benches' one percentile: nearest rank over sorted values; the median of an even count is the mean of the middle two. */
final class Percentile {
    private Percentile() {
    }

    static double of(double[] sorted, int p) {
        if (p == 50 && sorted.length % 2 == 0) return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
