package com.mispost.apology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.detection.Severity;
import com.mispost.post.Platform;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The composer and the repetition rule against the real personal posts of the shared
 * evaluation set (read at run time, never copied here). Skipped, with a message, where that
 * folder is absent.
 */
class RealMispostsTest {

    private static final String GOOD = "Earlier today a member of our team posted a personal message to this account by mistake. "
            + "It was wrong, and we're sorry. We have removed it and are separating personal and business accounts in the tools our team uses.";

    @Test
    void draftsForRealMispostsPassAndQuotingThemIsCaught() throws IOException {
        Optional<Path> posts = Stream.of("../shared/data/eval/dev-posts.jsonl", "../../shared/data/eval/dev-posts.jsonl")
                .map(Path::of).filter(Files::isRegularFile).findFirst();
        assumeTrue(posts.isPresent(), "../shared/data/eval is not beside this checkout: skipped");
        ObjectMapper json = new ObjectMapper();
        List<String> originals = new ArrayList<>();
        for (String line : Files.readAllLines(posts.get())) {
            JsonNode n = json.readTree(line);
            if ("mispost".equals(n.path("label").asText())) originals.add(n.path("text").asText());
        }
        ApologyComposer composer = new ApologyComposer();
        HonestyLinter linter = new HonestyLinter();
        int drafts = 0;
        int failing = 0;
        int goodFlagged = 0;
        int quotingCaught = 0;
        for (int i = 0; i < originals.size(); i++) {
            String original = originals.get(i);
            // Composing is the slow part; every fourth text, alternating severities, covers every wording.
            if (i % 4 == 0) {
                Severity severity = i % 8 == 0 ? Severity.HIGH : Severity.CRITICAL;
                for (ApologyDraft d : composer.compose(DraftRequest.of(Platform.X, severity, "Northwind").withOriginalText(original))) {
                    drafts++;
                    if (!d.passes()) failing++;
                }
            }
            DraftRequest high = DraftRequest.of(Platform.MASTODON, Severity.HIGH, "Northwind").withOriginalText(original);
            if (!linter.lint(high, DraftKind.POST, GOOD).isEmpty()) goodFlagged++;
            String[] words = original.split("\\s+");
            String quoting = "We're sorry that a member of our team posted \"" + String.join(" ", Arrays.copyOf(words, Math.min(8, words.length)))
                    + "\" here by mistake. We have removed it and are reviewing our tools.";
            if (linter.lint(high, DraftKind.POST, quoting).stream().anyMatch(f -> f.rule() == LintRule.REPEATS_ORIGINAL)) quotingCaught++;
        }
        System.out.printf("RealMispostsTest: %d real mispost texts; %d built-in drafts, %d with findings; "
                        + "a good apology flagged for %d; an apology quoting the first 8 words caught for %d (%.1f%%)%n",
                originals.size(), drafts, failing, goodFlagged, quotingCaught, 100.0 * quotingCaught / originals.size());
        assertThat(originals).isNotEmpty();
        assertThat(failing).isZero();
        assertThat(goodFlagged).isLessThanOrEqualTo(originals.size() / 200);
        assertThat(quotingCaught).isGreaterThanOrEqualTo(originals.size() * 98 / 100);
    }
}
