package com.mispost.intake;

import com.mispost.post.Post;
import com.mispost.post.PostKey;
import com.mispost.post.Reaction;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * What one event may hold so that it always fits the table: DynamoDB refuses a partition key over
 * 2,048 bytes, a sort key over 1,024 and an item over 400 KB, and a refusal would be answered 503 and
 * retried forever. Ids are far below these on every platform (X's are 19 digits, LinkedIn's URNs
 * under 100 characters); a post's text is stored in the post item and again, JSON-escaped, in its
 * incident, so it is counted as stored. An event over a limit is rejected with what is too long.
 */
public final class EventLimits {
    public static final int MAX_ID_BYTES = 256;
    public static final int MAX_TEXT_BYTES = 64 * 1024;
    public static final int MAX_FIELD_BYTES = 2048;
    public static final int MAX_MEDIA = 50;

    private EventLimits() {
    }

    /** What in the event is over a limit, for the sender; empty when it fits. */
    public static Optional<String> problem(InboundEvent event) {
        String problem;
        if (event instanceof InboundEvent.PostPublished p) problem = post(p.post());
        else if (event instanceof InboundEvent.PostEdited e) problem = post(e.post());
        else if (event instanceof InboundEvent.ReactionReceived r) problem = reaction(r.reaction());
        else if (event instanceof InboundEvent.PostDeleted d) problem = key(d.post());
        else problem = null;
        return Optional.ofNullable(problem);
    }

    private static String post(Post post) {
        String problem = key(post.key());
        if (problem == null) problem = over("reply_to", post.replyTo(), MAX_ID_BYTES);
        if (problem == null) problem = over("quote_of", post.quoteOf(), MAX_ID_BYTES);
        if (problem == null) problem = over("author", post.author(), MAX_FIELD_BYTES);
        if (problem == null) problem = over("client", post.client(), MAX_FIELD_BYTES);
        if (problem == null) problem = over("lang", post.language(), MAX_FIELD_BYTES);
        if (problem == null) problem = over("url", post.permalink(), MAX_FIELD_BYTES);
        if (problem == null) problem = text(post.text());
        if (problem == null) problem = media(post.mediaTypes());
        return problem == null ? null : "post '" + DeliveryJson.shorten(post.postId()) + "': " + problem;
    }

    private static String reaction(Reaction reaction) {
        String problem = key(reaction.target());
        if (problem == null) problem = over("id", reaction.reactionId(), MAX_ID_BYTES);
        if (problem == null) problem = over("author", reaction.author(), MAX_ID_BYTES);
        // A reply's words are kept with its post: an item over 400 KB would fail the whole delivery for ever.
        if (problem == null) problem = text(reaction.text());
        return problem == null ? null : "reaction '" + DeliveryJson.shorten(reaction.reactionId()) + "': " + problem;
    }

    /** A post's text or a reply's words, counted as stored; null (none) fits. */
    private static String text(String text) {
        if (text == null) return null;
        int bytes = storedBytes(text);
        return bytes <= MAX_TEXT_BYTES ? null : "its text is " + bytes + " bytes as stored; the limit is " + MAX_TEXT_BYTES + " bytes";
    }

    private static String key(PostKey key) {
        String problem = over("account", key.accountId(), MAX_ID_BYTES);
        return problem != null ? problem : over("id", key.postId(), MAX_ID_BYTES);
    }

    private static String media(List<String> media) {
        if (media.size() > MAX_MEDIA) return "it has " + media.size() + " media; the limit is " + MAX_MEDIA;
        for (String m : media) {
            String problem = over("media", m, MAX_ID_BYTES);
            if (problem != null) return problem;
        }
        return null;
    }

    private static String over(String field, String value, int limit) {
        if (value == null) return null;
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        return bytes <= limit ? null : "'" + field + "' is " + bytes + " bytes; the limit is " + limit + " bytes";
    }

    /** UTF-8 bytes, with the escapes JSON adds: 6 bytes for a control character, 2 for a quote or backslash. */
    static int storedBytes(String text) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) bytes += 5;
            else if (c == '"' || c == '\\') bytes += 1;
        }
        return bytes;
    }
}
