package com.mispost.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.account.Account;
import com.mispost.detection.DeploymentPrior;
import com.mispost.detection.MispostDetector;
import com.mispost.detection.PublicVoice;
import com.mispost.detection.VoiceProfile;
import com.mispost.post.AccountKey;
import com.mispost.post.Post;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code mispost train --history H.jsonl --replies R.jsonl [--account NAME] [--json]}: learns what
 * a deployment learns at run time, from files, so that it can be inspected: each account's voice
 * from its own posts in H (each scored before it is learned, which calibrates its threshold, as
 * all the accounts' scores together calibrate the deployment's) and
 * the public's voice from the replies to that account in R (lines of kind {@code personal-to-brand}
 * in a labelled file, every line otherwise). Nothing learned ships in the artifact, so there is
 * nothing for this command to write into it: it prints what each account learned.
 */
public final class TrainCommand {

    private static final String USAGE = "usage: mispost train --history H.jsonl --replies R.jsonl [--account NAME] [--json]";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WORDS_SHOWN = 8;

    private TrainCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        CommandOptions options;
        try {
            options = CommandOptions.parse(args, Set.of("--history", "--replies", "--account"), Set.of("--json"));
        } catch (CommandOptions.Usage usage) {
            return usage.answer(USAGE, out, err);
        }
        String history = options.value("--history");
        String replies = options.value("--replies");
        String only = options.value("--account");
        boolean json = options.flag("--json");
        if (history == null || replies == null) {
            err.println(USAGE);
            return 2;
        }
        try {
            List<JsonNode> replyLines = LearningFiles.read(Path.of(replies));
            Map<AccountKey, List<Post>> own = LearningFiles.ownPosts(LearningFiles.read(Path.of(history)));
            TreeSet<AccountKey> accounts = new TreeSet<>(Comparator.comparing(AccountKey::toString));
            for (AccountKey key : own.keySet()) {
                if (only == null || key.accountId().equals(only)) accounts.add(key);
            }
            if (accounts.isEmpty()) {
                err.println("no posts of " + (only == null ? "any account" : only) + " in " + history);
                return 1;
            }
            MispostDetector detector = new MispostDetector();
            // What the deployment learns from all its accounts together.
            Map<AccountKey, PublicVoice> publics = new LinkedHashMap<>();
            for (AccountKey key : own.keySet()) publics.put(key, PublicVoice.of(LearningFiles.replies(replyLines, key::equals)));
            DeploymentPrior prior = LearningFiles.deploymentPrior(detector, own, publics);
            List<Map<String, Object>> learned = new ArrayList<>();
            for (AccountKey key : accounts) {
                List<String> texts = LearningFiles.replies(replyLines, key::equals);
                VoiceProfile voice = detector.learnOwnPosts(Account.watched(key, key.accountId()), VoiceProfile.empty(), publics.get(key),
                        prior, own.get(key), c -> { });
                learned.add(summary(key, Account.watched(key, key.accountId()), voice, prior, publics.get(key), own.get(key), texts));
            }
            if (json) {
                out.println(JSON.writeValueAsString(Map.of("accounts", learned, "ships", "nothing")));
            } else {
                for (Map<String, Object> account : learned) out.print(plain(account));
                out.println("Nothing learned ships in the artifact: each deployment learns this at run time from its own");
                out.println("accounts' posts and the replies they receive. This command learns the same from files, to inspect it.");
            }
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("train failed: " + e.getMessage());
            return 1;
        }
    }

    private static Map<String, Object> summary(AccountKey key, Account account, VoiceProfile voice, DeploymentPrior prior,
                                               PublicVoice people, List<Post> own, List<String> replies) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("account", key.toString());
        s.put("own_posts", voice.posts());
        s.put("replies", people.texts());
        s.put("calibration_scores", voice.calibrationScores());
        s.put("threshold", Math.round(voice.alertThreshold(account.policy().alertThreshold(), prior) * 10000) / 10000.0);
        s.put("voice_bytes", voice.encode().getBytes(StandardCharsets.UTF_8).length);
        // The words that lean furthest either way: what the contrast learned.
        s.put("own_voice_words", leaningWords(own.stream().map(Post::text).toList(), voice, people, -1));
        s.put("public_voice_words", leaningWords(replies, voice, people, 1));
        return s;
    }

    /** The words of these texts that lean furthest to one side (1: the public's, -1: the account's own). */
    private static List<String> leaningWords(List<String> texts, VoiceProfile voice, PublicVoice people, int side) {
        if (people.texts() == 0) return List.of();
        TreeSet<String> words = new TreeSet<>();
        for (String text : texts) {
            for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}']+")) {
                if (word.length() >= 3) words.add(word);
            }
        }
        List<Map.Entry<String, Double>> leanings = new ArrayList<>();
        for (String word : words) leanings.add(Map.entry(word, side * MispostDetector.leaning(word, voice, people)));
        leanings.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        return leanings.stream().limit(WORDS_SHOWN).map(Map.Entry::getKey).toList();
    }

    private static String plain(Map<String, Object> s) {
        return String.format(Locale.ROOT, "%s: %d own posts, %d replies, threshold %.2f (from %d held-out scores), voice item %,d bytes%n"
                        + "  words of its own voice:    %s%n  words nearer the public's: %s%n",
                s.get("account"), (Integer) s.get("own_posts"), (Integer) s.get("replies"), (Double) s.get("threshold"),
                (Integer) s.get("calibration_scores"), (Integer) s.get("voice_bytes"),
                String.join(", ", castList(s.get("own_voice_words"))), String.join(", ", castList(s.get("public_voice_words"))));
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object list) {
        return (List<String>) list;
    }
}
