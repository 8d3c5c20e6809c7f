package com.mispost.store.dynamodb;

import com.mispost.post.Platform;
import com.mispost.post.PostKey;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionKind;
import com.mispost.store.StreamedReaction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static com.mispost.store.dynamodb.Items.*;

/**
 * How reactions are laid out in the table: a marker per reaction (its identity: put once), the
 * words of a reply beside its post, and the counter items the markers' stream records add up to.
 * The capacity model (local bench viral-model) sizes its writes from these builders.
 */
public final class ReactionItems {
    /**
     * A post's reactions are spread over this many lanes: each lane's markers share a partition key
     * (so the stream delivers them in order, to one reader at a time) and add to counter items of
     * their own. A lane takes about 1,000 markers a second (DynamoDB's per-partition write limit).
     */
    public static final int COUNTER_SHARDS = 16;
    /** A post's replies are spread over this many partitions (and so stream shards), about 500 replies a second each. */
    public static final int REPLY_PARTITIONS = 8;
    /** Markers, replies' words and counts per minute expire after this; a post's totals stay with it. */
    public static final Duration RETENTION = Duration.ofDays(30);
    /** The words of a reply, kept with the post for the crowd's reading of it. */
    public static final String TYPE_REPLY = "REPLY";
    static final String TYPE_MARKER = "REACTION";
    static final String MARKER_PREFIX = "REACTION#";
    static final String COUNTS_PREFIX = "COUNTS#";
    static final String SK_TOTAL = "TOTAL";
    static final String MINUTE_PREFIX = "MINUTE#";
    static final String REPLY_PREFIX = "REPLY#";
    /** On a counter item: the stream position of the last marker it holds (40 digits, so text order is number order). */
    static final String MARK = "mark";
    private static final int MARK_DIGITS = 40;

    private ReactionItems() {
    }

    /** Which lane of its post a reaction falls in: the same one however often it is delivered. */
    static int shard(Reaction r) {
        return Math.floorMod((r.kind().id() + "#" + r.reactionId()).hashCode(), COUNTER_SHARDS);
    }

    /** A lane's counter items' partition key; also the lane's name on its markers. */
    static String counterPk(PostKey key, int shard) {
        return COUNTS_PREFIX + key + "#" + shard;
    }

    static Map<String, AttributeValue> markerKey(Reaction r) {
        return Map.of(PK, s(MARKER_PREFIX + r.target() + "#" + shard(r)), SK, s(r.kind().id() + "#" + r.reactionId()));
    }

    /** A reaction's identity, put only if absent; its stream record is what is counted. */
    static Map<String, AttributeValue> marker(Reaction r, Instant arrivedAt) {
        Map<String, AttributeValue> item = new HashMap<>(markerKey(r));
        item.put(TYPE, s(TYPE_MARKER));
        PostItems.names(item, r.target()); // the stream's reader reads the post from the item, not its key
        item.put("kind", s(r.kind().id()));
        item.put("lane", s(counterPk(r.target(), shard(r))));
        item.put("at", s(r.at().toString()));
        item.put("arrivedAt", s(arrivedAt.toString()));
        item.put(EXPIRES_AT, n(arrivedAt.plus(RETENTION).getEpochSecond()));
        return item;
    }

    /** A reply's words, on one of {@link #REPLY_PARTITIONS} partitions of its post. */
    static Map<String, AttributeValue> reply(Reaction r, Instant now) {
        int partition = Math.floorMod((r.kind().id() + "#" + r.reactionId()).hashCode(), REPLY_PARTITIONS);
        Map<String, AttributeValue> item = new HashMap<>(Map.of(PK, s(replyPk(r.target(), partition)),
                // Epoch milliseconds, zero-padded, sort as the times do (ISO texts of varying precision do not).
                SK, s(REPLY_PREFIX + String.format("%015d", r.at().toEpochMilli()) + "#" + r.kind().id() + "#" + r.reactionId())));
        item.put(TYPE, s(TYPE_REPLY));
        PostItems.names(item, r.target()); // the post it answers: a stream consumer reads it, not the key
        item.put("kind", s(r.kind().id()));
        item.put("reactionId", s(r.reactionId()));
        item.put("at", s(r.at().toString()));
        item.put("text", s(r.text()));
        // Personal data: kept only here, so that it expires with the reply.
        putIfPresent(item, "author", r.author());
        AuthorStandingAttributes.put(item, r.standing());
        item.put(EXPIRES_AT, n(now.plus(RETENTION).getEpochSecond()));
        return item;
    }

    /** Under the post's own key prefix, so that the detect function's filter for posts' records takes them. */
    static String replyPk(PostKey key, int partition) {
        return PostItems.pk(key) + "#" + partition;
    }

    static String minuteSk(Instant at) {
        return MINUTE_PREFIX + at.truncatedTo(ChronoUnit.MINUTES);
    }

    static String mark(BigInteger position) {
        String digits = position.toString();
        if (position.signum() < 0 || digits.length() > MARK_DIGITS) throw new IllegalArgumentException("not a stream position: " + digits);
        return "0".repeat(MARK_DIGITS - digits.length()) + digits;
    }

    /** Whether an item (or stream image) is a reaction's marker. */
    public static boolean isMarker(Map<String, AttributeValue> item) {
        return TYPE_MARKER.equals(str(item, TYPE));
    }

    /** The reaction a marker's stream image records; empty for any other item. */
    public static Optional<StreamedReaction> streamed(Map<String, AttributeValue> image, String sequenceNumber) {
        if (!TYPE_MARKER.equals(str(image, TYPE)) || sequenceNumber == null) return Optional.empty();
        Optional<Platform> platform = Platform.fromId(str(image, "platform"));
        Optional<ReactionKind> kind = ReactionKind.fromId(str(image, "kind"));
        String account = str(image, "accountId");
        String post = str(image, "postId");
        String lane = str(image, "lane");
        if (platform.isEmpty() || kind.isEmpty() || account == null || post == null || lane == null
                || str(image, "at") == null || str(image, "arrivedAt") == null) return Optional.empty();
        return Optional.of(new StreamedReaction(new PostKey(platform.get(), account, post), kind.get(),
                instant(image, "at"), instant(image, "arrivedAt"), lane, new BigInteger(sequenceNumber)));
    }
}
