package com.mispost.detection.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvalReportTest {

    private static final List<ScoredPost> POSTS = List.of(
            new ScoredPost("brand", false, 0.10, false),
            new ScoredPost("brand", false, 0.20, false),
            new ScoredPost("brand", false, 0.60, true),
            new ScoredPost("brand", false, 0.05, false),
            new ScoredPost("personal", true, 0.90, true),
            new ScoredPost("personal", true, 0.70, true),
            new ScoredPost("to-brand", true, 0.60, true),
            new ScoredPost("to-brand", true, 0.15, false));

    @Test
    void computesAlertMetrics() {
        EvalReport report = EvalReport.of(POSTS, 0.5, 1234.4);

        assertThat(report.precision()).isCloseTo(0.75, within(1e-9));
        assertThat(report.recall()).isCloseTo(0.75, within(1e-9));
        assertThat(report.f1()).isCloseTo(0.75, within(1e-9));
        assertThat(report.fpr()).isCloseTo(0.25, within(1e-9));
        assertThat(report.recallByKind()).containsEntry("personal", 1.0).containsEntry("to-brand", 0.5);
        assertThat(report.fprByKind()).containsOnlyKeys("brand").containsEntry("brand", 0.25);
        assertThat(report.n()).isEqualTo(8);
    }

    @Test
    void groupsFalseAlertsByAccountWorstFirstAndByHowMuchHistoryTheAccountHad() {
        List<ScoredPost> posts = List.of(
                new ScoredPost("x/small", 12, "brand", false, 0.7, true),
                new ScoredPost("x/small", 12, "brand", false, 0.1, false),
                new ScoredPost("x/small", 12, "personal", true, 0.9, true),
                new ScoredPost("x/large", 150, "brand", false, 0.1, false),
                new ScoredPost("x/large", 150, "personal", true, 0.9, true),
                new ScoredPost("x/large", 150, "personal", true, 0.2, false));

        EvalReport report = EvalReport.of(posts, 0.5, 1);

        assertThat(report.accounts()).extracting(EvalReport.AccountRow::account).containsExactly("x/small", "x/large");
        assertThat(report.accounts().get(0).fpr()).isEqualTo(0.5);
        assertThat(report.accounts().get(1).recall()).isEqualTo(0.5);
        assertThat(report.fprByHistory()).containsEntry("brand, under 25 own posts", 0.5)
                .containsEntry("brand, 100 or more own posts", 0.0).doesNotContainKey("brand, 25-99 own posts");
        assertThat(report.accountsPlain()).contains("x/small", "0.5000");
        assertThat(report.accountsAsMaps().get(0)).containsEntry("false_alerts", 1).containsEntry("own_posts", 12);
    }

    @Test
    void aucCountsTiesAsHalf() {
        // pairs: 4 positives x 4 negatives = 16; wins: 0.9 beats 4, 0.7 beats 4, 0.6 beats 3 and ties 1,
        // 0.15 beats 2 (0.10, 0.05): (4 + 4 + 3.5 + 2) / 16
        assertThat(EvalReport.auc(POSTS)).isCloseTo(13.5 / 16, within(1e-9));
    }

    @Test
    void ordersTheJsonKeysAsTheIssueAsks() {
        assertThat(EvalReport.of(POSTS, 0.5, 1234.4).asMap().keySet()).containsExactly(
                "threshold", "precision", "recall", "f1", "fpr", "auc", "recall_by_kind", "fpr_by_kind", "fpr_by_history", "posts_per_second", "n");
        assertThat(EvalReport.of(POSTS, 0.5, 1234.4).plain()).contains("roc auc", "0.8438", "to-brand");
    }
}
