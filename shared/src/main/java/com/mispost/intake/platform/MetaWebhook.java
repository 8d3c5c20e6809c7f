package com.mispost.intake.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.mispost.intake.DeliveryJson;
import com.mispost.intake.InboundEvent;
import com.mispost.intake.MalformedDeliveryException;
import com.mispost.intake.ParsedDelivery;
import com.mispost.intake.PlatformWebhook;
import com.mispost.intake.SignatureVerifier;
import com.mispost.intake.WebhookRequest;
import com.mispost.intake.WebhookResponse;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.post.PostKey;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionKind;
import com.mispost.secrets.SecretSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Meta Graph webhooks: Facebook Pages {@code feed} ({@code object: "page"}) and Instagram
 * {@code comments} ({@code object: "instagram"}).
 *
 * <p>Handshake: {@code GET ?hub.mode=subscribe&hub.verify_token=V&hub.challenge=C} is answered
 * with C as text/plain when V matches the configured verify token, else 403. Signature:
 * {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>}.
 *
 * <p>What the page itself does (posts, statuses, photos, and its own comments, which are content
 * published as the brand just the same) becomes PostPublished, PostEdited ({@code edited}) or
 * PostDeleted ({@code remove}, {@code hide}); comments, likes, reactions and shares by others on
 * a page post become reactions against it. "The page itself" means Meta names it: {@code from.id}
 * (or the older {@code sender_id}) equal to the page's id, {@code entry.id}; a change that names
 * no one is someone else's (Meta omits {@code from} for people who have not authorised the app).
 * On Instagram likewise: a comment is the account's own only when {@code from.id} is the account.
 * Mentions of the page in other people's posts are acknowledged and ignored: they react to no
 * post of the page.
 */
public final class MetaWebhook implements PlatformWebhook {
    public static final String SECRET = "webhook/meta";
    public static final String VERIFY_TOKEN_SECRET = "meta/verify-token";
    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

    private static final Set<String> POST_ITEMS = Set.of("status", "post", "photo", "video", "share", "album", "event");

    /**
     * Meta's challenges are numbers. The answer echoes the challenge, unsigned, only after the
     * verify token matched; still, echo nothing wider than Meta sends, so that the endpoint
     * never reflects markup or a body of someone else's choosing.
     */
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final Clock clock;

    public MetaWebhook() {
        this(Clock.systemUTC());
    }

