package com.mispost.usecase.intake;

import com.mispost.incident.IncidentIds;
import com.mispost.incident.TimelineEntry;
import com.mispost.incident.TimelineEvent;
import com.mispost.intake.DeliveryJson;
import com.mispost.intake.EventLimits;
import com.mispost.intake.InboundEvent;
import com.mispost.intake.MalformedDeliveryException;
import com.mispost.intake.ParsedDelivery;
import com.mispost.intake.PlatformWebhook;
import com.mispost.intake.WebhookRequest;
import com.mispost.intake.WebhookResponse;
import com.mispost.intake.platform.PlatformWebhooks;
import com.mispost.post.AccountKey;
import com.mispost.post.Post;
import com.mispost.post.Reaction;
import com.mispost.secrets.SecretSource;
import com.mispost.secrets.SecretUnavailableException;
import com.mispost.store.AccountRegistry;
import com.mispost.store.IncidentStore;
import com.mispost.store.PostStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where platforms meet the suite: checks a delivery (size, type, signature), reads it in the
 * platform's dialect and stores what it says, once however often it is delivered. A 2xx answer
 * means everything accepted is durably stored; a storage failure answers 503 so the platform retries.
 */
public final class WebhookIntake {
    /** Larger bodies are refused (413) before anything is read. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** More events in one delivery are refused (413): a retry must be able to get through the whole delivery in time. */
    public static final int MAX_EVENTS = 5000;
    /** An answer lists this many rejected events, then how many more there were. */
    private static final int REJECTIONS_LISTED = 20;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);

    private final PlatformWebhooks dialects;
    private final SecretSource secrets;
    private final AccountRegistry accounts;
    private final PostStore posts;
    private final IncidentStore incidents;
    private final DeliveryWatch watch;

    public WebhookIntake(PlatformWebhooks dialects, SecretSource secrets, AccountRegistry accounts,
                         PostStore posts, IncidentStore incidents, DeliveryWatch watch) {
        this.dialects = dialects;
        this.secrets = secrets;
        this.accounts = accounts;
        this.posts = posts;
        this.incidents = incidents;
        this.watch = watch;
    }

    public WebhookResponse handle(WebhookRequest request) {
        WebhookResponse response = answer(request);
        watch.answered(request.platform(), request.method(), response.status());
        return response;
    }

    private WebhookResponse answer(WebhookRequest request) {
        PlatformWebhook dialect = dialects.forId(request.platform()).orElse(null);
        if (dialect == null) {
            return WebhookResponse.error(404, "unknown platform '" + DeliveryJson.shorten(String.valueOf(request.platform()))
                    + "': webhooks are at /webhooks/x, /webhooks/meta, /webhooks/linkedin, /webhooks/mastodon and /webhooks/generic");
        }
        String method = request.method().toUpperCase(Locale.ROOT);
        if (!method.equals("GET") && !method.equals("POST")) {
            return WebhookResponse.error(405, "use GET for the handshake and POST for deliveries");
        }
        try {
            return method.equals("GET") ? dialect.handshake(request, secrets) : deliver(dialect, request);
        } catch (SecretUnavailableException e) {
            LOG.warn("{} webhook: {}; answering 503", dialect.platform().id(), e.getMessage());
            return WebhookResponse.error(503, "the webhook secret cannot be read right now; please retry");
        }
    }

    private WebhookResponse deliver(PlatformWebhook dialect, WebhookRequest request) {
        if (request.body().length > MAX_BODY_BYTES) {
            return WebhookResponse.error(413, "the body is " + request.body().length + " bytes; the limit is "
                    + MAX_BODY_BYTES + " bytes");
        }
        String type = request.header("Content-Type").orElse("");
        if (!isJson(type)) {
            return WebhookResponse.error(415, "the Content-Type is '" + DeliveryJson.shorten(type)
                    + "'; deliveries must be application/json (in UTF-8)");
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
        if (delivery.events().size() > MAX_EVENTS) {
            return WebhookResponse.error(413, "the delivery holds " + delivery.events().size() + " events; the limit is "
                    + MAX_EVENTS + " events per delivery: send them in smaller deliveries");
        }
        List<InboundEvent> events = new ArrayList<>();
        List<String> rejected = new ArrayList<>(delivery.rejected());
        for (InboundEvent event : delivery.events()) {
            EventLimits.problem(event).ifPresentOrElse(rejected::add, () -> events.add(event));
        }
        if (events.isEmpty() && delivery.ignored().isEmpty() && !rejected.isEmpty()) {
            return WebhookResponse.error(400, String.join("; ", listed(rejected)));
        }
        Tally tally = new Tally();
        try {
            String deliveryId = HexFormat.of().formatHex(sha256(request.body()));
            store(events, deliveryId, tally);
            // The evidence, before the answer: what the events say can be checked against what was signed. Not kept
            // when every event was dropped (likes of posts not stored, accounts not watched): nothing refers to it.
            // A redelivery (all duplicates) only looks: a read costs a fifth of the failed write. If keeping it failed
            // the first time, the redelivery finds it missing and keeps it then.
            if (tally.accepted > 0 || (tally.duplicates > 0 && posts.findDelivery(deliveryId).isEmpty())) {
                posts.saveDelivery(deliveryId, dialect.platform(), request.body());
            }
            tally.ignored += delivery.ignored().size();
            watch.delivered(delivery.events());
        } catch (RuntimeException e) {
            // Nothing half-done is acknowledged: the platform redelivers and idempotent writes absorb the repeat.
            LOG.error("storing a {} delivery failed; answering 503 so that it is retried: {}",
                    dialect.platform().id(), e.toString());
            return WebhookResponse.error(503, "storage is unavailable right now; please retry the delivery");
        }
        LOG.info("{} delivery: {} accepted, {} duplicate, {} ignored, {} rejected", dialect.platform().id(),
                tally.accepted, tally.duplicates, tally.ignored, rejected.size());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", tally.accepted);
        answer.put("duplicates", tally.duplicates);
        answer.put("ignored", tally.ignored);
        answer.put("rejected", listed(rejected));
        return WebhookResponse.json(200, answer);
    }

    private static List<String> listed(List<String> rejected) {
        if (rejected.size() <= REJECTIONS_LISTED) return rejected;
        List<String> listed = new ArrayList<>(rejected.subList(0, REJECTIONS_LISTED));
        listed.add("and " + (rejected.size() - REJECTIONS_LISTED) + " more rejected");
        return listed;
    }

    /** {@code application/json}, with no parameter but an optional UTF-8 charset: the only encoding read. */
    static boolean isJson(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) return false;
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].strip().split("=", 2);
            if (param.length != 2 || !param[0].strip().equalsIgnoreCase("charset")) return false;
            String charset = param[1].strip().replace("\"", "");
            if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) return false;
        }
        return true;
    }

    /**
     * Stores a delivery's events in as few writes as their kinds allow: new posts and reactions in
     * batches (a delivery of thousands of events must finish well within the function's timeout,
     * so that a retry always gets further), edits and deletions one by one. Posts go first, so a
     * reaction to a post in the same delivery finds it.
     */
    private void store(List<InboundEvent> events, String deliveryId, Tally tally) {
        Map<AccountKey, Boolean> watched = new HashMap<>();
        List<Post> published = new ArrayList<>();
        List<Reaction> reactions = new ArrayList<>();
        List<InboundEvent> oneByOne = new ArrayList<>();
        for (InboundEvent event : events) {
            if (event instanceof InboundEvent.PostPublished p) {
                if (watched.computeIfAbsent(p.post().key().account(), a -> accounts.find(a).isPresent())) {
                    published.add(p.post());
                } else {
                    tally.ignored++;
                }
            } else if (event instanceof InboundEvent.ReactionReceived r) {
                reactions.add(r.reaction());
            } else {
                oneByOne.add(event);
            }
        }
        for (boolean stored : posts.savePosts(published, deliveryId)) {
            if (stored) tally.accepted++;
            else tally.duplicates++;
        }
        for (InboundEvent event : oneByOne) {
            if (event instanceof InboundEvent.PostEdited e) {
                // An edit may come before its post: it then stores the post, so only for accounts watched.
                if (!watched.computeIfAbsent(e.post().key().account(), a -> accounts.find(a).isPresent())) {
                    tally.ignored++;
                    continue;
                }
                switch (posts.saveEdit(e.post(), e.editedAt(), deliveryId)) {
                    case RECORDED, STORED_AS_POST -> tally.accepted++;
                    case DUPLICATE -> tally.duplicates++;
                    case OUTDATED -> tally.ignored++;
                }
            } else if (event instanceof InboundEvent.PostDeleted d) {
                if (deleted(d)) tally.accepted++;
                else tally.ignored++;
            }
        }
        List<PostStore.ReactionOutcome> outcomes = posts.recordReactions(reactions);
        for (int i = 0; i < outcomes.size(); i++) {
            Reaction reaction = reactions.get(i);
            switch (outcomes.get(i)) {
                case COUNTED -> {
                    tally.accepted++;
                    // What people write to the account is the other side of its learned voice contrast.
                    if (reaction.text() != null) {
                        accounts.keepReply(reaction.target().account(), reaction.reactionId(), reaction.text());
                    }
                }
                case DUPLICATE -> tally.duplicates++;
                case UNKNOWN_POST -> tally.ignored++;
            }
        }
    }

    private boolean deleted(InboundEvent.PostDeleted d) {
        if (!posts.recordDeletion(d.post(), d.at())) return false;
        String incidentId = IncidentIds.forPost(d.post());
        if (incidents.find(incidentId).isPresent()) {
            incidents.note(incidentId, new TimelineEntry(d.at(), TimelineEvent.POST_DELETED, d.post().platform().id(),
                    "The post was deleted from " + d.post().platform().id() + "."), null);
        }
        return true;
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static final class Tally {
        int accepted;
        int duplicates;
        int ignored;
    }
}
