package com.mispost.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.account.Account;
import com.mispost.account.AccountPolicy;
import com.mispost.detection.Assessment;
import com.mispost.detection.MispostDetector;
import com.mispost.detection.VoiceProfile;
import com.mispost.detection.eval.EvalReport;
import com.mispost.detection.eval.ScoredPost;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code mispost eval --history H.jsonl --posts P.jsonl [--json]}: seeds each account's voice
 * profile from H, scores every post in P without looking at its label, and reports precision,
 * recall, F1, false-positive rate and ROC AUC at the default alert threshold, per kind too,
 * with the scoring speed. Lines are {@code {"id","platform","account","created_at","text"}},
 * with {@code "label"} ({@code ok} or {@code mispost}) and {@code "kind"} in P.
 */
public final class EvalCommand {

    private static final String USAGE = "usage: mispost eval --history H.jsonl --posts P.jsonl [--json]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        String history = null;
        String posts = null;
        boolean json = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--history" -> history = i + 1 < args.size() ? args.get(++i) : null;
                case "--posts" -> posts = i + 1 < args.size() ? args.get(++i) : null;
                case "--json" -> json = true;
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    err.println("unknown argument: " + args.get(i));
                    err.println(USAGE);
                    return 2;
                }
            }
        }
        if (history == null || posts == null) {
            err.println(USAGE);
            return 2;
        }
        try {
            EvalReport report = evaluate(read(Path.of(history)), read(Path.of(posts)), err);
            out.println(json ? JSON.writeValueAsString(report.asMap()) : report.plain());
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("eval failed: " + e.getMessage());
            return 1;
        }
    }

    private static EvalReport evaluate(List<JsonNode> history, List<JsonNode> labelled, PrintStream err) {
        MispostDetector detector = new MispostDetector();
        Map<AccountKey, VoiceProfile> voices = new HashMap<>();
        for (JsonNode line : history) {
            Post post = post(line);
            voices.merge(new AccountKey(post.platform(), post.accountId()), VoiceProfile.empty().learn(post),
                    (learned, ignored) -> learned.learn(post));
        }
        List<ScoredPost> scored = new ArrayList<>(labelled.size());
        Progress progress = new Progress(err, labelled.size());
        long nanos = 0;
        for (JsonNode line : labelled) {
            Post post = post(line);
            AccountKey key = new AccountKey(post.platform(), post.accountId());
            Account account = Account.watched(key, post.accountId());
            VoiceProfile voice = voices.getOrDefault(key, VoiceProfile.empty());
            long start = System.nanoTime();
            Assessment assessment = detector.assess(post, account, voice);
            nanos += System.nanoTime() - start;
            scored.add(new ScoredPost(text(line, "kind", "unknown"), "mispost".equals(text(line, "label", "")),
                    assessment.score(), assessment.alerts(account.policy().alertThreshold())));
            progress.step();
        }
        progress.done();
        double perSecond = nanos == 0 ? 0 : labelled.size() / (nanos / 1e9);
        return EvalReport.of(scored, AccountPolicy.DEFAULT_THRESHOLD, perSecond);
    }

    private static Post post(JsonNode line) {
        Platform platform = Platform.fromId(text(line, "platform", "generic")).orElse(Platform.GENERIC);
        String account = text(line, "account", null);
        String id = text(line, "id", null);
        // The message names the post, never its text.
        if (account == null || id == null) throw new IllegalArgumentException("a line lacks \"account\" or \"id\" (id " + id + ")");
        return new Post(platform, account, id, null, text(line, "text", ""), instant(text(line, "created_at", null)),
                null, null, null, List.of(), null, null);
    }

    private static Instant instant(String value) {
        if (value == null) return null;
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode line, String field, String fallback) {
        JsonNode value = line.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    private static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) lines.add(JSON.readTree(line));
        }
        return lines;
    }

    /** A one-line progress bar on stderr, redrawn every two percent. */
    private static final class Progress {
        private static final int WIDTH = 30;
        private final PrintStream err;
        private final int total;
        private int done;
        private int drawn = -1;

        Progress(PrintStream err, int total) {
            this.err = err;
            this.total = total;
        }

        void step() {
            done++;
            int percent = total == 0 ? 100 : done * 100 / total;
            if (percent / 2 != drawn / 2 || done == total) {
                drawn = percent;
                int filled = percent * WIDTH / 100;
                err.print("\rscoring [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + done + "/" + total);
                err.flush();
            }
        }

        void done() {
            err.println();
        }
    }
}
