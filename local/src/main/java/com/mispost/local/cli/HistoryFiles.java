package com.mispost.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.post.AccountKey;
import com.mispost.post.Post;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An account's own posts and the replies it received, read from what a team can export: X's
 * archive ({@code data/tweets.js}, a script that assigns a JSON array) or JSON lines
 * ({@code {"id","text","created_at"}}, optionally {@code "client"} and {@code "account"}). Retweets
 * are left out (they are someone else's words), and so are lines of another account.
 */
final class HistoryFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** X archive times: "Wed Oct 10 20:19:24 +0000 2018". */
    private static final DateTimeFormatter X_TIME = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT);
    /** The client's name inside X's "source" anchor. */
    private static final Pattern ANCHOR_TEXT = Pattern.compile(">([^<]*)<");

    /** One text with its id: a post's or a reply's. */
    record Text(String id, String text, Instant createdAt, String client) {
    }

    private HistoryFiles() {
    }

    /** The account's own posts in the file, oldest first (the order they are learned in). */
    static List<Post> posts(Path file, AccountKey account) throws IOException {
        List<Post> posts = new ArrayList<>();
        for (Text t : read(file, account)) {
            if (t.text().startsWith("RT @")) continue;
            posts.add(new Post(account.platform(), account.accountId(), t.id(), null, t.text(), t.createdAt(), t.client(),
                    null, null, List.of(), null, null));
        }
        posts.sort(Comparator.comparing(Post::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())));
        return posts;
    }

    /** The replies the account received, as JSON lines. */
    static List<Text> replies(Path file, AccountKey account) throws IOException {
        return read(file, account);
    }

    private static List<Text> read(Path file, AccountKey account) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        String start = content.stripLeading();
        if (start.startsWith("window.YTD.") || start.startsWith("[")) return archive(content, file);
        List<Text> texts = new ArrayList<>();
        int number = 0;
        for (String line : content.split("\n")) {
            number++;
            if (line.isBlank()) continue;
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                throw new IllegalArgumentException(file + " line " + number + " is not JSON (X's data/tweets.js or JSON lines expected)");
            }
            String owner = value(node, "account");
            if (owner != null && !owner.equalsIgnoreCase(account.accountId())) continue;
            String id = value(node, "id");
            String text = value(node, "text");
            if (id == null || text == null) {
                throw new IllegalArgumentException(file + " line " + number + " needs \"id\" and \"text\"");
            }
            texts.add(new Text(id, text, isoTime(value(node, "created_at")), value(node, "client")));
        }
        return texts;
    }

    /** X's archive: {@code window.YTD.tweets.part0 = [{"tweet": {...}}, ...]}. */
    private static List<Text> archive(String content, Path file) throws IOException {
        int open = content.indexOf('[');
        JsonNode array;
        try {
            array = JSON.readTree(content.substring(open));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " looks like X's archive but its array is not JSON");
        }
        List<Text> texts = new ArrayList<>();
        for (JsonNode entry : array) {
            JsonNode tweet = entry.has("tweet") ? entry.get("tweet") : entry;
            String id = value(tweet, "id_str") != null ? value(tweet, "id_str") : value(tweet, "id");
            String text = value(tweet, "full_text") != null ? value(tweet, "full_text") : value(tweet, "text");
            if (id == null || text == null) throw new IllegalArgumentException(file + " has a tweet without id_str or full_text");
            texts.add(new Text(id, text, xTime(value(tweet, "created_at")), client(value(tweet, "source"))));
        }
        return texts;
    }

    private static String client(String source) {
        if (source == null) return null;
        Matcher m = ANCHOR_TEXT.matcher(source);
        return m.find() ? m.group(1) : source;
    }

    private static Instant xTime(String value) {
        if (value == null) return null;
        try {
            return ZonedDateTime.parse(value, X_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return isoTime(value);
        }
    }

    private static Instant isoTime(String value) {
        if (value == null) return null;
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String value(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
