package com.mispost.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvalCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return EvalCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path write(String name, String... lines) throws Exception {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    private String[] files() throws Exception {
        Path history = write("h.jsonl",
                "{\"id\":\"h1\",\"platform\":\"x\",\"account\":\"AcmeHelp\",\"created_at\":\"2026-01-05T10:00:00Z\",\"text\":\"@user Sorry to hear that! Please DM us your order number and we'll look into it. ^JS\"}",
                "{\"id\":\"h2\",\"platform\":\"x\",\"account\":\"AcmeHelp\",\"created_at\":null,\"text\":\"@user Thanks for reaching out, Sam. We'd be happy to help. ^KL\"}");
        Path posts = write("p.jsonl",
                "{\"id\":\"p1\",\"platform\":\"x\",\"account\":\"AcmeHelp\",\"created_at\":null,\"text\":\"@user We're sorry for the wait. Please DM us and we'll check. ^JS\",\"label\":\"ok\",\"kind\":\"brand-support\"}",
                "{\"id\":\"p2\",\"platform\":\"x\",\"account\":\"AcmeHelp\",\"created_at\":null,\"text\":\"omg my flight got cancelled AGAIN, this week is a f*cking disaster lol\",\"label\":\"mispost\",\"kind\":\"personal-emotion\"}",
                "{\"id\":\"p3\",\"platform\":\"x\",\"account\":\"AcmeHelp\",\"created_at\":null,\"text\":\"can't wait for the game tonight with my brother, beers on me\",\"label\":\"mispost\",\"kind\":\"personal-life\"}");
        return new String[]{"--history", history.toString(), "--posts", posts.toString()};
    }

    @Test
    void printsOneJsonObjectWithTheIssuesKeys() throws Exception {
        String[] args = files();
        int code = run(args[0], args[1], args[2], args[3], "--json");

        assertThat(code).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(report.fieldNames()).toIterable().containsExactly("threshold", "precision", "recall", "f1", "fpr", "auc",
                "recall_by_kind", "fpr_by_kind", "fpr_by_history", "posts_per_second", "n");
        assertThat(report.get("n").asInt()).isEqualTo(3);
        assertThat(report.get("recall").asDouble()).isEqualTo(1.0);
        assertThat(report.get("fpr").asDouble()).isEqualTo(0.0);
        assertThat(report.get("fpr_by_kind").has("brand-support")).isTrue();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("3/3");
    }

    @Test
    void printsATableWithoutJson() throws Exception {
        assertThat(run(files())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("precision", "roc auc", "personal-life", "posts per second");
    }

    @Test
    void foldsByAccountLearnThePublicsVoiceFromTheOtherAccountsOnly() throws Exception {
        StringBuilder history = new StringBuilder();
        StringBuilder posts = new StringBuilder();
        for (String account : List.of("AcmeHelp", "BoltCare", "CoveSupport", "DuneHelp")) {
            for (int i = 0; i < 8; i++) {
                history.append(line(account + "-h" + i, account, "@user Sorry about that! Please DM us your order number and we'll check. ^JS", null, null));
            }
            for (int i = 0; i < 12; i++) {
                posts.append(line(account + "-r" + i, account, "@" + account + " my parcel is late again, I'm so fed up " + i, "mispost", "personal-to-brand"));
            }
            posts.append(line(account + "-b", account, "@user Thanks for waiting, we've sent you a DM. ^KL", "ok", "brand-support"));
        }
        Path h = Files.writeString(dir.resolve("fold-h.jsonl"), history);
        Path p = Files.writeString(dir.resolve("fold-p.jsonl"), posts);

        assertThat(run("--history", h.toString(), "--posts", p.toString(), "--by-account-folds", "2")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 folds by account", "brand-support", "personal-to-brand");
        assertThat(run("--history", h.toString(), "--posts", p.toString(), "--by-account-folds", "2", "--fold-seed", "7")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 folds by account (shuffled with seed 7)");

        List<com.fasterxml.jackson.databind.JsonNode> lines = LearningFiles.read(p);
        com.mispost.post.AccountKey acme = new com.mispost.post.AccountKey(com.mispost.post.Platform.X, "AcmeHelp");
        assertThat(LearningFiles.replies(lines, key -> !key.equals(acme))).hasSize(36).noneMatch(t -> t.startsWith("@AcmeHelp"));
    }

    private static String line(String id, String account, String text, String label, String kind) {
        return "{\"id\":\"" + id + "\",\"platform\":\"x\",\"account\":\"" + account + "\",\"created_at\":null,\"text\":\"" + text + "\""
                + (label == null ? "" : ",\"label\":\"" + label + "\",\"kind\":\"" + kind + "\"") + "}\n";
    }

    @Test
    void perAccountListsEachAccountWorstFirst() throws Exception {
        String[] args = files();
        assertThat(run(args[0], args[1], args[2], args[3], "--per-account", "--json")).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(report.get("per_account")).hasSize(1);
        assertThat(report.get("per_account").get(0).get("account").asText()).isEqualTo("x/AcmeHelp");
        assertThat(report.get("per_account").get(0).get("misposts").asInt()).isEqualTo(2);
        assertThat(report.get("fpr_by_history").has("brand-support, under 25 own posts")).isTrue();

        out.reset();
        assertThat(run(args[0], args[1], args[2], args[3], "--per-account")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("false alerts", "x/AcmeHelp");
    }

    @Test
    void repliesFromAFileAreLearnedAsThePublicsVoiceAndNeverScored() throws Exception {
        String[] args = files();
        StringBuilder replies = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            replies.append(line("r" + i, "AcmeHelp", "@AcmeHelp my parcel is late again and nobody answers " + i, null, null));
        }
        Path r = Files.writeString(dir.resolve("replies.jsonl"), replies);

        assertThat(run(args[0], args[1], args[2], args[3], "--replies", r.toString(), "--json")).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(report.get("n").asInt()).as("only the labelled posts are scored").isEqualTo(3);

        out.reset();
        assertThat(run(args[0], args[1], args[2], args[3], "--replies", r.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("the replies each account received");
        com.mispost.post.AccountKey acme = new com.mispost.post.AccountKey(com.mispost.post.Platform.X, "AcmeHelp");
        assertThat(LearningFiles.publicVoiceOf(LearningFiles.read(r), acme).texts()).isEqualTo(40);
        assertThat(LearningFiles.publicVoiceOf(LearningFiles.read(r), new com.mispost.post.AccountKey(com.mispost.post.Platform.X, "Other")).texts())
                .isZero();
    }

    @Test
    void explainsItsUsage() {
        assertThat(run("--posts")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: mispost eval");
        assertThat(run("--history", dir.resolve("missing.jsonl").toString(), "--posts", "x")).isEqualTo(1);
        assertThat(run("--history", "h", "--posts", "p", "--by-account-folds", "1")).isEqualTo(2);
        assertThat(run("--history", "h", "--posts", "p", "--by-account-folds", "many")).isEqualTo(2);
        assertThat(run("--history", "h", "--posts", "p", "--by-account-folds", "5", "--fold-seed", "x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--fold-seed needs a whole number");
        assertThat(run("--history", "h", "--posts", "p", "--fold-seed", "3")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("give that too");
    }
}
