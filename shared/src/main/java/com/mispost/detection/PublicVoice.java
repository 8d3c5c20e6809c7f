package com.mispost.detection;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * How the public writes to an account, learned from a sample of the replies and comments people
 * send it (which the webhooks deliver): the other side of the contrast with the account's own
 * voice. Built when the account is screened, from texts the deployment itself received; nothing
 * of it ships with Mispost. The same sample, of the deployment's accounts' own posts, stands behind
 * the account's side of the contrast while it has few posts of its own
 * ({@link DeploymentPrior#ownPosts}).
 */
public final class PublicVoice {

    /** How many replies an account keeps for learning; enough for the contrast, small in the table. */
    public static final int SAMPLE_SIZE = 256;
    /** Longest reply text kept, in characters. */
    public static final int MAX_TEXT = 560;

    private static final PublicVoice EMPTY = new PublicVoice(new FeatureCounts(), Map.of(), 0);

    private final FeatureCounts counts;
    /** Replies that opened or closed with each shape ({@link Conventions}). */
    private final Map<String, Integer> conventions;
    private final int texts;

    private PublicVoice(FeatureCounts counts, Map<String, Integer> conventions, int texts) {
        this.counts = counts;
        this.conventions = conventions;
        this.texts = texts;
    }

    /** Nothing learned yet: the detector then leaves the learned contrast out. */
    public static PublicVoice empty() {
        return EMPTY;
    }

    /** Learns from these texts; at most {@value #SAMPLE_SIZE} of them are read. */
    public static PublicVoice of(Collection<String> replies) {
        FeatureCounts counts = new FeatureCounts();
        Map<String, Integer> conventions = new HashMap<>();
        int n = 0;
        for (String text : replies) {
            if (n == SAMPLE_SIZE) break;
            if (text == null || text.isBlank()) continue;
            String kept = shortened(text);
            counts.addAll(TextFeatures.of(kept).hashes);
            for (String shape : Conventions.of(kept)) conventions.merge(shape, 1, Integer::sum);
            n++;
        }
        return n == 0 ? EMPTY : new PublicVoice(counts, conventions, n);
    }

    /** A reply text as it is kept: at most {@value #MAX_TEXT} characters. */
    /** The sample slot a reply takes, by its id: a later reply with the same slot replaces the earlier one. */
    public static int slot(String replyId) {
        return Math.floorMod(replyId.hashCode(), SAMPLE_SIZE);
    }

    public static String shortened(String text) {
        if (text.length() <= MAX_TEXT) return text;
        int end = MAX_TEXT;
        if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
        return text.substring(0, end);
    }

    /** How many replies it learned from. */
    public int texts() {
        return texts;
    }

    int textsWith(int feature) {
        return counts.get(feature);
    }

    int textsWithConvention(String shape) {
        return conventions.getOrDefault(shape, 0);
    }
}
