package com.mispost.detection;

import com.mispost.account.AccountPolicy;
import com.mispost.post.Post;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How one account usually writes, learned from its past posts: how often each mark of
 * {@link Style} shows, its most frequent words and word pairs, the clients it posts from, the
 * hours it posts at, the features its side of the learned contrast with the public's voice reads
 * ({@link TextFeatures}), and the scores its own posts got before they were learned, which set
 * where its alert threshold sits ({@link #alertThreshold}). Immutable; {@link #learn} gives the
 * profile after one more post.
 *
 * <p>Bounded so that it fits one table attribute whatever the account's history: at most
 * {@value #MAX_UNITS} word units and {@value #MAX_FEATURES} contrast features (kept by
 * frequency), {@value #MAX_CLIENTS} clients, 24 hour counts and the last {@value #MAX_SCORES}
 * scores. {@link #encode()} gives a compact text of some tens of kilobytes at most.
 */
public final class VoiceProfile {

    static final int MAX_UNITS = 3000;
    static final int MAX_CLIENTS = 16;
    static final int MAX_CONVENTIONS = 32;
    static final int MAX_FEATURES = 6000;
    static final int MAX_SCORES = 200;
    /** Posts learned before its own scores count for its calibration: the first ones meet a voice still forming. */
    public static final int CALIBRATION_WARMUP = 20;
    /** Own scores needed before they move the threshold. */
    static final int CALIBRATION_MIN = 20;
    /**
     * The share of brand posts that may alert, read from the deployment's held-out scores: the
     * issue's target itself, not a figure fitted to a data set (on the dev set's later brand posts it
     * came to 0.1-0.6% of corporate and 0.7-0.9% of support posts).
     */
    static final double DEPLOYMENT_RATE = 0.005;
    /**
     * The share of the account's own held-out scores that may lie above its threshold: it raises
     * the deployment's threshold for an account whose own posts score higher than its deployment's.
     * Looser than {@link #DEPLOYMENT_RATE}: its scores are few, and read higher than its later posts
     * do (each met a voice with fewer posts than the next post will).
     */
    static final double CALIBRATION_RATE = 0.02;
    /** However odd an account's own posts, its threshold stays low enough for strong evidence to alert. */
    static final double CALIBRATION_CAP = 0.99;
    private static final String VERSION = "v3";
    /** Scores kept as probabilities in ten-thousandths, which cannot tell 0.9991 from 0.9994. */
    private static final String PROBABILITY_VERSION = "v2";
    private static final String OLD_VERSION = "v1";

    private final int posts;
    private final int[] styleCounts;
    private final Map<Integer, Integer> units;
    private final Map<String, Integer> clients;
    private final int[] hours;
    /** Posts of its own that opened or closed with each shape ({@link Conventions}). */
    private final Map<String, Integer> conventions;
    /** Texts of the account's own that each contrast feature appeared in. */
    private final FeatureCounts features;
    /** Scores (as logits, in hundredths) its own posts got before they were learned, oldest first. */
    private final int[] scores;
    /** The last threshold worked out, and the prior it was worked out with: a post reads it more than once. */
    private volatile CachedThreshold cached;

    private record CachedThreshold(DeploymentPrior prior, double threshold) {
    }

    private VoiceProfile(int posts, int[] styleCounts, Map<Integer, Integer> units, Map<String, Integer> clients, int[] hours,
                         Map<String, Integer> conventions, FeatureCounts features, int[] scores) {
        this.posts = posts;
        this.conventions = conventions;
        this.styleCounts = styleCounts;
        this.units = units;
        this.clients = clients;
        this.hours = hours;
        this.features = features;
        this.scores = scores;
    }

    public static VoiceProfile empty() {
        return new VoiceProfile(0, new int[Style.values().length], Map.of(), Map.of(), new int[24], Map.of(), new FeatureCounts(),
                new int[0]);
    }

    /** The profile after one more post the account accepted as its own, with no score to calibrate by. */
    public VoiceProfile learn(Post post) {
        return learn(post, Double.NaN);
    }

    /**
     * The profile after one more post the account accepted as its own, and the score it got before
     * it was learned: a held-out score of the account's own voice, which calibration reads.
     */
    public VoiceProfile learn(Post post, double scoreBeforeLearning) {
        VoiceProfile next = learn(post, Reading.of(post.text(), Lexicon.shipped()));
        if (Double.isNaN(scoreBeforeLearning) || posts < CALIBRATION_WARMUP) return next;
        int keep = Math.min(MAX_SCORES - 1, scores.length);
        int[] nextScores = Arrays.copyOfRange(scores, scores.length - keep, scores.length + 1);
        nextScores[keep] = (int) Math.round(DeploymentPrior.logit(scoreBeforeLearning) * 100);
        return new VoiceProfile(next.posts, next.styleCounts, next.units, next.clients, next.hours, next.conventions, next.features,
                nextScores);
    }

    /** Where this account's alerts start with nothing borrowed from other accounts. */
    public double alertThreshold(double policyThreshold) {
        return alertThreshold(policyThreshold, DeploymentPrior.empty());
    }

    /**
     * Where this account's alerts start. Before anything is learned, at the policy's threshold. Once
     * the deployment has learned enough of its accounts' own posts, where {@value #DEPLOYMENT_RATE}
     * of their held-out scores lie above ({@link DeploymentPrior}), raised to
     * where {@value #CALIBRATION_RATE} of the account's own held-out scores lie above once it has
     * {@value #CALIBRATION_MIN} of them (a formal corporate account and a chatty support account are
     * each judged against themselves), but never above {@value #CALIBRATION_CAP}. Read from smoothed
     * distributions, so no single score sets it. A policy stricter than the default stays a floor.
     */
    public double alertThreshold(double policyThreshold, DeploymentPrior prior) {
        CachedThreshold last = cached;
        double calibrated;
        if (last != null && last.prior() == prior) {
            calibrated = last.threshold();
        } else {
            calibrated = calibrated(prior);
            cached = new CachedThreshold(prior, calibrated);
        }
        if (Double.isNaN(calibrated)) return policyThreshold;
        return policyThreshold > AccountPolicy.DEFAULT_THRESHOLD ? Math.max(policyThreshold, calibrated) : calibrated;
    }

    private double calibrated(DeploymentPrior prior) {
        double deployment = prior.logitAbove(DEPLOYMENT_RATE);
        double own = scores.length < CALIBRATION_MIN ? Double.NaN : ownLogitAbove(CALIBRATION_RATE);
        double logit = Double.isNaN(own) ? deployment : Double.isNaN(deployment) ? own : Math.max(own, deployment);
        return Double.isNaN(logit) ? Double.NaN : Math.min(CALIBRATION_CAP, DeploymentPrior.sigmoid(logit));
    }

    /** The logit this share of its own held-out scores lies above, each spread by a normal kernel. */
    private double ownLogitAbove(double share) {
        double[] own = heldOutLogits();
        double width = bandwidth(own);
        double low = DeploymentPrior.LOW;
        double high = -DeploymentPrior.LOW;
        for (int step = 0; step < 40; step++) {
            double t = (low + high) / 2;
            double above = 0;
            for (double s : own) above += DeploymentPrior.normalAbove((t - s) / width);
            if (above / own.length > share) low = t;
            else high = t;
        }
        return high;
    }

    /**
     * The kernel's width for these logits (Silverman's rule on their robust spread): wide while
     * they are few, so that one odd score shifts the threshold a little rather than all the way.
     */
    static double bandwidth(double[] logits) {
        if (logits.length < 4) return 1.0;
        double[] sorted = logits.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(sorted).map(x -> (x - mean) * (x - mean)).sum() / (sorted.length - 1));
        double iqr = sorted[(3 * sorted.length) / 4] - sorted[sorted.length / 4];
        double spread = Math.min(sd, iqr / 1.34);
        if (!(spread > 0)) spread = sd > 0 ? sd : 1.0;
        return Math.max(0.1, 0.9 * spread * Math.pow(sorted.length, -0.2));
    }

    /** How many held-out scores of its own posts calibrate its threshold. */
    public int calibrationScores() {
        return scores.length;
    }

    /** The held-out scores of its own posts, as logits, oldest first. */
    public double[] heldOutLogits() {
        double[] logits = new double[scores.length];
        for (int i = 0; i < logits.length; i++) logits[i] = scores[i] / 100.0;
        return logits;
    }

    VoiceProfile learn(Post post, Reading reading) {
        int[] nextStyles = styleCounts.clone();
        for (Style s : Style.values()) {
            if (s.in(reading.styles)) nextStyles[s.ordinal()]++;
        }
        Map<Integer, Integer> nextUnits = new HashMap<>(units);
        for (int unit : distinct(reading.units)) nextUnits.merge(unit, 1, Integer::sum);
        if (nextUnits.size() > 2 * MAX_UNITS) nextUnits = topUnits(nextUnits);
        Map<String, Integer> nextClients = clients;
        if (post.client() != null && !post.client().isBlank()) {
            nextClients = new HashMap<>(clients);
            nextClients.merge(post.client().toLowerCase(Locale.ROOT), 1, Integer::sum);
            if (nextClients.size() > MAX_CLIENTS) nextClients = top(nextClients, MAX_CLIENTS);
        }
        int[] nextHours = hours;
        if (post.createdAt() != null) {
            nextHours = hours.clone();
            nextHours[post.createdAt().atZone(ZoneOffset.UTC).getHour()]++;
        }
        Map<String, Integer> nextConventions = new HashMap<>(conventions);
        for (String shape : Conventions.of(post.text())) nextConventions.merge(shape, 1, Integer::sum);
        if (nextConventions.size() > 2 * MAX_CONVENTIONS) nextConventions = top(nextConventions, MAX_CONVENTIONS);
        FeatureCounts nextFeatures = features.copy();
        nextFeatures.addAll(TextFeatures.of(post.text()).hashes);
        // Pruned to the most frequent once twice the bound: the latest posts always count whole.
        if (nextFeatures.size() > 2 * MAX_FEATURES) nextFeatures = nextFeatures.top(MAX_FEATURES);
        return new VoiceProfile(posts + 1, nextStyles, nextUnits, nextClients, nextHours, nextConventions, nextFeatures, scores);
    }

    /** In how many learned posts this contrast feature appeared (0 if it is not among the kept ones). */
    int postsWithFeature(int feature) {
        return features.get(feature);
    }

    public int posts() {
        return posts;
    }

    /** How many learned posts opened or closed with this shape ({@link Conventions}). */
    int postsWithConvention(String shape) {
        return conventions.getOrDefault(shape, 0);
    }

    /** How many learned posts showed this mark of style. */
    int postsWith(Style style) {
        return styleCounts[style.ordinal()];
    }

    /** In how many learned posts this word unit appeared (0 if it is not among the kept ones). */
    int postsWithUnit(int unit) {
        Integer count = units.get(unit);
        return count == null ? 0 : count;
    }

    /** How many of the learned posts came from this client. */
    public int postsFrom(String client) {
        return client == null ? 0 : clients.getOrDefault(client.toLowerCase(Locale.ROOT), 0);
    }

    /** Learned posts that named their client. */
    int postsWithClient() {
        int sum = 0;
        for (int c : clients.values()) sum += c;
        return sum;
    }

    public Map<String, Integer> clients() {
        return Collections.unmodifiableMap(clients);
    }

    /** Learned posts with a known time, and those posted in the given UTC hour. */
    int postsWithTime() {
        int sum = 0;
        for (int h : hours) sum += h;
        return sum;
    }

    int postsAtHour(int utcHour) {
        return hours[utcHour];
    }

    /**
     * A compact text of this profile for one table attribute:
     * {@code v3|posts|style counts|24 hour counts|clients|units|features|scores|conventions}, the units and
     * features as base64 of varint pairs (hash delta, count) in hash order.
     */
    public String encode() {
        StringBuilder out = new StringBuilder(VERSION).append('|').append(posts).append('|');
        out.append(join(styleCounts)).append('|').append(join(hours)).append('|');
        out.append(named(clients)).append('|');
        int[] keys = units.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        out.append(pairs(visitor -> {
            for (int key : keys) visitor.visit(key, units.get(key));
        })).append('|');
        out.append(pairs(features::forEachSorted)).append('|');
        out.append(join(scores)).append('|');
        return out.append(named(conventions)).toString();
    }

    private static String named(Map<String, Integer> counts) {
        List<String> named = new ArrayList<>();
        counts.forEach((name, count) -> named.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + ":" + count));
        Collections.sort(named);
        return String.join(",", named);
    }

    private static Map<String, Integer> readNamed(String encoded) {
        Map<String, Integer> counts = new HashMap<>();
        if (encoded.isEmpty()) return counts;
        for (String pair : encoded.split(",")) {
            int colon = pair.lastIndexOf(':');
            counts.put(URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8), Integer.parseInt(pair.substring(colon + 1)));
        }
        return counts;
    }

    /** Rebuilds a profile from {@link #encode()}. */
    public static VoiceProfile decode(String encoded) {
        String[] parts = encoded.split("\\|", -1);
        boolean probabilities = parts.length == 8 && parts[0].equals(PROBABILITY_VERSION);
        boolean current = (parts.length == 9 && parts[0].equals(VERSION)) || probabilities;
        // Profiles stored before the learned contrast: they learn their features from the next posts.
        boolean old = parts.length == 6 && parts[0].equals(OLD_VERSION);
        if (!current && !old) {
            throw new IllegalArgumentException("not an encoded voice profile");
        }
        int posts = Integer.parseInt(parts[1]);
        int[] storedStyles = split(parts[2]);
        int[] styles = Arrays.copyOf(storedStyles, Style.values().length);
        int[] hours = split(parts[3]);
        if (hours.length != 24) throw new IllegalArgumentException("a voice profile needs 24 hour counts");
        Map<String, Integer> clients = readNamed(parts[4]);
        // Profiles stored before the conventions learn them from the next posts.
        Map<String, Integer> conventions = parts.length == 9 ? readNamed(parts[8]) : new HashMap<>();
        Map<Integer, Integer> units = new HashMap<>();
        readPairs(parts[5], units::put);
        FeatureCounts features = new FeatureCounts();
        int[] scores = new int[0];
        if (current) {
            readPairs(parts[6], features::put);
            scores = split(parts[7]);
            if (probabilities) {
                for (int i = 0; i < scores.length; i++) scores[i] = (int) Math.round(DeploymentPrior.logit(scores[i] / 10000.0) * 100);
            }
        }
        return new VoiceProfile(posts, styles, units, clients, hours, conventions, features, scores);
    }

    /** Base64 of varint pairs (hash delta, count), visited in ascending hash order. */
    private static String pairs(Consumer<FeatureCounts.Visitor> inOrder) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] previous = {Integer.MIN_VALUE};
        inOrder.accept((key, count) -> {
            varint(bytes, key - previous[0]);
            varint(bytes, count);
            previous[0] = key;
        });
        return Base64.getEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    private static void readPairs(String encoded, FeatureCounts.Visitor into) {
        byte[] bytes = Base64.getDecoder().decode(encoded);
        int[] at = {0};
        long previous = Integer.MIN_VALUE;
        while (at[0] < bytes.length) {
            long key = previous + readVarint(bytes, at);
            into.visit((int) key, (int) readVarint(bytes, at));
            previous = key;
        }
    }

    private static int[] distinct(int[] values) {
        return Arrays.stream(values).distinct().toArray();
    }

    /** Keeps the most frequent units, so the profile stays bounded and keeps what marks the voice. */
    private static Map<Integer, Integer> topUnits(Map<Integer, Integer> all) {
        Map<Integer, Integer> kept = new HashMap<>();
        all.entrySet().stream()
                .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_UNITS)
                .forEach(e -> kept.put(e.getKey(), e.getValue()));
        return kept;
    }

    private static Map<String, Integer> top(Map<String, Integer> all, int limit) {
        Map<String, Integer> kept = new LinkedHashMap<>();
        all.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
                .limit(limit)
                .forEach(e -> kept.put(e.getKey(), e.getValue()));
        return kept;
    }

    private static String join(int[] values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) out.append(',');
            out.append(values[i]);
        }
        return out.toString();
    }

    private static int[] split(String text) {
        if (text.isEmpty()) return new int[0];
        return Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static long readVarint(byte[] bytes, int[] at) {
        long value = 0;
        int shift = 0;
        while (true) {
            if (at[0] >= bytes.length) throw new IllegalArgumentException("truncated voice profile");
            byte b = bytes[at[0]++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
            shift += 7;
            if (shift > 63) throw new IllegalArgumentException("malformed voice profile");
        }
    }
}
