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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * LinkedIn organization social action notifications.
 *
 * <p>Handshake: {@code GET ?challengeCode=C} answered with 200
 * {@code {"challengeCode":C,"challengeResponse":hex(HMAC-SHA256(client secret, C))}}.
 *
 * <p>Signature: LinkedIn's webhook documentation says {@code X-LI-Signature} is the hex
 * HMAC-SHA256, keyed with the client secret, of the POST body <em>prefixed by</em>
 * {@code hmacsha256=}. Public code disagrees (some sign the bare body); Mispost accepts only the
 * documented form: {@code hex(HMAC-SHA256(secret, "hmacsha256=" + raw body))}. A header that
 * itself carries the {@code hmacsha256=} prefix is read the same.
 *
 * <p>Bodies: either {@code {"notifications":[...]}} or one bare notification element (LinkedIn's
 * docs did not settle which one is pushed). Each element is deduplicated on {@code notificationId}.
 * COMMENT, LIKE and SHARE by others on the organization's post become reactions against
 * {@code sourcePost}; a comment or share whose {@code owner} is the organization itself is
 * content the brand published, so it becomes PostPublished. An ADMIN_COMMENT by an admin as a
 * member, or any activity that names no owner, is a reaction, never the brand's post.
 */
public final class LinkedInWebhook implements PlatformWebhook {
    public static final String SECRET = "webhook/linkedin";
    public static final String SIGNATURE_HEADER = "X-LI-Signature";
    /** What LinkedIn puts before the body when it signs it. */
    public static final String SIGNED_PREFIX = "hmacsha256=";

    /**
     * The challenge codes LinkedIn sends (UUIDs) and nothing wider: letters, digits and '-'. The
     * challenge answer is the HMAC of the code under the same secret that signs deliveries, over
     * {@code "hmacsha256=" + body}; a code of this shape has no '=', so it can never be that input
     * and no challenge answer is ever a valid delivery signature.
     */
    private static final Pattern CHALLENGE_CODE = Pattern.compile("[A-Za-z0-9-]{1,128}");

    private final Clock clock;

    public LinkedInWebhook() {
        this(Clock.systemUTC());
    }

    /** @param clock stands in for the time of an action when LinkedIn does not say it. */
    public LinkedInWebhook(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Platform platform() {
        return Platform.LINKEDIN;
    }

    @Override
    public WebhookResponse handshake(WebhookRequest request, SecretSource secrets) {
        String code = request.queryParam("challengeCode").orElse("");
        if (code.isEmpty()) {
            return WebhookResponse.error(400, "missing query parameter 'challengeCode' (LinkedIn's endpoint validation)");
        }
        if (!CHALLENGE_CODE.matcher(code).matches()) {
            return WebhookResponse.error(400, "'challengeCode' is not a challenge code as LinkedIn sends them"
                    + " (1 to 128 characters of A-Z, a-z, 0-9 and -); nothing was signed");
        }
        String response = HexFormat.of().formatHex(
                SignatureVerifier.hmacSha256(secrets.require(SECRET), code.getBytes(StandardCharsets.UTF_8)));
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("challengeCode", code);
        answer.put("challengeResponse", response);
        return WebhookResponse.json(200, answer);
    }

    @Override
    public boolean verify(WebhookRequest request, SecretSource secrets) {
        String header = request.header(SIGNATURE_HEADER).orElse("").trim();
        if (header.regionMatches(true, 0, SIGNED_PREFIX, 0, SIGNED_PREFIX.length())) {
            header = header.substring(SIGNED_PREFIX.length());
        }
        if (header.length() != 64) return false;
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(secrets.require(SECRET), request.body()), given);
    }

    /** The documented X-LI-Signature input: the prefix, then the raw body. */
    public static byte[] sign(String secret, byte[] body) {
        byte[] prefix = SIGNED_PREFIX.getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return SignatureVerifier.hmacSha256(secret, signed);
    }

