package com.mispost.detection;

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
    static final int MAX_FEATURES = 6000;
    static final int MAX_SCORES = 200;
    /** Posts learned before their scores count for calibration: the first ones meet a voice still forming. */
    static final int CALIBRATION_WARMUP = 20;
    /** Own scores needed before they move the threshold. */
    static final int CALIBRATION_MIN = 20;
    /** The share of the account's own posts that may alert at the calibrated threshold. */
    static final double CALIBRATION_RATE = 0.005;
    /** However odd an account's own posts, its threshold stays low enough for strong evidence to alert. */
    static final double CALIBRATION_CAP = 0.9;
    private static final String VERSION = "v2";
    private static final String OLD_VERSION = "v1";

    private final int posts;
    private final int[] styleCounts;
    private final Map<Integer, Integer> units;
    private final Map<String, Integer> clients;
    private final int[] hours;
    /** Texts of the account's own that each contrast feature appeared in. */
    private final FeatureCounts features;
    /** Scores (in ten-thousandths) its own posts got before they were learned, oldest first. */
    private final int[] scores;

    private VoiceProfile(int posts, int[] styleCounts, Map<Integer, Integer> units, Map<String, Integer> clients, int[] hours,
                         FeatureCounts features, int[] scores) {
        this.posts = posts;
        this.styleCounts = styleCounts;
        this.units = units;
        this.clients = clients;
        this.hours = hours;
        this.features = features;
        this.scores = scores;
    }

    public static VoiceProfile empty() {
        return new VoiceProfile(0, new int[Style.values().length], Map.of(), Map.of(), new int[24], new FeatureCounts(), new int[0]);
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
        nextScores[keep] = (int) Math.round(Math.max(0, Math.min(1, scoreBeforeLearning)) * 10000);
        return new VoiceProfile(next.posts, next.styleCounts, next.units, next.clients, next.hours, next.features, nextScores);
    }

    /**
     * Where this account's alerts start: the policy's threshold, raised when the account's own
     * recent posts would otherwise alert more often than {@value #CALIBRATION_RATE} of the time
     * (a formal corporate account and a chatty support account are each judged against
     * themselves), but never above {@value #CALIBRATION_CAP}.
     */
    public double alertThreshold(double policyThreshold) {
        if (scores.length < CALIBRATION_MIN) return policyThreshold;
        int[] sorted = scores.clone();
        Arrays.sort(sorted);
        int mayAlert = (int) Math.floor(CALIBRATION_RATE * sorted.length);
        double highestQuiet = sorted[sorted.length - 1 - mayAlert] / 10000.0;
        double calibrated = Math.min(CALIBRATION_CAP, highestQuiet + 0.0001);
        return Math.max(policyThreshold, calibrated);
    }

    /** How many held-out scores of its own posts calibrate its threshold. */
    public int calibrationScores() {
        return scores.length;
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
            if (nextClients.size() > MAX_CLIENTS) nextClients = topClients(nextClients);
        }
        int[] nextHours = hours;
        if (post.createdAt() != null) {
            nextHours = hours.clone();
            nextHours[post.createdAt().atZone(ZoneOffset.UTC).getHour()]++;
        }
        FeatureCounts nextFeatures = features.copy();
        nextFeatures.addAll(TextFeatures.of(post.text()).hashes);
        // Pruned to the most frequent once twice the bound: the latest posts always count whole.
        if (nextFeatures.size() > 2 * MAX_FEATURES) nextFeatures = nextFeatures.top(MAX_FEATURES);
        return new VoiceProfile(posts + 1, nextStyles, nextUnits, nextClients, nextHours, nextFeatures, scores);
    }

    /** In how many learned posts this contrast feature appeared (0 if it is not among the kept ones). */
    int postsWithFeature(int feature) {
        return features.get(feature);
    }

    public int posts() {
        return posts;
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
     * {@code v2|posts|style counts|24 hour counts|clients|units|features|scores}, the units and
     * features as base64 of varint pairs (hash delta, count) in hash order.
     */
    public String encode() {
        StringBuilder out = new StringBuilder(VERSION).append('|').append(posts).append('|');
        out.append(join(styleCounts)).append('|').append(join(hours)).append('|');
        List<String> named = new ArrayList<>();
        clients.forEach((name, count) -> named.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + ":" + count));
        Collections.sort(named);
        out.append(String.join(",", named)).append('|');
        int[] keys = units.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        out.append(pairs(visitor -> {
            for (int key : keys) visitor.visit(key, units.get(key));
        })).append('|');
        out.append(pairs(features::forEachSorted)).append('|');
        return out.append(join(scores)).toString();
    }

    /** Rebuilds a profile from {@link #encode()}. */
    public static VoiceProfile decode(String encoded) {
        String[] parts = encoded.split("\\|", -1);
        boolean current = parts.length == 8 && parts[0].equals(VERSION);
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
        Map<String, Integer> clients = new HashMap<>();
        if (!parts[4].isEmpty()) {
            for (String pair : parts[4].split(",")) {
                int colon = pair.lastIndexOf(':');
                clients.put(URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8), Integer.parseInt(pair.substring(colon + 1)));
            }
        }
        Map<Integer, Integer> units = new HashMap<>();
        readPairs(parts[5], units::put);
        FeatureCounts features = new FeatureCounts();
        int[] scores = new int[0];
        if (current) {
            readPairs(parts[6], features::put);
            scores = split(parts[7]);
        }
        return new VoiceProfile(posts, styles, units, clients, hours, features, scores);
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

    private static Map<String, Integer> topClients(Map<String, Integer> all) {
        Map<String, Integer> kept = new LinkedHashMap<>();
        all.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
                .limit(MAX_CLIENTS)
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
