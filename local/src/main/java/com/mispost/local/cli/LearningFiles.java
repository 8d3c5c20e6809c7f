package com.mispost.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.account.Account;
import com.mispost.detection.DeploymentPrior;
import com.mispost.detection.MispostDetector;
import com.mispost.detection.PublicVoice;
import com.mispost.detection.VoiceProfile;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What {@code eval} and {@code train} learn from, read from JSON-lines files the way a deployment
 * receives it: an account's own posts (its history, in order), and a sample of replies people
 * send to brands. Lines are {@code {"id","platform","account","created_at","text"}}; in a
 * labelled file also {@code "label"} and {@code "kind"}.
 */
final class LearningFiles {

    /**
     * The kind of labelled post that stands for the public's replies: customers' own posts
     * addressed to a brand. A deployment receives exactly these as replies and comments.
     */
    static final String REPLY_KIND = "personal-to-brand";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LearningFiles() {
    }

    static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) lines.add(JSON.readTree(line));
        }
        return lines;
    }

    /** Each account's own posts, in file order (which is the order they were posted in). */
    static Map<AccountKey, List<Post>> ownPosts(List<JsonNode> history) {
        Map<AccountKey, List<Post>> own = new LinkedHashMap<>();
        for (JsonNode line : history) {
            Post post = post(line);
            own.computeIfAbsent(new AccountKey(post.platform(), post.accountId()), k -> new ArrayList<>()).add(post);
        }
        return own;
    }

    /**
     * The public's voice learned from the replies in these lines (lines of {@link #REPLY_KIND}, or
     * every line of a file without kinds) to the accounts {@code learnFrom} accepts, sampled evenly
     * to at most {@link PublicVoice#SAMPLE_SIZE}, as a deployment keeps them.
     */
    static PublicVoice publicVoice(List<JsonNode> lines, Predicate<AccountKey> learnFrom) {
        return PublicVoice.of(replies(lines, learnFrom));
    }

    /**
     * The public's voice of one account from a file of the replies it received ({@code --replies}):
     * the lines addressed to that account, as the deployment keeps them, never scored.
     */
    static PublicVoice publicVoiceOf(List<JsonNode> replyLines, AccountKey account) {
        return publicVoice(replyLines, account::equals);
    }

    /**
     * What a deployment of these accounts learns together from their own posts, as at run time once
     * they have all arrived: their marks of style, a sample of them (evenly spread, at most
     * {@link PublicVoice#SAMPLE_SIZE}), and the held-out scores each got as its account learned it
     * against those.
     */
    static DeploymentPrior deploymentPrior(MispostDetector detector, Map<AccountKey, List<Post>> own, Map<AccountKey, PublicVoice> publics) {
        List<String> texts = new ArrayList<>();
        DeploymentPrior styles = DeploymentPrior.empty();
        for (List<Post> posts : own.values()) {
            for (Post post : posts) {
                texts.add(post.text());
                styles = styles.with(DeploymentPrior.contribution(post, VoiceProfile.empty(), Double.NaN));
            }
        }
        PublicVoice sample = PublicVoice.of(evenly(texts));
        DeploymentPrior before = styles.withOwnPosts(sample);
        long[] bins = new long[DeploymentPrior.BINS];
        for (Map.Entry<AccountKey, List<Post>> account : own.entrySet()) {
            AccountKey key = account.getKey();
            detector.learnOwnPosts(Account.watched(key, key.accountId()), VoiceProfile.empty(), publics.getOrDefault(key, PublicVoice.empty()),
                    before, account.getValue(), c -> {
                        if (c.bin() >= 0) bins[c.bin()]++;
                    });
        }
        return DeploymentPrior.of(before.posts(), before.styleCounts(), bins, sample);
    }

    private static List<String> evenly(List<String> texts) {
        int step = Math.max(1, texts.size() / PublicVoice.SAMPLE_SIZE);
        List<String> sample = new ArrayList<>(PublicVoice.SAMPLE_SIZE);
        for (int i = 0; i < texts.size() && sample.size() < PublicVoice.SAMPLE_SIZE; i += step) sample.add(texts.get(i));
        return sample;
    }

    /** The reply texts {@link #publicVoice} learns from. */
    static List<String> replies(List<JsonNode> lines, Predicate<AccountKey> learnFrom) {
        List<String> replies = new ArrayList<>();
        for (JsonNode line : lines) {
            String kind = text(line, "kind", null);
            if (kind != null && !kind.equals(REPLY_KIND)) continue;
            if (learnFrom.test(key(line))) replies.add(text(line, "text", ""));
        }
        return evenly(replies);
    }

    static AccountKey key(JsonNode line) {
        Platform platform = Platform.fromId(text(line, "platform", "generic")).orElse(Platform.GENERIC);
        String account = text(line, "account", null);
        // The message names the post, never its text.
        if (account == null) throw new IllegalArgumentException("a line lacks \"account\" (id " + text(line, "id", null) + ")");
        return new AccountKey(platform, account);
    }

    static Post post(JsonNode line) {
        AccountKey key = key(line);
        String id = text(line, "id", null);
        if (id == null) throw new IllegalArgumentException("a line of account " + key.accountId() + " lacks \"id\"");
        return new Post(key.platform(), key.accountId(), id, null, text(line, "text", ""), instant(text(line, "created_at", null)),
                null, null, null, List.of(), null, null);
    }

    static String text(JsonNode line, String field, String fallback) {
        JsonNode value = line.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    private static Instant instant(String value) {
        if (value == null) return null;
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
