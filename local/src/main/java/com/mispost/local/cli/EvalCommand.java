package com.mispost.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.account.Account;
import com.mispost.account.AccountPolicy;
import com.mispost.detection.Assessment;
import com.mispost.detection.DeploymentPrior;
import com.mispost.detection.MispostDetector;
import com.mispost.detection.PublicVoice;
import com.mispost.detection.VoiceProfile;
import com.mispost.detection.eval.EvalReport;
import com.mispost.detection.eval.ScoredPost;
import com.mispost.post.AccountKey;
import com.mispost.post.Post;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code mispost eval --history H.jsonl --posts P.jsonl [--replies R.jsonl] [--by-account-folds K [--fold-seed N]]
 * [--per-account] [--json]}: learns
 * each account's voice from its own posts in H as the detect function would (each post scored
 * before it is learned, which calibrates the account's threshold), learns the public's voice from
 * the replies in P to <em>other</em> accounts, scores every post in P without looking at its label,
 * and reports precision, recall, F1, false-positive rate and ROC AUC at the accounts' calibrated
 * thresholds, per kind too, with the scoring speed.
 *
 * <p>The public's voice of an account is never learned from that account's own posts in P: without
 * folds each account is scored with the replies of all the others; with {@code --by-account-folds K}
 * the accounts are split into K groups and each group with the replies of the other groups only,
 * so the figures are for accounts whose replies the model never saw. The accounts go round the
 * folds in name order; {@code --fold-seed N} shuffles them first, so that one can see how much a
 * figure owes to which accounts happened to share a fold.
 *
 * <p>With {@code --replies R} (the replies the accounts received, as a team exports them), each
 * account's public voice is learned from the replies to it in R, as a deployment keeps them, and
 * nothing in R is scored. The accounts' histories also teach the deployment's prior
 * ({@link DeploymentPrior}) that calibrates the thresholds of accounts with little history.
 * {@code --per-account} adds each account's false alerts and recall, worst first; the report always
 * gives the false alerts by how much history the accounts had.
 */
public final class EvalCommand {

