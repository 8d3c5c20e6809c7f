package com.mispost.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.post.PostKey;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionKind;
import com.mispost.secrets.SecretSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The documented JSON shape for relays (Hootsuite, Zapier, in-house tools), signed with
 * {@code X-Mispost-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>}. See README.md.
 */
public final class GenericWebhook implements PlatformWebhook {
    public static final String SIGNATURE_HEADER = "X-Mispost-Signature";
    public static final String SECRET = "webhook/generic";

    @Override
    public Platform platform() {
        return Platform.GENERIC;
    }

    @Override
    public WebhookResponse handshake(WebhookRequest request, SecretSource secrets) {
        return WebhookResponse.json(200, Map.of("ok", true, "platform", "generic"));
    }

    @Override
    public boolean verify(WebhookRequest request, SecretSource secrets) {
        return SignatureVerifier.verifyHex(secrets.require(SECRET), request.body(),
                request.header(SIGNATURE_HEADER).orElse(null));
    }

    @Override
    public ParsedDelivery parse(byte[] body) throws MalformedDeliveryException {
        JsonNode root = DeliveryJson.read(body);
        JsonNode events = root.has("events") ? root.get("events") : null;
        List<JsonNode> entries = new ArrayList<>();
        if (events == null) {
            entries.add(root);
        } else if (events.isArray()) {
            events.forEach(entries::add);
        } else {
            throw new MalformedDeliveryException("'events' must be an array");
        }
        if (entries.isEmpty()) throw new MalformedDeliveryException("'events' is empty");
        List<InboundEvent> out = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                out.add(event(entries.get(i), events == null ? "event" : "events[" + i + "]"));
            } catch (MalformedDeliveryException bad) {
                rejected.add(bad.getMessage());
            }
        }
        return new ParsedDelivery(out, rejected);
    }

    private static InboundEvent event(JsonNode e, String where) throws MalformedDeliveryException {
        if (!e.isObject()) throw new MalformedDeliveryException(where + ": must be a JSON object");
        String type = DeliveryJson.text(e, "type", where);
        String platformId = DeliveryJson.text(e, "platform", where);
        Platform platform = Platform.fromId(platformId).filter(p -> p != Platform.GENERIC).orElseThrow(() ->
                new MalformedDeliveryException(where + ": unknown platform '" + DeliveryJson.shorten(platformId)
                        + "' (expected x, meta, linkedin or mastodon)"));
        String account = DeliveryJson.text(e, "account", where);
        switch (type) {
            case "post" -> {
                JsonNode p = object(e, "post", where);
                String w = where + ".post";
                List<String> media = new ArrayList<>();
                JsonNode m = p.get("media");
                if (m != null && m.isArray()) m.forEach(x -> media.add(x.asText()));
                return new InboundEvent.PostPublished(new Post(platform, account,
                        DeliveryJson.text(p, "id", w),
                        DeliveryJson.optText(p, "author"),
                        DeliveryJson.text(p, "text", w),
                        DeliveryJson.instant(p, "created_at", Instant.now(), w),
                        DeliveryJson.optText(p, "client"),
                        DeliveryJson.optText(p, "reply_to"),
                        DeliveryJson.optText(p, "quote_of"),
                        media,
                        DeliveryJson.optText(p, "lang"),
                        DeliveryJson.optText(p, "url")));
            }
            case "reaction" -> {
                JsonNode r = object(e, "reaction", where);
                String w = where + ".reaction";
                String kindId = DeliveryJson.text(r, "kind", w);
                ReactionKind kind = ReactionKind.fromId(kindId).orElseThrow(() -> new MalformedDeliveryException(
                        w + ": unknown kind '" + DeliveryJson.shorten(kindId) + "' (expected reply, share, quote, like or comment)"));
                return new InboundEvent.ReactionReceived(new Reaction(
                        new PostKey(platform, account, DeliveryJson.text(r, "post_id", w)), kind,
                        DeliveryJson.text(r, "id", w), DeliveryJson.instant(r, "at", Instant.now(), w),
                        DeliveryJson.optText(r, "text"), DeliveryJson.optText(r, "author")));
            }
            case "delete" -> {
                return new InboundEvent.PostDeleted(new PostKey(platform, account, DeliveryJson.text(e, "post_id", where)),
                        DeliveryJson.instant(e, "at", Instant.now(), where));
            }
            default -> throw new MalformedDeliveryException(where + ": unknown type '" + DeliveryJson.shorten(type)
                    + "' (expected post, reaction or delete)");
        }
    }

    private static JsonNode object(JsonNode e, String field, String where) throws MalformedDeliveryException {
        JsonNode v = e.get(field);
        if (v == null || !v.isObject()) throw new MalformedDeliveryException(where + ": missing object '" + field + "'");
        return v;
    }
}
