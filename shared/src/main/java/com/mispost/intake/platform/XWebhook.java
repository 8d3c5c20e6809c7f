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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * X webhooks, in both envelopes X delivers:
 * <ul>
 *   <li>Account Activity ({@code for_user_id} with {@code tweet_create_events},
 *   {@code favorite_events}, {@code tweet_delete_events}; v1.1 tweet objects);</li>
 *   <li>the X Activity API ({@code data.event_type} such as {@code post.create},
 *   {@code post.reply.create}, {@code post.delete}; v2 post objects).</li>
 * </ul>
 * Both give the same delivery key for the same tweet and account, so a post seen through both is
 * stored once. X delivers an edit as a new tweet whose edit history starts at the original; the
 * account's own edits become PostEdited of the original post.
 *
 * <p>A post is the account's only when X names the account as its author ({@code user.id_str},
 * {@code author_id} equal to {@code for_user_id}, {@code filter.user_id}); the account's retweets
 * (reposts) carry another account's words and are not its posts. Everything else is at most a
 * reaction, and only to a post X says is the account's.
 *
 * <p>Handshake: the CRC {@code GET ?crc_token=T} answered with
 * {@code {"response_token":"sha256=<base64 HMAC-SHA256(secret, T)>"}}. Signature: X sends
 * {@code X-Twitter-Webhooks-Signature-OAuth2} (OAuth 2.0 client secret) and/or the legacy
 * {@code X-Twitter-Webhooks-Signature} (OAuth 1.0 consumer secret), both
 * {@code sha256=<base64 HMAC-SHA256(secret, raw body)>}. Mispost holds one secret, the one the
 * app is configured with, and accepts a delivery when either header matches it.
 */
public final class XWebhook implements PlatformWebhook {
    public static final String SECRET = "webhook/x";
    public static final String SIGNATURE_HEADER = "X-Twitter-Webhooks-Signature";
    public static final String OAUTH2_SIGNATURE_HEADER = "X-Twitter-Webhooks-Signature-OAuth2";

    /**
     * The CRC tokens X sends: a short run of base64 (or base64url) characters. The handshake is the
     * same HMAC as the delivery signature, so answering any string would sign any body a forger
     * chose. A delivery must be a JSON object, which starts with '{' (after optional whitespace);
     * no token of this shape can be one, so no CRC answer is ever a valid delivery signature.
     */
    private static final Pattern CRC_TOKEN = Pattern.compile("[A-Za-z0-9+/=_-]{1,255}");

    private static final List<String> ACCOUNT_ACTIVITY_READ =
            List.of("tweet_create_events", "favorite_events", "tweet_delete_events");

    private final Clock clock;

    public XWebhook() {
        this(Clock.systemUTC());
    }

