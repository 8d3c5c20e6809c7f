package com.mispost.detection;

import java.util.Arrays;

/**
 * What all the accounts of one deployment learned together, which an account with little history
 * of its own starts from: two histograms of the held-out scores their own posts got (as logits): the scores themselves (where
 * an account's posts usually sit, its level) and how far each rose above its own account's level
 * at the time (the shape of the upper tail, which accounts share far more than their levels). An
 * account's threshold is its own level plus the tail read from its own scores mixed with the
 * deployment's ({@link VoiceProfile#alertThreshold}).
 *
 * <p>Learned at run time from the deployment's own posts (nothing of it ships); counts only, so
 * that the store keeps it with atomic additions ({@link #contribution}).
 */
public final class DeploymentPrior {

    /** Histograms: the scores' levels, and their excess over their own account's level. */
    static final int LEVELS = 0;
    static final int EXCESS = 1;
    /** Own held-out scores an account needs before its level is its own median. */
    public static final int LEVEL_MIN = 5;
    /** Score bins: logits from {@value #LOW} in steps of {@value #BIN_WIDTH}. */
    static final double LOW = -10;
    static final double BIN_WIDTH = 0.25;
    public static final int BINS = 80;

    private static final DeploymentPrior EMPTY = new DeploymentPrior(0, new long[2][BINS]);

    private final long posts;
    private final long[][] scoreBins;
    private final long[] scored;

    private DeploymentPrior(long posts, long[][] scoreBins) {
        this.posts = posts;
        this.scoreBins = scoreBins;
        this.scored = new long[2];
        for (int h = 0; h < 2; h++) scored[h] = Arrays.stream(scoreBins[h]).sum();
    }

    /** Nothing learned yet: thresholds are the account's own. */
    public static DeploymentPrior empty() {
        return EMPTY;
    }

    /**
     * A prior from stored counts: posts learned and the two score histograms ({@link #LEVELS},
     * {@link #EXCESS}; missing counts are zero).
     */
    public static DeploymentPrior of(long posts, long[][] scoreBins) {
        long[][] bins = new long[2][BINS];
        for (int h = 0; h < Math.min(2, scoreBins.length); h++) {
            System.arraycopy(scoreBins[h], 0, bins[h], 0, Math.min(BINS, scoreBins[h].length));
        }
        return new DeploymentPrior(posts, bins);
    }

    /**
     * What one learned post adds: the bins of its held-out score's level and of its excess over its
     * account's level (-1 where it has none).
     */
    public record Contribution(int levelBin, int excessBin) {
    }

    /**
     * What this post adds to the prior, scored {@code score} against a voice whose earlier held-out
     * scores ({@link VoiceProfile#heldOutLogits}) put its account's level where they do.
     */
    public static Contribution contribution(VoiceProfile before, double score) {
        if (Double.isNaN(score) || before.posts() < VoiceProfile.CALIBRATION_WARMUP) return new Contribution(-1, -1);
        double logit = logit(score);
        double[] own = before.heldOutLogits();
        return new Contribution(binOf(logit), own.length < LEVEL_MIN ? -1 : binOf(logit - median(own)));
    }

    /** This prior with one more post: for the eval and tests; the store adds the same atomically. */
    public DeploymentPrior with(Contribution c) {
        long[][] bins = scoreBins();
        if (c.levelBin() >= 0) bins[LEVELS][c.levelBin()]++;
        if (c.excessBin() >= 0) bins[EXCESS][c.excessBin()]++;
        return new DeploymentPrior(posts + 1, bins);
    }

    public long posts() {
        return posts;
    }

    public long[][] scoreBins() {
        long[][] copy = new long[2][];
        for (int h = 0; h < 2; h++) copy[h] = scoreBins[h].clone();
        return copy;
    }

    /** How many excesses over their account's level the deployment has counted. */
    long excesses() {
        return scored[EXCESS];
    }

    /** The median level of the deployment's held-out scores (NaN before it has any). */
    double level() {
        if (scored[LEVELS] == 0) return Double.NaN;
        long half = (scored[LEVELS] + 1) / 2;
        long seen = 0;
        for (int b = 0; b < BINS; b++) {
            seen += scoreBins[LEVELS][b];
            if (seen >= half) return LOW + (b + 0.5) * BIN_WIDTH;
        }
        return -LOW;
    }

    /**
     * The share of the deployment's excesses above this one: each bin's count spread over its width
     * (a normal kernel as wide as a bin), so that no single score is a step.
     */
    double excessSurvival(double excess) {
        if (scored[EXCESS] == 0) return Double.NaN;
        long[] bins = scoreBins[EXCESS];
        double above = 0;
        for (int b = 0; b < BINS; b++) {
            if (bins[b] == 0) continue;
            double centre = LOW + (b + 0.5) * BIN_WIDTH;
            above += bins[b] * normalAbove((excess - centre) / BIN_WIDTH);
        }
        return above / scored[EXCESS];
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static int binOf(double logit) {
        return (int) Math.max(0, Math.min(BINS - 1, Math.floor((logit - LOW) / BIN_WIDTH)));
    }

    static double logit(double p) {
        double q = Math.max(1e-6, Math.min(1 - 1e-6, p));
        return Math.log(q / (1 - q));
    }

    /**
     * The share of a normal distribution above {@code z} standard deviations (Abramowitz and Stegun
     * 7.1.26, within 1.5e-7): the kernel that spreads each score, light-tailed so that a spread
     * score does not reach far past where scores were seen.
     */
    static double normalAbove(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-x * x);
        return z >= 0 ? erfc / 2 : 1 - erfc / 2;
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
