package com.mispost.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DraftCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DraftCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void jsonListsEachDraftWithLengthLimitAndLint() throws Exception {
        int code = run("--platform", "x", "--severity", "critical", "--account", "Kettle & Crumb", "--json",
                "--text", "a cruel joke about a grieving family, sent from the wrong account");
        assertThat(code).isZero();
        JsonNode drafts = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("drafts");
        assertThat(drafts).hasSize(4);
        for (JsonNode d : drafts) {
            assertThat(d.get("tone").asText()).isIn("plain", "warm", "formal");
            assertThat(d.get("text").asText()).isNotBlank();
            assertThat(d.get("lint").isArray()).isTrue();
            assertThat(d.get("lint")).isEmpty();
        }
        assertThat(drafts.get(0).get("limit").asInt()).isEqualTo(280);
        assertThat(drafts.get(0).get("length").asInt()).isBetween(1, 280);
        assertThat(drafts.get(3).get("kind").asText()).isEqualTo("statement");
        assertThat(drafts.get(3).get("limit").isNull()).isTrue();
        assertThat(drafts.get(3).get("notes").toString()).contains("leadership");
    }

    @Test
    void aBacklashIsDraftedAsAMisjudgedPostNeverAsAMistake() throws Exception {
        int code = run("--platform", "x", "--severity", "high", "--account", "Bramblewood", "--cause", "backlash", "--json",
                "--text", "Sizzling savings on every grill this weekend");
        assertThat(code).isZero();
        JsonNode drafts = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("drafts");
        assertThat(drafts).hasSize(3);
        for (JsonNode d : drafts) {
            assertThat(d.get("text").asText()).containsAnyOf("insensitive", "misjudged").doesNotContain("mistake").doesNotContain("personal");
            assertThat(d.get("lint")).isEmpty();
        }
        assertThat(run("--platform", "x", "--severity", "high", "--text", "t", "--cause", "outrage")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown cause 'outrage' (mispost, backlash)");
    }

    @Test
    void textOutputShowsFindingsOfARedraftThatLeavesOutWhatWillChange() {
        int code = run("--platform", "mastodon", "--severity", "medium", "--text", "ugh mondays", "--tone", "plain",
                "--leave-out", "change");
        assertThat(code).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("[plain]").contains("/500").contains("! no-change:").doesNotContain("[warm]");
    }

    @Test
    void usageErrorsExitWith2AndSayWhatIsWrong() {
        assertThat(run("--severity", "high", "--text", "x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--platform is required").contains("usage:");
        err.reset();
        assertThat(run("--platform", "myspace", "--severity", "high", "--text", "x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown platform 'myspace'");
        err.reset();
        assertThat(run("--platform", "x", "--severity", "high", "--text")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--text needs a value");
        err.reset();
        assertThat(run("--platform", "x", "--severity", "high", "--text", "x", "--frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--frobnicate'");
        assertThat(out.size()).isZero();
    }
}
