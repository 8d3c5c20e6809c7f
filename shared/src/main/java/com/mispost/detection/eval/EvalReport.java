package com.mispost.detection.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Detection quality over a labelled set: precision, recall, F1 and false-positive rate of the
 * alerts, ROC AUC of the scores, and recall (misposts) or false-positive rate (brand posts) per
 * kind of post.
 */
public record EvalReport(double threshold, double precision, double recall, double f1, double fpr, double auc,
                         Map<String, Double> recallByKind, Map<String, Double> fprByKind, Map<String, Double> fprByHistory,
                         List<AccountRow> accounts, double postsPerSecond, int n) {

    /**
     * How much own history an account had when scored, in bands: a deployment starts with small
     * accounts, and their false alerts must not hide inside the large accounts' average. Brand
     * posts are counted per kind and band ("brand-corporate, under 25 own posts").
     */
    static final int[] HISTORY_BANDS = {25, 100};

    /**
     * One account's figures: its brand posts and how many alerted, its misposts and how many were
     * caught; {@code fpr} and {@code recall} are NaN where it has none of that kind.
     */
    public record AccountRow(String account, int ownPosts, int brandPosts, int falseAlerts, int misposts, int caught) {
        public double fpr() {
            return ratio(falseAlerts, brandPosts);
        }

        public double recall() {
            return ratio(caught, misposts);
        }
    }

    public static EvalReport of(List<ScoredPost> posts, double threshold, double postsPerSecond) {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        Map<String, int[]> byKind = new TreeMap<>();
        Map<String, int[]> byHistory = new TreeMap<>();
        Map<String, int[]> byAccount = new TreeMap<>();
        Map<String, Boolean> kindIsMispost = new TreeMap<>();
        for (ScoredPost p : posts) {
            if (p.mispost() && p.alerted()) tp++;
            else if (p.mispost()) fn++;
            else if (p.alerted()) fp++;
            else tn++;
            int[] counts = byKind.computeIfAbsent(p.kind(), k -> new int[2]);
            counts[0]++;
            if (p.alerted()) counts[1]++;
            kindIsMispost.merge(p.kind(), p.mispost(), (a, b) -> a || b);
            int[] account = byAccount.computeIfAbsent(p.account(), k -> new int[5]);
            account[0] = Math.max(account[0], p.ownPosts());
            if (p.mispost()) {
                account[3]++;
                if (p.alerted()) account[4]++;
            } else {
                account[1]++;
                if (p.alerted()) account[2]++;
                int[] band = byHistory.computeIfAbsent(p.kind() + ", " + bandOf(p.ownPosts()), k -> new int[2]);
                band[0]++;
                if (p.alerted()) band[1]++;
            }
        }
        Map<String, Double> fprByHistory = new LinkedHashMap<>();
        byHistory.forEach((band, counts) -> fprByHistory.put(band, ratio(counts[1], counts[0])));
        List<AccountRow> accounts = new ArrayList<>();
        byAccount.forEach((name, c) -> accounts.add(new AccountRow(name, c[0], c[1], c[2], c[3], c[4])));
        // Worst first: the most false alerts for its brand posts, then the lowest recall.
        accounts.sort(Comparator.comparingDouble((AccountRow r) -> Double.isNaN(r.fpr()) ? -1 : r.fpr()).reversed()
                .thenComparingDouble(r -> Double.isNaN(r.recall()) ? 2 : r.recall())
                .thenComparing(AccountRow::account));
        Map<String, Double> recallByKind = new LinkedHashMap<>();
        Map<String, Double> fprByKind = new LinkedHashMap<>();
        byKind.forEach((kind, counts) -> (kindIsMispost.get(kind) ? recallByKind : fprByKind)
                .put(kind, ratio(counts[1], counts[0])));
        double precision = ratio(tp, tp + fp);
        double recall = ratio(tp, tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new EvalReport(threshold, precision, recall, f1, ratio(fp, fp + tn), auc(posts),
                recallByKind, fprByKind, fprByHistory, accounts, postsPerSecond, posts.size());
    }

    private static String bandName(int i) {
        if (i == 0) return "under " + HISTORY_BANDS[0] + " own posts";
        if (i == HISTORY_BANDS.length) return HISTORY_BANDS[i - 1] + " or more own posts";
        return HISTORY_BANDS[i - 1] + "-" + (HISTORY_BANDS[i] - 1) + " own posts";
    }

    private static String bandOf(int ownPosts) {
        int i = 0;
        while (i < HISTORY_BANDS.length && ownPosts >= HISTORY_BANDS[i]) i++;
        return bandName(i);
    }

    /**
     * ROC AUC: the chance that a random mispost scores above a random brand post, ties counting
     * half (the Mann-Whitney U statistic over average ranks).
     */
    static double auc(List<ScoredPost> posts) {
        List<ScoredPost> sorted = new ArrayList<>(posts);
        sorted.sort((a, b) -> Double.compare(a.score(), b.score()));
        long positives = posts.stream().filter(ScoredPost::mispost).count();
        long negatives = posts.size() - positives;
        if (positives == 0 || negatives == 0) return Double.NaN;
        double rankSum = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).score() == sorted.get(i).score()) j++;
            double averageRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (sorted.get(k).mispost()) rankSum += averageRank;
            }
            i = j;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }

    /** The report as ordered keys and values, for JSON. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("threshold", threshold);
        map.put("precision", round(precision));
        map.put("recall", round(recall));
        map.put("f1", round(f1));
        map.put("fpr", round(fpr));
        map.put("auc", round(auc));
        map.put("recall_by_kind", rounded(recallByKind));
        map.put("fpr_by_kind", rounded(fprByKind));
        map.put("fpr_by_history", rounded(fprByHistory));
        map.put("posts_per_second", Math.round(postsPerSecond));
        map.put("n", n);
        return map;
    }

    /** Each account's figures, worst first, for JSON. */
    public List<Map<String, Object>> accountsAsMaps() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AccountRow r : accounts) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("account", r.account());
            row.put("own_posts", r.ownPosts());
            row.put("brand_posts", r.brandPosts());
            row.put("false_alerts", r.falseAlerts());
            row.put("fpr", round(r.fpr()));
            row.put("misposts", r.misposts());
            row.put("recall", round(r.recall()));
            rows.add(row);
        }
        return rows;
    }

    /** Each account's figures, worst first, as a table for people. */
    public String accountsPlain() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-32s %9s %11s %12s %8s %9s %7s%n",
                "account", "own posts", "brand posts", "false alerts", "fpr", "misposts", "recall"));
        for (AccountRow r : accounts) {
            out.append(String.format(Locale.ROOT, "%-32s %9d %11d %12d %8s %9d %7s%n", r.account(), r.ownPosts(), r.brandPosts(),
                    r.falseAlerts(), figure(r.fpr()), r.misposts(), figure(r.recall())));
        }
        return out.toString();
    }

    private static String figure(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** The report as a short table for people. */
    public String plain() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "threshold         %.2f%n", threshold));
        out.append(String.format(Locale.ROOT, "posts             %d%n", n));
        out.append(String.format(Locale.ROOT, "precision         %.4f%n", precision));
        out.append(String.format(Locale.ROOT, "recall            %.4f%n", recall));
        out.append(String.format(Locale.ROOT, "f1                %.4f%n", f1));
        out.append(String.format(Locale.ROOT, "false-pos. rate   %.4f%n", fpr));
        out.append(String.format(Locale.ROOT, "roc auc           %.4f%n", auc));
        out.append("recall by kind\n");
        recallByKind.forEach((k, v) -> out.append(String.format(Locale.ROOT, "  %-28s %.4f%n", k, v)));
        out.append("false-positive rate by kind\n");
        fprByKind.forEach((k, v) -> out.append(String.format(Locale.ROOT, "  %-28s %.4f%n", k, v)));
        out.append("false-positive rate by kind and the account's history\n");
        fprByHistory.forEach((k, v) -> out.append(String.format(Locale.ROOT, "  %-40s %.4f%n", k, v)));
        out.append(String.format(Locale.ROOT, "posts per second  %d%n", Math.round(postsPerSecond)));
        return out.toString();
    }

    private static Object round(double value) {
        return Double.isNaN(value) ? null : Math.round(value * 10000) / 10000.0;
    }

    private static Map<String, Object> rounded(Map<String, Double> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, round(v)));
        return out;
    }
}