    private static final String USAGE =
            "usage: mispost eval --history H.jsonl --posts P.jsonl [--replies R.jsonl] [--by-account-folds K [--fold-seed N]]"
                    + " [--per-account] [--json]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        CommandOptions options;
        int folds;
        Long seed = null;
        try {
            options = CommandOptions.parse(args, Set.of("--history", "--posts", "--replies", "--by-account-folds", "--fold-seed"),
                    Set.of("--json", "--per-account"));
            String k = options.value("--by-account-folds");
            folds = k == null ? 0 : Integer.parseInt(k);
            if (k != null && folds < 2) throw new NumberFormatException();
        } catch (CommandOptions.Usage usage) {
            return usage.answer(USAGE, out, err);
        } catch (NumberFormatException e) {
            err.println("--by-account-folds needs a number of folds, 2 or more");
            return 2;
        }
        String seedText = options.value("--fold-seed");
        if (seedText != null) {
            try {
                seed = Long.parseLong(seedText);
            } catch (NumberFormatException e) {
                err.println("--fold-seed needs a whole number");
                return 2;
            }
            if (folds == 0) {
                err.println("--fold-seed shuffles the folds of --by-account-folds K; give that too");
                return 2;
            }
        }
        String history = options.value("--history");
        String posts = options.value("--posts");
        boolean json = options.flag("--json");
        if (history == null || posts == null) {
            err.println(USAGE);
            return 2;
        }
        try {
            String replies = options.value("--replies");
            Evaluation evaluation = evaluate(LearningFiles.read(Path.of(history)), LearningFiles.read(Path.of(posts)),
                    replies == null ? null : LearningFiles.read(Path.of(replies)), folds, seed, err);
            boolean perAccount = options.flag("--per-account");
            if (json) {
                Map<String, Object> report = new LinkedHashMap<>(evaluation.report.asMap());
                if (perAccount) report.put("per_account", evaluation.report.accountsAsMaps());
                out.println(JSON.writeValueAsString(report));
            } else {
                out.print(evaluation.report.plain());
                out.print(evaluation.learning);
                if (perAccount) out.print(evaluation.report.accountsPlain());
            }
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("eval failed: " + e.getMessage());
            return 1;
        }
    }

    private record Evaluation(EvalReport report, String learning) {
    }

    private static Evaluation evaluate(List<JsonNode> history, List<JsonNode> labelled, List<JsonNode> replyLines, int folds, Long seed,
                                       PrintStream err) {
        MispostDetector detector = new MispostDetector();
        Map<AccountKey, List<Post>> own = LearningFiles.ownPosts(history);
        TreeSet<AccountKey> accounts = new TreeSet<>(Comparator.comparing(AccountKey::toString));
        accounts.addAll(own.keySet());
        for (JsonNode line : labelled) accounts.add(LearningFiles.key(line));
        List<AccountKey> order = new ArrayList<>(accounts);
        if (seed != null) Collections.shuffle(order, new Random(seed));
        Map<AccountKey, Integer> foldOf = new HashMap<>();
        int index = 0;
        for (AccountKey key : order) foldOf.put(key, folds == 0 ? index++ : index++ % folds);

        Map<AccountKey, PublicVoice> publics = new HashMap<>();
        Map<Integer, PublicVoice> byFold = new HashMap<>();
        for (AccountKey key : accounts) {
            int fold = foldOf.get(key);
            publics.put(key, replyLines != null ? LearningFiles.publicVoiceOf(replyLines, key)
                    : byFold.computeIfAbsent(fold, f -> LearningFiles.publicVoice(labelled, other -> foldOf.get(other) != f.intValue())));
        }
        DeploymentPrior prior = LearningFiles.deploymentPrior(detector, own, publics);
        Map<AccountKey, VoiceProfile> voices = new HashMap<>();
        for (AccountKey key : accounts) {
            voices.put(key, detector.learnOwnPosts(Account.watched(key, key.accountId()), VoiceProfile.empty(), publics.get(key), prior,
                    own.getOrDefault(key, List.of()), c -> { }));
        }
        // An account with no scores of its own alerts at the deployment's threshold.
        double deploymentThreshold = VoiceProfile.empty().alertThreshold(AccountPolicy.DEFAULT_THRESHOLD, prior);
        int raised = 0;
        double highest = deploymentThreshold;
        for (AccountKey key : accounts) {
            double threshold = voices.get(key).alertThreshold(AccountPolicy.DEFAULT_THRESHOLD, prior);
            if (threshold > deploymentThreshold) raised++;
            highest = Math.max(highest, threshold);
        }

        List<ScoredPost> scored = new ArrayList<>(labelled.size());
        Progress progress = new Progress(err, labelled.size());
        long nanos = 0;
        for (JsonNode line : labelled) {
            Post post = LearningFiles.post(line);
            AccountKey key = new AccountKey(post.platform(), post.accountId());
            Account account = Account.watched(key, post.accountId());
            VoiceProfile voice = voices.get(key);
            long start = System.nanoTime();
            Assessment assessment = detector.assess(post, account, voice, publics.get(key), prior);
            nanos += System.nanoTime() - start;
            double threshold = voice.alertThreshold(account.policy().alertThreshold(), prior);
            scored.add(new ScoredPost(key.toString(), voice.posts(), LearningFiles.text(line, "kind", "unknown"),
                    "mispost".equals(LearningFiles.text(line, "label", "")), assessment.score(), assessment.alerts(threshold)));
            progress.step();
        }
        progress.done();
        double perSecond = nanos == 0 ? 0 : labelled.size() / (nanos / 1e9);
        String publicVoice = replyLines != null
                ? "public's voice from the replies each account received (up to " + PublicVoice.SAMPLE_SIZE + ", --replies)"
                : "public's voice from up to " + PublicVoice.SAMPLE_SIZE + " replies (" + LearningFiles.REPLY_KIND + ") to accounts outside the fold";
        String learning = String.format(Locale.ROOT, "learning          %s; %s%n"
                        + "calibration       the deployment's threshold %.3f from %d held-out scores of its accounts' own posts;"
                        + " %d of %d accounts above it by their own (highest %.3f)%n",
                folds == 0 ? "each account its own fold"
                        : folds + " folds by account" + (seed == null ? "" : " (shuffled with seed " + seed + ")"), publicVoice,
                deploymentThreshold, prior.scores(), raised, accounts.size(), highest);
        return new Evaluation(EvalReport.of(scored, deploymentThreshold, perSecond), learning);
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
