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

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mastodon server webhooks {@code status.created} and {@code status.updated}: a body
 * {@code {"event","created_at","object":<Status>}} signed with
 * {@code X-Hub-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>}. Mastodon has no handshake.
 *
 * <p>A server webhook sees every local status, not one account's, so each status is told as what
 * it is for every account it concerns: a post by its author, and (when it replies to, boosts or
 * quotes another account's status) a reaction against that status. Intake keeps the events of
 * watched accounts and drops the rest. A status is a post of the account that wrote it
 * ({@code account.id}); a boost ({@code reblog}) is no one's post, only a share of the boosted
 * status, whose words are its own author's.
 */
public final class MastodonWebhook implements PlatformWebhook {
    public static final String SECRET = "webhook/mastodon";
    public static final String SIGNATURE_HEADER = "X-Hub-Signature";

    @Override
    public Platform platform() {
        return Platform.MASTODON;
    }

    @Override
    public WebhookResponse handshake(WebhookRequest request, SecretSource secrets) {
        return WebhookResponse.json(200, Map.of("ok", true, "platform", "mastodon"));
    }

    @Override
    public boolean verify(WebhookRequest request, SecretSource secrets) {
        return SignatureVerifier.verifyHex(secrets.require(SECRET), request.body(),
                request.header(SIGNATURE_HEADER).orElse(null));
    }

    @Override
    public ParsedDelivery parse(byte[] body) throws MalformedDeliveryException {
        JsonNode root = DeliveryJson.read(body);
        String event = Fields.str(root, "event");
        if (event == null) {
            throw new MalformedDeliveryException(root.has("content") && root.has("account")
                    ? "a bare Mastodon Status, not a webhook body: expected {\"event\", \"created_at\", \"object\": <Status>}"
                    : "not a Mastodon delivery: expected {\"event\", \"created_at\", \"object\"}");
        }
        DeliveryCollector out = new DeliveryCollector();
        if (!event.equals("status.created") && !event.equals("status.updated")) {
            out.ignore("event '" + DeliveryJson.shorten(event) + "' is not one Mispost reads (status.created, status.updated)");
            return out.build();
        }
        out.entry(into -> {
            JsonNode status = Fields.object(root, "object", "delivery");
            Instant eventTime = Fields.isoOrNull(root.path("created_at"), "created_at");
            status(status, event, eventTime, into);
        });
        return out.build();
    }

    private static void status(JsonNode s, String event, Instant eventTime, DeliveryCollector into)
            throws MalformedDeliveryException {
        String where = "object";
        String id = Fields.require(s, "id", where);
        String account = Fields.str(s, "account", "id");
        if (account == null) throw new MalformedDeliveryException(where + ": missing field 'account.id'");
        Instant created = Fields.isoOrNull(s.path("created_at"), where + ".created_at");
        if (created == null) created = eventTime;
        if (created == null) throw new MalformedDeliveryException(where + ": missing field 'created_at'");
        String editedRaw = Fields.str(s, "edited_at");
        Instant edited = Fields.isoOrNull(s.path("edited_at"), where + ".edited_at");

        JsonNode reblog = s.path("reblog").isObject() ? s.path("reblog") : null;
        if (reblog != null) {
            // A boost shares another status as it is: its words are that status's author's, never the booster's post.
            if (!event.equals("status.created") || !otherAccountsStatus(reblog, s.path("account"), ReactionKind.SHARE, id, created, null, into)) {
                into.ignore(where + ": a boost is not the booster's post, and this one shares no other account's status");
            }
            return;
        }
        JsonNode quoted = s.path("quote").path("quoted_status").isObject() ? s.path("quote").path("quoted_status") : null;
        Post post = new Post(Platform.MASTODON, account, id, null, text(s), created,
                Fields.str(s, "application", "name"), Fields.str(s, "in_reply_to_id"),
                quoted != null ? Fields.str(quoted, "id") : null, media(s),
                Fields.str(s, "language"), Fields.str(s, "url") != null ? Fields.str(s, "url") : Fields.str(s, "uri"));

        if (event.equals("status.updated")) {
            Instant at = edited != null ? edited : eventTime != null ? eventTime : created;
            into.add(new InboundEvent.PostEdited(post, at,
                    InboundEvent.key(Platform.MASTODON, account, "status", id, event, editedRaw)));
            return;
        }
        into.add(new InboundEvent.PostPublished(post,
                InboundEvent.key(Platform.MASTODON, account, "status", id, event, editedRaw)));
        String repliedAccount = Fields.str(s, "in_reply_to_account_id");
        String repliedStatus = Fields.str(s, "in_reply_to_id");
        if (repliedAccount != null && repliedStatus != null && !repliedAccount.equals(account)) {
            into.add(reaction(repliedAccount, repliedStatus, ReactionKind.REPLY, id, created, text(s), account, s.path("account")));
        }
        if (quoted != null) otherAccountsStatus(quoted, s.path("account"), ReactionKind.QUOTE, id, created, text(s), into);
    }

    /** Adds the reaction to another account's status; false when the target is the author's own (or unnamed). */
    private static boolean otherAccountsStatus(JsonNode target, JsonNode reacting, ReactionKind kind, String id,
                                               Instant at, String text, DeliveryCollector into) {
        String account = Fields.str(reacting, "id");
        String targetAccount = Fields.str(target, "account", "id");
        String targetId = Fields.str(target, "id");
        if (targetAccount == null || targetId == null || targetAccount.equals(account)) return false;
        into.add(reaction(targetAccount, targetId, kind, id, at, text, account, reacting));
        return true;
    }

    /** @param author the account whose status reacts: the person reacting; {@code reacting} its account object */
    private static InboundEvent reaction(String targetAccount, String targetId, ReactionKind kind, String id, Instant at,
                                         String text, String author, JsonNode reacting) {
        return new InboundEvent.ReactionReceived(
                new Reaction(new PostKey(Platform.MASTODON, targetAccount, targetId), kind, id, at, text, author,
                        AuthorStandings.mastodon(reacting)),
                InboundEvent.key(Platform.MASTODON, targetAccount, kind.id(), id));
    }

    /** The content warning, if any, as its own first paragraph, then the content as text. */
    private static String text(JsonNode s) {
        String content = HtmlText.toText(Fields.str(s, "content"));
        String warning = Fields.str(s, "spoiler_text");
        return warning == null ? content : content.isEmpty() ? warning : warning + "\n\n" + content;
    }

    private static List<String> media(JsonNode s) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : Fields.elements(s, "media_attachments")) {
            out.add(Objects.requireNonNullElse(Fields.str(m, "type"), "media"));
        }
        return out;
    }
}
