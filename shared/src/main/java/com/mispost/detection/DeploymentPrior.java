package com.mispost.detection;

import com.mispost.post.Post;

import java.util.Arrays;
import java.util.List;

/**
 * What all the accounts of one deployment learned together, which an account with little history
 * of its own starts from: how often each mark of {@link Style} shows in their posts (the prior of
 * a young account's style rates, in place of a fixed brand prior), a sample of their own posts (a
 * young account's side of the learned contrast), and what sets where alerts start: the
 * held-out scores their own posts got (each scored before it was learned, once its account had
 * {@link VoiceProfile#CALIBRATION_WARMUP} posts), as a histogram of logits. Every account's
 * threshold starts where {@link VoiceProfile#DEPLOYMENT_RATE} of those scores lie above, and rises
 * with its own scores as they come in ({@link VoiceProfile#alertThreshold}). So the operating point
 * is learned per deployment from its own accounts' posts, not fixed by a constant of the scorer: a
 * deployment whose posts score higher gets a threshold as much higher, and an account with no
 * history of its own starts from its deployment's rather than from a fixed default.
 *
 * <p>Learned at run time from the deployment's own posts (nothing of it ships); counts only, so
 * that the store keeps it with atomic additions ({@link #contribution}).
 */
public final class DeploymentPrior {

    /** Score bins: logits from {@value #LOW} in steps of {@value #BIN_WIDTH}. */
    static final double LOW = -10;
    static final double BIN_WIDTH = 0.25;
    public static final int BINS = 80;
    /** Held-out scores it needs before its tail is read: a 0.5% tail needs some hundreds. */
    static final long MIN_SCORES = 200;

    /** Pseudo-posts of the fixed brand prior behind the deployment's style rates, as behind an account's. */
    private static final double FIXED_PRIOR_POSTS = 6;

    private static final DeploymentPrior EMPTY = new DeploymentPrior(0, new long[Style.values().length], new long[BINS],
            PublicVoice.empty());

    private final long posts;
    private final long[] styleCounts;
    private final long[] scoreBins;
    private final long scored;
    private final double[] styleRates;
    private final PublicVoice ownPosts;

    private DeploymentPrior(long posts, long[] styleCounts, long[] scoreBins, PublicVoice ownPosts) {
        this.posts = posts;
        this.styleCounts = styleCounts;
        this.scoreBins = scoreBins;
        this.scored = Arrays.stream(scoreBins).sum();
        this.ownPosts = ownPosts;
        this.styleRates = new double[styleCounts.length];
        for (Style s : Style.values()) {
            styleRates[s.ordinal()] = (styleCounts[s.ordinal()] + FIXED_PRIOR_POSTS * s.brandPrior) / (posts + FIXED_PRIOR_POSTS);
        }
    }

    /** Nothing learned yet: style rates are the fixed brand prior's, thresholds the policy's, then the account's own. */
    public static DeploymentPrior empty() {
        return EMPTY;
    }

    /**
     * A prior from stored counts: posts learned, how many had each mark of style (by
     * {@link #styleNames}), held-out scores per bin (missing counts are zero), and the sample of
     * its accounts' own posts.
     */
    public static DeploymentPrior of(long posts, long[] styleCounts, long[] scoreBins, PublicVoice ownPosts) {
        return new DeploymentPrior(posts, Arrays.copyOf(styleCounts, Style.values().length), Arrays.copyOf(scoreBins, BINS), ownPosts);
    }

    /** This prior with another sample of the deployment's own posts. */
    public DeploymentPrior withOwnPosts(PublicVoice sample) {
        return new DeploymentPrior(posts, styleCounts, scoreBins, sample);
    }

    /**
     * What one learned post adds: its marks of style (one bit each, by {@link #styleNames}) and the
     * bin of its held-out score (-1 when it has none to count).
     */
    public record Contribution(int styles, int bin) {
    }

    /**
     * What a post adds to the prior, scored {@code score} against {@code before}, the voice it was
     * scored with: its marks of style, and, as in its own account's calibration, its score once
     * the voice has formed.
     */
    public static Contribution contribution(Post post, VoiceProfile before, double score) {
        boolean counts = !Double.isNaN(score) && before.posts() >= VoiceProfile.CALIBRATION_WARMUP;
        return new Contribution(Reading.of(post.text(), Lexicon.shipped()).styles, counts ? binOf(logit(score)) : -1);
    }

    /** This prior with one more post: for the eval and tests; the store adds the same atomically. */
    public DeploymentPrior with(Contribution c) {
        long[] styles = styleCounts.clone();
        for (Style s : Style.values()) {
            if (s.in(c.styles())) styles[s.ordinal()]++;
        }
        long[] bins = scoreBins();
        if (c.bin() >= 0) bins[c.bin()]++;
        return new DeploymentPrior(posts + 1, styles, bins, ownPosts);
    }

    /** The names the store keeps the style counts under, by position. */
    public static List<String> styleNames() {
        return Arrays.stream(Style.values()).map(Enum::name).toList();
    }

    public long[] styleCounts() {
        return styleCounts.clone();
    }

    /** The rate of a mark of style in the deployment's posts, leaning on the fixed brand prior while they are few. */
    double styleRate(Style style) {
        return styleRates[style.ordinal()];
    }

    /** The sample of the deployment's accounts' own posts. */
    public PublicVoice ownPosts() {
        return ownPosts;
    }

    public long posts() {
        return posts;
    }

    public long[] scoreBins() {
        return scoreBins.clone();
    }

    /** How many held-out scores it has counted. */
    public long scores() {
        return scored;
    }

    /**
     * The logit that this share of the deployment's held-out scores lies above (NaN while it has
     * fewer than {@value #MIN_SCORES}): each bin's count spread over its width by a normal kernel,
     * so that no single score is a step.
     */
    double logitAbove(double share) {
        if (scored < MIN_SCORES) return Double.NaN;
        long[] bins = scoreBins;
        double low = LOW;
        double high = -LOW;
        for (int step = 0; step < 40; step++) {
            double t = (low + high) / 2;
            double above = 0;
            for (int b = 0; b < BINS; b++) {
                if (bins[b] != 0) above += bins[b] * normalAbove((t - (LOW + (b + 0.5) * BIN_WIDTH)) / BIN_WIDTH);
            }
            if (above / scored > share) low = t;
            else high = t;
        }
        return high;
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
