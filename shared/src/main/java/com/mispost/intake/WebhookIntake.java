package com.mispost.intake;

import com.mispost.incident.IncidentIds;
import com.mispost.incident.TimelineEntry;
import com.mispost.intake.platform.PlatformWebhooks;
import com.mispost.post.Post;
import com.mispost.secrets.SecretSource;
import com.mispost.store.AccountRegistry;
import com.mispost.store.IncidentStore;
import com.mispost.store.PostStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where platforms meet the suite: checks a delivery (size, type, signature), reads it in the
 * platform's dialect and stores what it says, once however often it is delivered. A 2xx answer
 * means everything accepted is durably stored; a storage failure answers 503 so the platform retries.
 */
public final class WebhookIntake {
    /** Larger bodies are refused (413) before anything is read. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);

    private final PlatformWebhooks dialects;
    private final SecretSource secrets;
    private final AccountRegistry accounts;
    private final PostStore posts;
    private final IncidentStore incidents;

    public WebhookIntake(PlatformWebhooks dialects, SecretSource secrets, AccountRegistry accounts,
                         PostStore posts, IncidentStore incidents) {
        this.dialects = dialects;
        this.secrets = secrets;
        this.accounts = accounts;
        this.posts = posts;
        this.incidents = incidents;
    }

    public WebhookResponse handle(WebhookRequest request) {
        PlatformWebhook dialect = dialects.forId(request.platform()).orElse(null);
        if (dialect == null) {
            return WebhookResponse.error(404, "unknown platform '" + request.platform()
                    + "': webhooks are at /webhooks/x, /webhooks/meta, /webhooks/linkedin, /webhooks/mastodon and /webhooks/generic");
        }
        String method = request.method().toUpperCase(Locale.ROOT);
        if (method.equals("GET")) return dialect.handshake(request, secrets);
        if (!method.equals("POST")) return WebhookResponse.error(405, "use GET for the handshake and POST for deliveries");
        if (request.body().length > MAX_BODY_BYTES) {
            return WebhookResponse.error(413, "the body is " + request.body().length + " bytes; the limit is "
                    + MAX_BODY_BYTES + " bytes");
        }
        String type = request.header("Content-Type").orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return WebhookResponse.error(415, "the Content-Type is '" + type + "'; deliveries must be application/json");
        }
        if (!dialect.verify(request, secrets)) {
            return WebhookResponse.error(401, "the signature is missing or does not match this body; "
                    + "check the webhook secret configured for " + dialect.platform().id());
        }
        ParsedDelivery delivery;
        try {
            delivery = dialect.parse(request.body());
        } catch (MalformedDeliveryException e) {
            return WebhookResponse.error(400, e.getMessage());
        }
        if (delivery.events().isEmpty() && delivery.ignored().isEmpty() && !delivery.rejected().isEmpty()) {
            return WebhookResponse.error(400, String.join("; ", delivery.rejected()));
        }
        String raw = new String(request.body(), StandardCharsets.UTF_8);
        Tally tally = new Tally();
        try {
            for (InboundEvent event : delivery.events()) store(event, raw, tally);
            tally.ignored += delivery.ignored().size();
        } catch (RuntimeException e) {
            // Nothing half-done is acknowledged: the platform redelivers and idempotent writes absorb the repeat.
            LOG.error("storing a {} delivery failed; answering 503 so that it is retried: {}",
                    dialect.platform().id(), e.toString());
            return WebhookResponse.error(503, "storage is unavailable right now; please retry the delivery");
        }
        LOG.info("{} delivery: {} accepted, {} duplicate, {} ignored, {} rejected", dialect.platform().id(),
                tally.accepted, tally.duplicates, tally.ignored, delivery.rejected().size());
        StringBuilder body = new StringBuilder("{\"accepted\":").append(tally.accepted)
                .append(",\"duplicates\":").append(tally.duplicates)
                .append(",\"ignored\":").append(tally.ignored)
                .append(",\"rejected\":[");
        List<String> quoted = new ArrayList<>();
        delivery.rejected().forEach(r -> quoted.add(JsonText.quote(r)));
        body.append(String.join(",", quoted)).append("]}");
        return WebhookResponse.json(200, body.toString());
    }

    private void store(InboundEvent event, String raw, Tally tally) {
        if (event instanceof InboundEvent.PostPublished p) {
            Post post = p.post();
            if (accounts.find(post.key().account()).isEmpty()) {
                tally.ignored++;
            } else if (posts.savePost(post, raw)) {
                tally.accepted++;
            } else {
                tally.duplicates++;
            }
        } else if (event instanceof InboundEvent.PostEdited e) {
            if (posts.saveEdit(e.post(), e.editedAt(), raw)) {
                tally.accepted++;
            } else {
                tally.ignored++;
            }
        } else if (event instanceof InboundEvent.ReactionReceived r) {
            switch (posts.recordReaction(r.reaction())) {
                case COUNTED -> {
                    tally.accepted++;
                    // What people write to the account is the other side of its learned voice contrast.
                    if (r.reaction().text() != null) {
                        accounts.keepReply(r.reaction().target().account(), r.reaction().reactionId(), r.reaction().text());
                    }
                }
                case DUPLICATE -> tally.duplicates++;
                case UNKNOWN_POST -> tally.ignored++;
            }
        } else if (event instanceof InboundEvent.PostDeleted d) {
            if (!posts.recordDeletion(d.post(), d.at())) {
                tally.ignored++;
                return;
            }
            String incidentId = IncidentIds.forPost(d.post());
            if (incidents.find(incidentId).isPresent()) {
                incidents.note(incidentId, new TimelineEntry(d.at(), "post-deleted", d.post().platform().id(),
                        "The post was deleted from " + d.post().platform().id() + "."), null);
            }
            tally.accepted++;
        }
    }

    private static final class Tally {
        int accepted;
        int duplicates;
        int ignored;
    }
}
