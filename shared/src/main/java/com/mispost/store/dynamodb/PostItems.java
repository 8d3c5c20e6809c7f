package com.mispost.store.dynamodb;

import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.post.PostKey;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static com.mispost.store.dynamodb.Items.*;

/** How a post is laid out in the table; also reads the post images that DynamoDB Streams deliver. */
public final class PostItems {
    public static final String TYPE_POST = "POST";
    /** An edit of a stored post: same attributes, the edited text, one item per edit time. */
    public static final String TYPE_EDIT = "EDIT";
    static final String SK_POST = "POST";
    /** What became of a post (its deletion). */
    static final String SK_STATUS = "STATUS";

    private PostItems() {
    }

    static String pk(PostKey key) {
        return "POST#" + key;
    }

    static Map<String, AttributeValue> key(PostKey key, String sk) {
        return Map.of(PK, s(pk(key)), SK, s(sk));
    }

    static Map<String, AttributeValue> item(Post post, java.time.Instant receivedAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(post.key(), SK_POST));
        item.put(TYPE, s(TYPE_POST));
        names(item, post.key());
        item.put("text", s(post.text()));
        item.put("createdAt", s(post.createdAt() == null ? receivedAt.toString() : post.createdAt().toString()));
        item.put("receivedAt", s(receivedAt.toString()));
        putIfPresent(item, "author", post.author());
        putIfPresent(item, "client", post.client());
        putIfPresent(item, "replyTo", post.replyTo());
        putIfPresent(item, "quoteOf", post.quoteOf());
        putIfPresent(item, "language", post.language());
        putIfPresent(item, "permalink", post.permalink());
        if (!post.mediaTypes().isEmpty()) item.put("media", list(post.mediaTypes()));
        return item;
    }

    /** Names the post an item is about outright (platform, account, post), so no reader parses a key. */
    static void names(Map<String, AttributeValue> item, PostKey key) {
        item.put("platform", s(key.platform().id()));
        item.put("accountId", s(key.accountId()));
        item.put("postId", s(key.postId()));
    }

    /** Whether a stream image is an edit rather than a first publication. */
    public static boolean isEdit(Map<String, AttributeValue> item) {
        return TYPE_EDIT.equals(str(item, TYPE));
    }

    /** Whether a stream image is a reply's words kept with its post. */
    public static boolean isReply(Map<String, AttributeValue> item) {
        return ReactionItems.TYPE_REPLY.equals(str(item, TYPE));
    }

    /** The post a reply item is kept with (see DynamoDbPostStore#replies); empty for any other item. */
    public static Optional<PostKey> replyTarget(Map<String, AttributeValue> item) {
        String account = str(item, "accountId");
        String post = str(item, "postId");
        if (!isReply(item) || account == null || post == null) return Optional.empty();
        return Platform.fromId(str(item, "platform")).map(platform -> new PostKey(platform, account, post));
    }

    /** Reads a post or edit item (from GetItem or a stream's NewImage). */
    public static Post fromItem(Map<String, AttributeValue> item) {
        return new Post(
                Platform.fromId(str(item, "platform")).orElseThrow(() ->
                        new IllegalArgumentException("post item without a known platform: " + str(item, PK))),
                str(item, "accountId"),
                str(item, "postId"),
                str(item, "author"),
                str(item, "text"),
                instant(item, "createdAt"),
                str(item, "client"),
                str(item, "replyTo"),
                str(item, "quoteOf"),
                strings(item, "media"),
                str(item, "language"),
                str(item, "permalink"));
    }
}