    /** @param clock stands in for the time of a deletion when X does not say it (X Activity API). */
    public XWebhook(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Platform platform() {
        return Platform.X;
    }

    @Override
    public WebhookResponse handshake(WebhookRequest request, SecretSource secrets) {
        String token = request.queryParam("crc_token").orElse("");
        if (token.isEmpty()) {
            return WebhookResponse.error(400, "missing query parameter 'crc_token' (X's challenge-response check)");
        }
        if (!CRC_TOKEN.matcher(token).matches()) {
            return WebhookResponse.error(400, "'crc_token' is not a CRC token as X sends them"
                    + " (1 to 255 characters of A-Z, a-z, 0-9, +, /, =, _ and -); nothing was signed");
        }
        return WebhookResponse.json(200, Map.of("response_token", crcResponse(secrets.require(SECRET), token)));
    }

    /** The CRC answer for a token: {@code sha256=} and the base64 HMAC-SHA256 of the token. */
    public static String crcResponse(String secret, String crcToken) {
        return "sha256=" + Base64.getEncoder().encodeToString(
                SignatureVerifier.hmacSha256(secret, crcToken.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public boolean verify(WebhookRequest request, SecretSource secrets) {
        String secret = secrets.require(SECRET);
        // Both checks run, so that which header is present does not show in the timing.
        boolean oauth2 = SignatureVerifier.verifyBase64(secret, request.body(),
                request.header(OAUTH2_SIGNATURE_HEADER).orElse(null));
        boolean legacy = SignatureVerifier.verifyBase64(secret, request.body(),
                request.header(SIGNATURE_HEADER).orElse(null));
        return oauth2 | legacy;
    }

    @Override
    public ParsedDelivery parse(byte[] body) throws MalformedDeliveryException {
        JsonNode root = DeliveryJson.read(body);
        if (root.has("for_user_id")) return accountActivity(root);
        if (root.path("data").isObject() || root.path("data").isArray()) return activityApi(root.path("data"));
        throw new MalformedDeliveryException("not an X delivery: expected 'for_user_id' with event arrays"
                + " (Account Activity API) or 'data' with 'event_type' (X Activity API)");
    }

    // ---- Account Activity API (v1.1 objects) ----

    private ParsedDelivery accountActivity(JsonNode root) throws MalformedDeliveryException {
        String account = Fields.str(root, "for_user_id");
        if (account == null) throw new MalformedDeliveryException("'for_user_id' must be the account's id");
        DeliveryCollector out = new DeliveryCollector();
        for (String field : ACCOUNT_ACTIVITY_READ) {
            JsonNode events = root.path(field);
            if (events.isMissingNode()) continue;
            if (!events.isArray()) {
                out.reject("'" + field + "' must be an array");
                continue;
            }
            for (int i = 0; i < events.size(); i++) {
                JsonNode e = events.get(i);
                String where = field + "[" + i + "]";
                out.entry(into -> {
                    if (!e.isObject()) throw new MalformedDeliveryException(where + ": must be a JSON object");
                    switch (field) {
                        case "tweet_create_events" -> tweetCreated(e, account, where, into);
                        case "favorite_events" -> favorited(e, account, where, into);
                        default -> tweetDeleted(e, account, where, into);
                    }
                });
            }
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.endsWith("_events") && !ACCOUNT_ACTIVITY_READ.contains(name)) {
                out.ignore("'" + name + "' is not an activity Mispost reads");
            }
        }
        ParsedDelivery parsed = out.build();
        if (parsed.events().isEmpty() && parsed.rejected().isEmpty() && parsed.ignored().isEmpty()) {
            out.ignore("the delivery holds no events");
            return out.build();
        }
        return parsed;
    }

    private static void tweetCreated(JsonNode t, String account, String where, DeliveryCollector into)
            throws MalformedDeliveryException {
        String id = Fields.require(t, "id_str", where);
        String author = Fields.str(t, "user", "id_str");
        if (author == null) throw new MalformedDeliveryException(where + ": missing field 'user.id_str'");
        Instant at = tweetTime(t, where);
        String key = InboundEvent.key(Platform.X, account, "tweet", id);
        JsonNode retweeted = t.path("retweeted_status");
        if (author.equals(account) && retweeted.isObject()) {
            into.ignore(where + ": tweet " + id + " is the account's retweet: another account's words, not the account's");
            return;
        }
        if (author.equals(account)) {
            // An edit arrives as a new tweet whose history starts at the original: it edits that post.
            String original = Fields.str(t, "edit_history", "initial_tweet_id");
            if (original != null && !original.equals(id)) {
                into.add(new InboundEvent.PostEdited(post(t, account, original, id, at), at, key));
            } else {
                into.add(new InboundEvent.PostPublished(post(t, account, id, id, at), key));
            }
            return;
        }
        JsonNode quoted = t.path("quoted_status");
        String target;
        ReactionKind kind;
        if (retweeted.isObject() && account.equals(Fields.str(retweeted, "user", "id_str"))) {
            kind = ReactionKind.SHARE;
            target = Fields.require(retweeted, "id_str", where + ".retweeted_status");
        } else if (account.equals(Fields.str(t, "in_reply_to_user_id_str")) && Fields.str(t, "in_reply_to_status_id_str") != null) {
            kind = ReactionKind.REPLY;
            target = Fields.str(t, "in_reply_to_status_id_str");
        } else if (quoted.isObject() && account.equals(Fields.str(quoted, "user", "id_str"))) {
            kind = ReactionKind.QUOTE;
            target = Fields.str(t, "quoted_status_id_str") != null ? Fields.str(t, "quoted_status_id_str")
                    : Fields.require(quoted, "id_str", where + ".quoted_status");
        } else {
            into.ignore(where + ": tweet " + id + " by another account reacts to none of the account's posts");
            return;
        }
        // An edited reply or quote is the same reaction again: it is counted under the id it was first posted with.
        String first = Objects.requireNonNullElse(Fields.str(t, "edit_history", "initial_tweet_id"), id);
        into.add(new InboundEvent.ReactionReceived(new Reaction(new PostKey(Platform.X, account, target), kind, first, at,
                kind == ReactionKind.SHARE ? null : fullText(t), author, AuthorStandings.x(t.path("user"))), key));
    }

    private static void favorited(JsonNode f, String account, String where, DeliveryCollector into)
            throws MalformedDeliveryException {
        JsonNode status = Fields.object(f, "favorited_status", where);
        String statusId = Fields.require(status, "id_str", where + ".favorited_status");
        String owner = Fields.str(status, "user", "id_str");
        String liker = Fields.str(f, "user", "id_str");
        if (!account.equals(owner)) {
            into.ignore(where + ": a like of another account's post");
            return;
        }
        if (account.equals(liker)) {
            into.ignore(where + ": the account liked its own post");
            return;
        }
        String likeId = Fields.str(f, "id");
        if (likeId == null) {
            if (liker == null) throw new MalformedDeliveryException(where + ": missing field 'id'");
            likeId = liker + ":" + statusId;
        }
        Instant at = Fields.epochMillis(f.path("timestamp_ms"), where + ".timestamp_ms");
        if (at == null) at = Fields.xTime(f.path("created_at"), where + ".created_at");
        if (at == null) throw new MalformedDeliveryException(where + ": missing field 'timestamp_ms'");
        into.add(new InboundEvent.ReactionReceived(
                new Reaction(new PostKey(Platform.X, account, statusId), ReactionKind.LIKE, likeId, at, null, liker),
                InboundEvent.key(Platform.X, account, "like", likeId)));
    }

    private static void tweetDeleted(JsonNode d, String account, String where, DeliveryCollector into)
            throws MalformedDeliveryException {
        JsonNode status = Fields.object(d, "status", where);
        String id = Fields.require(status, "id", where + ".status");
        String owner = Fields.str(status, "user_id");
        if (owner != null && !owner.equals(account)) {
            into.ignore(where + ": another account deleted its post " + id);
            return;
        }
        Instant at = Fields.epochMillis(d.path("timestamp_ms"), where + ".timestamp_ms");
        if (at == null) throw new MalformedDeliveryException(where + ": missing field 'timestamp_ms'");
        into.add(new InboundEvent.PostDeleted(new PostKey(Platform.X, account, id), at,
                InboundEvent.key(Platform.X, account, "delete", id)));
    }

    private static Instant tweetTime(JsonNode t, String where) throws MalformedDeliveryException {
        Instant at = Fields.epochMillis(t.path("timestamp_ms"), where + ".timestamp_ms");
        if (at == null) at = Fields.xTime(t.path("created_at"), where + ".created_at");
        if (at == null) throw new MalformedDeliveryException(where + ": missing field 'created_at'");
        return at;
    }

    /** @param id the post's id (the original's, for an edit); @param version the id of this version, for the link */
    private static Post post(JsonNode t, String account, String id, String version, Instant at) {
        return new Post(Platform.X, account, id, null, fullText(t), at,
                nonBlank(HtmlText.toText(Fields.str(t, "source"))),
                Fields.str(t, "in_reply_to_status_id_str"), Fields.str(t, "quoted_status_id_str"),
                mediaTypes(t), language(Fields.str(t, "lang")), permalink(Fields.str(t, "user", "screen_name"), version));
    }

    /** The whole text: X cuts {@code text} at 140 characters and puts the rest in {@code extended_tweet}. */
    private static String fullText(JsonNode t) {
        String full = Fields.str(t, "extended_tweet", "full_text");
        if (full == null) full = Fields.str(t, "full_text");
        if (full == null) full = Fields.str(t, "text");
        return full == null ? "" : HtmlText.decodeEntities(full);
    }

    private static List<String> mediaTypes(JsonNode t) {
        for (JsonNode holder : List.of(t.path("extended_tweet").path("extended_entities"),
                t.path("extended_entities"), t.path("extended_tweet").path("entities"), t.path("entities"))) {
            List<String> types = new ArrayList<>();
            for (JsonNode m : Fields.elements(holder, "media")) {
                String type = Fields.str(m, "type");
                types.add(type == null ? "media" : type);
            }
            if (!types.isEmpty()) return types;
        }
        return List.of();
    }

    // ---- X Activity API (v2 objects) ----

    private ParsedDelivery activityApi(JsonNode data) {
        DeliveryCollector out = new DeliveryCollector();
        List<JsonNode> entries = new ArrayList<>();
        if (data.isArray()) data.forEach(entries::add);
        else entries.add(data);
        if (entries.isEmpty()) out.ignore("'data' is empty");
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            String where = data.isArray() ? "data[" + i + "]" : "data";
            out.entry(into -> activityEvent(e, where, into));
        }
        return out.build();
    }

    private void activityEvent(JsonNode e, String where, DeliveryCollector into) throws MalformedDeliveryException {
        if (!e.isObject()) throw new MalformedDeliveryException(where + ": must be a JSON object");
        String type = Fields.require(e, "event_type", where).toLowerCase(Locale.ROOT).replace('_', '.');
        String account = Fields.str(e, "filter", "user_id");
        if (account == null) throw new MalformedDeliveryException(where + ": missing field 'filter.user_id'");
        JsonNode payload = Fields.object(e, "payload", where);
        JsonNode includes = e.path("includes");
        String w = where + ".payload";
        if (type.startsWith("post.delete")) {
            String id = Fields.require(payload, "id", w);
            String author = Fields.str(payload, "author_id");
            if (author != null && !author.equals(account)) {
                into.ignore(where + ": another account deleted its post " + id);
                return;
            }
            Instant at = Fields.isoOrNull(payload.path("deleted_at"), w + ".deleted_at");
            into.add(new InboundEvent.PostDeleted(new PostKey(Platform.X, account, id),
                    at == null ? clock.instant() : at, InboundEvent.key(Platform.X, account, "delete", id)));
            return;
        }
        if (!type.startsWith("post.") || !type.endsWith(".create")) {
            into.ignore(where + ": event type '" + DeliveryJson.shorten(type) + "' is not one Mispost reads");
            return;
        }
        String id = Fields.require(payload, "id", w);
        String author = Fields.require(payload, "author_id", w);
        Instant at = Fields.isoOrNull(payload.path("created_at"), w + ".created_at");
        if (at == null) throw new MalformedDeliveryException(w + ": missing field 'created_at'");
        String key = InboundEvent.key(Platform.X, account, "tweet", id);
        if (author.equals(account) && (type.contains("repost") || referenced(payload, "retweeted"))) {
            into.ignore(where + ": post " + id + " is the account's repost: another account's words, not the account's");
            return;
        }
        if (author.equals(account)) {
            List<JsonNode> history = Fields.elements(payload, "edit_history_tweet_ids");
            String original = history.isEmpty() ? null : Fields.str(history.get(0));
            if (original != null && !original.equals(id)) {
                into.add(new InboundEvent.PostEdited(postV2(payload, includes, account, original, id, at), at, key));
            } else {
                into.add(new InboundEvent.PostPublished(postV2(payload, includes, account, id, id, at), key));
            }
            return;
        }
        ReactionKind kind = null;
        String target = null;
        for (JsonNode ref : Fields.elements(payload, "referenced_tweets")) {
            String refType = Objects.requireNonNullElse(Fields.str(ref, "type"), "");
            String refId = Fields.str(ref, "id");
            if (refId == null) continue;
            boolean ours = switch (refType) {
                case "replied_to" -> account.equals(Fields.str(payload, "in_reply_to_user_id"))
                        || type.equals("post.reply.create");
                case "quoted", "retweeted" -> account.equals(includedAuthor(includes, refId))
                        || type.contains(refType.equals("quoted") ? "quote" : "repost");
                default -> false;
            };
            if (ours) {
                kind = switch (refType) {
                    case "replied_to" -> ReactionKind.REPLY;
                    case "quoted" -> ReactionKind.QUOTE;
                    default -> ReactionKind.SHARE;
                };
                target = refId;
                break;
            }
        }
        if (kind == null) {
            into.ignore(where + ": post " + id + " by another account reacts to none of the account's posts");
            return;
        }
        String text = Fields.str(payload, "note_tweet", "text");
        if (text == null) text = Fields.str(payload, "text");
        List<JsonNode> history = Fields.elements(payload, "edit_history_tweet_ids");
        String first = history.isEmpty() ? null : Fields.str(history.get(0));
        into.add(new InboundEvent.ReactionReceived(new Reaction(new PostKey(Platform.X, account, target), kind,
                first != null ? first : id, at,
                kind == ReactionKind.SHARE || text == null ? null : HtmlText.decodeEntities(text), author,
                AuthorStandings.xV2(includes, author)), key));
    }

    private static Post postV2(JsonNode p, JsonNode includes, String account, String id, String version, Instant at) {
        String text = Fields.str(p, "note_tweet", "text");
        if (text == null) text = Fields.str(p, "text");
        String replyTo = null;
        String quoteOf = null;
        for (JsonNode ref : Fields.elements(p, "referenced_tweets")) {
            String type = Objects.requireNonNullElse(Fields.str(ref, "type"), "");
            if (type.equals("replied_to")) replyTo = Fields.str(ref, "id");
            else if (type.equals("quoted")) quoteOf = Fields.str(ref, "id");
        }
        List<String> media = new ArrayList<>();
        for (JsonNode key : Fields.elements(p.path("attachments"), "media_keys")) {
            String type = null;
            for (JsonNode m : Fields.elements(includes, "media")) {
                if (Objects.equals(Fields.str(key), Fields.str(m, "media_key"))) type = Fields.str(m, "type");
            }
            media.add(type == null ? "media" : type);
        }
        String username = null;
        for (JsonNode u : Fields.elements(includes, "users")) {
            JsonNode user = u.path("data").isObject() ? u.path("data") : u;
            if (account.equals(Fields.str(user, "id"))) username = Fields.str(user, "username");
        }
        return new Post(Platform.X, account, id, null, text == null ? "" : HtmlText.decodeEntities(text), at,
                Fields.str(p, "source"), replyTo, quoteOf, media, language(Fields.str(p, "lang")),
                permalink(username, version));
    }

    private static boolean referenced(JsonNode payload, String type) {
        for (JsonNode ref : Fields.elements(payload, "referenced_tweets")) {
            if (type.equals(Fields.str(ref, "type"))) return true;
        }
        return false;
    }

    private static String includedAuthor(JsonNode includes, String tweetId) {
        for (JsonNode t : Fields.elements(includes, "tweets")) {
            if (tweetId.equals(Fields.str(t, "id"))) return Fields.str(t, "author_id");
        }
        return null;
    }

    private static String language(String lang) {
        return lang == null || lang.equals("und") ? null : lang;
    }

    private static String permalink(String screenName, String id) {
        return screenName == null ? "https://x.com/i/web/status/" + id : "https://x.com/" + screenName + "/status/" + id;
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