    @Override
    public ParsedDelivery parse(byte[] body) throws MalformedDeliveryException {
        JsonNode root = DeliveryJson.read(body);
        List<JsonNode> elements = new ArrayList<>();
        boolean batch = root.has("notifications");
        if (batch) {
            if (!root.path("notifications").isArray()) throw new MalformedDeliveryException("'notifications' must be an array");
            root.path("notifications").forEach(elements::add);
        } else if (root.has("notificationId") || root.has("action")) {
            elements.add(root);
        } else {
            throw new MalformedDeliveryException("not a LinkedIn delivery: expected 'notifications' [...] or one"
                    + " notification with 'notificationId' and 'action'");
        }
        DeliveryCollector out = new DeliveryCollector();
        if (elements.isEmpty()) out.ignore("'notifications' is empty");
        for (int i = 0; i < elements.size(); i++) {
            JsonNode n = elements.get(i);
            String where = batch ? "notifications[" + i + "]" : "notification";
            out.entry(into -> notification(n, where, into));
        }
        return out.build();
    }

    private void notification(JsonNode n, String where, DeliveryCollector into) throws MalformedDeliveryException {
        if (!n.isObject()) throw new MalformedDeliveryException(where + ": must be a JSON object");
        String id = Fields.require(n, "notificationId", where);
        String action = Fields.require(n, "action", where).toUpperCase(Locale.ROOT);
        String org = Fields.require(n, "organizationalEntity", where);
        Instant at = Fields.epochMillis(n.path("lastModifiedAt"), where + ".lastModifiedAt");
        if (at == null) at = clock.instant();
        String key = InboundEvent.key(Platform.LINKEDIN, org, "notification", id);
        String target = Fields.str(n, "sourcePost");
        if (target == null) target = Fields.str(n, "decoratedSourcePost", "entity");
        JsonNode generated = n.path("decoratedGeneratedActivity");
        String generatedId = Fields.str(n, "generatedActivity");

        switch (action) {
            case "COMMENT", "ADMIN_COMMENT" -> {
                JsonNode comment = generated.path("comment");
                String commentId = Objects.requireNonNullElse(Fields.str(comment, "entity"),
                        Objects.requireNonNullElse(generatedId, id));
                // Only the comment's owner says who wrote it: an admin may comment as themselves (ADMIN_COMMENT names
                // the actor's role, not whose words these are), and a comment that names no owner is someone else's.
                if (org.equals(Fields.str(comment, "owner"))) {
                    into.add(new InboundEvent.PostPublished(new Post(Platform.LINKEDIN, org, commentId, null,
                            Objects.requireNonNullElse(Fields.str(comment, "text"), ""), at, null, target, null,
                            List.of(), null, permalink(target)), key));
                } else {
                    // The comment's words, as other platforms' replies carry theirs: the crowd reads them.
                    into.add(reaction(org, target, ReactionKind.COMMENT, commentId, Fields.str(comment, "text"),
                            Fields.str(comment, "owner"), at, key, where));
                }
            }
            // A like comes without a decorated activity, so no field names who liked (and it has no words for the crowd).
            case "LIKE" -> into.add(reaction(org, target, ReactionKind.LIKE,
                    Objects.requireNonNullElse(generatedId, id), null, null, at, key, where));
            case "SHARE" -> {
                JsonNode share = generated.path("share");
                String shareId = Objects.requireNonNullElse(Fields.str(share, "entity"),
                        Objects.requireNonNullElse(generatedId, id));
                if (org.equals(Fields.str(share, "owner"))) {
                    into.add(new InboundEvent.PostPublished(new Post(Platform.LINKEDIN, org, shareId, null,
                            Objects.requireNonNullElse(Fields.str(share, "text"), ""), at, null, null, target,
                            List.of(), null, permalink(shareId)), key));
                } else {
                    into.add(reaction(org, target, ReactionKind.SHARE, shareId, null, Fields.str(share, "owner"), at, key, where));
                }
            }
            default -> into.ignore(where + ": action '" + DeliveryJson.shorten(action) + "' is not one Mispost reads");
        }
    }

    /**
     * @param text   a comment's words, or null (a like or a share, as a retweet on X)
     * @param author the member (or another organization) that commented or shared: the decorated activity's owner
     */
    private static InboundEvent reaction(String org, String target, ReactionKind kind, String reactionId, String text,
                                         String author, Instant at, String key, String where) throws MalformedDeliveryException {
        if (target == null) throw new MalformedDeliveryException(where + ": missing field 'sourcePost'");
        return new InboundEvent.ReactionReceived(
                new Reaction(new PostKey(Platform.LINKEDIN, org, target), kind, reactionId, at, text, author), key);
    }

    private static String permalink(String urn) {
        return urn == null ? null : "https://www.linkedin.com/feed/update/" + urn;
    }
}
