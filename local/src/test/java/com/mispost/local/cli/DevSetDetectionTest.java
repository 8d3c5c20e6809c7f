package com.mispost.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Guards the figures in the README on the dev set in {@code ../shared/data/eval}, by account
 * folds: accounts scored by a model that never saw their replies. The data is research-licensed
 * and stays outside the repository; without it this test is skipped, visibly.
 */
class DevSetDetectionTest {

    private static Path evalData() {
        return Stream.of(System.getenv("MISPOST_EVAL_DATA"), "../shared/data/eval", "../../shared/data/eval")
                .filter(p -> p != null && Files.exists(Path.of(p, "dev-posts.jsonl")))
                .map(Path::of).findFirst().orElse(null);
    }

    private static JsonNode eval(Path data, String... more) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> args = new java.util.ArrayList<>(List.of("--history", data.resolve("dev-history.jsonl").toString(),
                "--posts", data.resolve("dev-posts.jsonl").toString(), "--by-account-folds", "5", "--json"));
        args.addAll(List.of(more));
        int code = EvalCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    /**
     * The README's figures, on the eval's own split and five shuffled ones: thresholds learned from
     * the deployment's own held-out scores at a 0.5% target (no constant fitted to this set sets
     * them), recall and ranking as measured, false alerts as they came out (corporate up to 0.57%,
     * and two posts of one small account: see the README).
     */
    @Test
    void byAccountFoldsHoldTheReadmeFiguresOnEverySplit() throws Exception {
        Path data = evalData();
        assumeTrue(data != null, "the dev set (../shared/data/eval) is not on this machine");
        for (String seed : List.of("", "1", "2", "3", "4", "5")) {
            JsonNode report = seed.isEmpty() ? eval(data) : eval(data, "--fold-seed", seed);
            String split = seed.isEmpty() ? "the eval's split" : "seed " + seed;

            assertThat(report.get("recall").asDouble()).as("recall, " + split).isGreaterThanOrEqualTo(0.935);
            assertThat(report.get("auc").asDouble()).as("auc, " + split).isGreaterThanOrEqualTo(0.995);
            assertThat(report.get("fpr_by_kind").get("brand-corporate").asDouble()).as("corporate, " + split).isLessThanOrEqualTo(0.006);
            assertThat(report.get("fpr_by_kind").get("brand-support").asDouble()).as("support, " + split).isLessThanOrEqualTo(0.006);
            assertThat(report.get("fpr_by_history").get("brand-corporate, under 25 own posts").asDouble())
                    .as("the small corporate accounts, " + split).isLessThanOrEqualTo(0.01);
        }
    }
}