    /** @param clock stands in for the time of a change when Meta does not say it. */
    public MetaWebhook(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Platform platform() {
        return Platform.META;
    }

    @Override
    public WebhookResponse handshake(WebhookRequest request, SecretSource secrets) {
        String mode = request.queryParam("hub.mode").orElse("");
        String challenge = request.queryParam("hub.challenge").orElse("");
        if (!mode.equals("subscribe") || !CHALLENGE.matcher(challenge).matches()) {
            return WebhookResponse.error(400,
                    "expected Meta's verification request: hub.mode=subscribe, hub.verify_token and hub.challenge"
                            + " (1 to 128 letters, digits, _ or -)");
        }
        byte[] given = request.queryParam("hub.verify_token").orElse("").getBytes(StandardCharsets.UTF_8);
        byte[] expected = secrets.require(VERIFY_TOKEN_SECRET).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, expected)) {
            return WebhookResponse.error(403, "hub.verify_token does not match the configured verify token");
        }
        return new WebhookResponse(200, "text/plain", challenge);
    }

    @Override
    public boolean verify(WebhookRequest request, SecretSource secrets) {
        return SignatureVerifier.verifyHex(secrets.require(SECRET), request.body(),
                request.header(SIGNATURE_HEADER).orElse(null));
    }

    @Override
    public ParsedDelivery parse(byte[] body) throws MalformedDeliveryException {
        JsonNode root = DeliveryJson.read(body);
        JsonNode entries = root.path("entry");
        if (!entries.isArray()) {
            throw new MalformedDeliveryException("not a Meta delivery: expected {\"object\": ..., \"entry\": [...]}");
        }
        String object = Objects.requireNonNullElse(Fields.str(root, "object"), "page");
        DeliveryCollector out = new DeliveryCollector();
        if (!object.equals("page") && !object.equals("instagram")) {
            out.ignore("object '" + DeliveryJson.shorten(object) + "' is not one Mispost reads (page, instagram)");
            return out.build();
        }
        if (entries.isEmpty()) out.ignore("'entry' is empty");
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String where = "entry[" + i + "]";
            if (!entry.isObject()) {
                out.reject(where + ": must be a JSON object");
                continue;
            }
            String account = Fields.str(entry, "id");
            if (account == null) {
                out.reject(where + ": missing field 'id'");
                continue;
            }
            Instant entryTime;
            try {
                entryTime = Fields.epochSecondsOrIso(entry.path("time"), where + ".time");
            } catch (MalformedDeliveryException bad) {
                out.reject(bad.getMessage());
                continue;
            }
            JsonNode changes = entry.path("changes");
            if (!changes.isArray()) {
                out.ignore(where + (entry.has("messaging") ? ": Messenger events are not read" : ": no 'changes'"));
                continue;
            }
            for (int j = 0; j < changes.size(); j++) {
                JsonNode change = changes.get(j);
                String w = where + ".changes[" + j + "]";
                out.entry(into -> {
                    if (!change.isObject()) throw new MalformedDeliveryException(w + ": must be a JSON object");
                    String field = Objects.requireNonNullElse(Fields.str(change, "field"), "");
                    JsonNode value = Fields.object(change, "value", w);
                    if (object.equals("instagram")) instagram(field, value, account, entryTime, w + ".value", into);
                    else page(field, value, account, entryTime, w + ".value", into);
                });
            }
        }
        return out.build();
    }

    private void page(String field, JsonNode v, String page, Instant entryTime, String where, DeliveryCollector into)
            throws MalformedDeliveryException {
        if (!field.equals("feed")) {
            into.ignore(where + ": field '" + DeliveryJson.shorten(field) + "'"
                    + (field.equals("mention") ? " (a mention of the page in another post) is not a reaction to a page post"
                    : " is not one Mispost reads"));
            return;
        }
        String item = Fields.require(v, "item", where);
        String verb = Fields.require(v, "verb", where);
        String postId = Fields.require(v, "post_id", where);
        String from = Fields.str(v, "from", "id");
        if (from == null) from = Fields.str(v, "sender_id");
        // Who wrote it is what Meta says (from.id; sender_id before 2017), never a post id's prefix: visitors' posts
        // and every comment on the page's posts carry the page's id too. Meta leaves 'from' out for people who have
        // not authorised the app, so an item that does not name the page is someone else's.
        boolean own = page.equals(from);
        Instant created = Fields.epochSecondsOrIso(v.path("created_time"), where + ".created_time");
        Instant changed = entryTime != null ? entryTime : created != null ? created : clock.instant();
        if (created == null) created = changed;
        // A post is added once; later changes are told apart by when they happened.
        String time = String.valueOf((verb.equals("add") ? created : changed).getEpochSecond());

        if (item.equals("comment")) {
            String commentId = Fields.require(v, "comment_id", where);
            String key = InboundEvent.key(Platform.META, page, "comment", commentId, verb, time);
            if (own) {
                String replyTo = Objects.requireNonNullElse(Fields.str(v, "parent_id"), postId);
                Post post = post(v, page, commentId, postId, created, replyTo, null, List.of());
                ownChange(post, verb, changed, key, where, into);
            } else if (verb.equals("add")) {
                into.add(new InboundEvent.ReactionReceived(new Reaction(
                        new PostKey(Platform.META, page, postId), ReactionKind.COMMENT, commentId, created, Fields.str(v, "message"),
                        from), key));
            } else {
                into.ignore(where + ": a comment by someone else was " + verb + "; only new comments are counted");
            }
            return;
        }
        if (item.equals("like") || item.equals("reaction")) {
            if (own) {
                into.ignore(where + ": the page's own " + item + " is not a public reaction");
            } else if (!verb.equals("add")) {
                into.ignore(where + ": a " + item + " " + verb + " is not counted (reactions are counted as they are added)");
            } else {
                if (from == null) {
                    // Nothing to count it once by: a redelivery would count it again.
                    into.ignore(where + ": a " + item + " that names no one (no 'from.id') cannot be counted once");
                    return;
                }
                String reactionId = from + ":" + postId;
                into.add(new InboundEvent.ReactionReceived(new Reaction(
                        new PostKey(Platform.META, page, postId), ReactionKind.LIKE, reactionId, created, null, from),
                        InboundEvent.key(Platform.META, page, item, postId, verb, from, time)));
            }
            return;
        }
        if (!POST_ITEMS.contains(item)) {
            into.ignore(where + ": item '" + DeliveryJson.shorten(item) + "' is not one Mispost reads");
            return;
        }
        String key = InboundEvent.key(Platform.META, page, "post", postId, verb, time);
        if (own) {
            JsonNode published = v.path("published");
            if (!published.isMissingNode() && !published.isNull() && !Fields.isTrue(published)) {
                into.ignore(where + ": post " + postId + " is not published yet (scheduled or draft)");
                return;
            }
            ownChange(post(v, page, postId, postId, created, null, Fields.str(v, "share_id"), media(item, v)), verb, changed, key,
                    where, into);
        } else if (item.equals("share") && verb.equals("add") && Fields.str(v, "parent_id") != null) {
            String target = Fields.str(v, "parent_id");
            into.add(new InboundEvent.ReactionReceived(new Reaction(
                    new PostKey(Platform.META, page, target), ReactionKind.SHARE, postId, created, null, from), key));
        } else {
            into.ignore(where + ": a " + item + (from == null ? " that does not name its author" : " by someone else")
                    + " on the page is not the page's post nor a reaction to one");
        }
    }

    private static void ownChange(Post post, String verb, Instant changed, String key, String where, DeliveryCollector into) {
        switch (verb) {
            case "add", "unhide" -> into.add(new InboundEvent.PostPublished(post, key));
            case "edited", "edit" -> into.add(new InboundEvent.PostEdited(post, changed, key));
            case "remove", "hide", "delete" -> into.add(new InboundEvent.PostDeleted(post.key(), changed, key));
            default -> into.ignore(where + ": verb '" + DeliveryJson.shorten(verb) + "' is not one Mispost reads");
        }
    }

    private void instagram(String field, JsonNode v, String account, Instant entryTime, String where,
                           DeliveryCollector into) throws MalformedDeliveryException {
        if (!field.equals("comments")) {
            into.ignore(where + ": field '" + DeliveryJson.shorten(field) + "'"
                    + (field.equals("mentions") ? " (a mention of the account elsewhere) is not a reaction to its post"
                    : " is not one Mispost reads"));
            return;
        }
        String commentId = Fields.require(v, "id", where);
        String mediaId = Fields.str(v, "media", "id");
        if (mediaId == null) throw new MalformedDeliveryException(where + ": missing field 'media.id'");
        Instant at = entryTime != null ? entryTime : clock.instant();
        String key = InboundEvent.key(Platform.META, account, "comment", commentId, "add");
        String from = Fields.str(v, "from", "id");
        if (account.equals(from)) {
            String replyTo = Objects.requireNonNullElse(Fields.str(v, "parent_id"), mediaId);
            into.add(new InboundEvent.PostPublished(new Post(Platform.META, account, commentId, null,
                    Objects.requireNonNullElse(Fields.str(v, "text"), ""), at, null, replyTo, null, List.of(),
                    null, null), key));
        } else {
            into.add(new InboundEvent.ReactionReceived(new Reaction(
                    new PostKey(Platform.META, account, mediaId), ReactionKind.COMMENT, commentId, at, Fields.str(v, "text"), from), key));
        }
    }

    /** @param shownOn the post a reader opens to see it: the post itself, or the post a comment is on */
    private static Post post(JsonNode v, String page, String id, String shownOn, Instant created, String replyTo,
                             String quoteOf, List<String> media) {
        String permalink = Fields.str(v, "post", "permalink_url");
        return new Post(Platform.META, page, id, null, Objects.requireNonNullElse(Fields.str(v, "message"), ""),
                created, null, replyTo, quoteOf, media, null,
                permalink != null ? permalink : "https://www.facebook.com/" + shownOn);
    }

    private static List<String> media(String item, JsonNode v) {
        List<String> out = new ArrayList<>();
        if (item.equals("photo") || item.equals("video")) out.add(item);
        for (JsonNode photo : Fields.elements(v, "photos")) out.add("photo");
        if (out.isEmpty() && Fields.str(v, "photo") != null) out.add("photo");
        if (out.isEmpty() && Fields.str(v, "video") != null) out.add("video");
        return out;
    }
}
