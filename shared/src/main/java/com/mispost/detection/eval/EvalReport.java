package com.mispost.detection.eval;

import java.util.ArrayList;
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
                         Map<String, Double> recallByKind, Map<String, Double> fprByKind, double postsPerSecond, int n) {

    public static EvalReport of(List<ScoredPost> posts, double threshold, double postsPerSecond) {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        Map<String, int[]> byKind = new TreeMap<>();
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
        }
        Map<String, Double> recallByKind = new LinkedHashMap<>();
        Map<String, Double> fprByKind = new LinkedHashMap<>();
        byKind.forEach((kind, counts) -> (kindIsMispost.get(kind) ? recallByKind : fprByKind)
                .put(kind, ratio(counts[1], counts[0])));
        double precision = ratio(tp, tp + fp);
        double recall = ratio(tp, tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new EvalReport(threshold, precision, recall, f1, ratio(fp, fp + tn), auc(posts),
                recallByKind, fprByKind, postsPerSecond, posts.size());
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
        map.put("posts_per_second", Math.round(postsPerSecond));
        map.put("n", n);
        return map;
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
