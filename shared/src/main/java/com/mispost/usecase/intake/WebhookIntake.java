package com.mispost.usecase.intake;

import com.mispost.detection.PublicVoice;
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
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.post.PostKey;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
    /**
     * How long storing a delivery may take before intake stops between two batches and answers 503,
     * keeping what it stored: well inside the function's 15 s timeout (template.yaml), with room for
     * the batch under way and the answer. A retry of the same delivery finds the stored part
     * (duplicates cost a failed condition, not a write) and gets further, instead of being ended by
     * the timeout at the same place every time.
     */
    public static final Duration STORE_BUDGET = Duration.ofSeconds(10);
    /** Events stored per call to the store: the deadline is checked between two. */
    private static final int BATCH = 200;
    /** An answer lists this many rejected events, then how many more there were. */
    private static final int REJECTIONS_LISTED = 20;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);

    private final PlatformWebhooks dialects;
    private final SecretSource secrets;
    private final AccountRegistry accounts;
    private final PostStore posts;
    private final IncidentStore incidents;
    private final DeliveryWatch watch;
    private final Clock clock;
    private final Duration budget;

    public WebhookIntake(PlatformWebhooks dialects, SecretSource secrets, AccountRegistry accounts,
                         PostStore posts, IncidentStore incidents, DeliveryWatch watch) {
        this(dialects, secrets, accounts, posts, incidents, watch, Clock.systemUTC(), STORE_BUDGET);
    }

    public WebhookIntake(PlatformWebhooks dialects, SecretSource secrets, AccountRegistry accounts,
                         PostStore posts, IncidentStore incidents, DeliveryWatch watch, Clock clock, Duration budget) {
        this.clock = clock;
        this.budget = budget;
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
            store(events, dialect.platform(), request.body(), clock.instant().plus(budget), tally);
            tally.ignored += delivery.ignored().size();
        } catch (OutOfTime e) {
            LOG.warn("a {} delivery of {} events was not stored within {} ms; answering 503, the retry goes on from what is stored",
                    dialect.platform().id(), events.size(), budget.toMillis());
            return WebhookResponse.error(503, "the delivery is larger than one answer can store in time; what is stored "
                    + "is kept: retry the same delivery to store the rest");
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
     * Stores a delivery's events in a number of round trips bounded by its size, not its events: one
     * read per hundred accounts it names and per hundred posts its reactions and deletions name (what
     * nobody watches, and reactions to posts not stored, are dropped before anything is written), new
     * posts and reactions in transactions, reply samples 25 a write; edits and deletions of stored
     * posts one by one. Posts go first, so a reaction to a post in the same delivery finds it. A
     * delivery with nothing to keep leaves nothing, not even its body.
     */
    private void store(List<InboundEvent> events, Platform platform, byte[] body, Instant deadline, Tally tally) {
        Set<AccountKey> named = new LinkedHashSet<>();
        for (InboundEvent event : events) named.add(event.account());
        Set<AccountKey> watched = named.isEmpty() ? Set.of() : accounts.findAll(named).keySet();
        List<Post> published = new ArrayList<>();
        List<Reaction> reactions = new ArrayList<>();
        List<InboundEvent> oneByOne = new ArrayList<>();
        for (InboundEvent event : events) {
            if (!watched.contains(event.account())) {
                tally.ignored++;
            } else if (event instanceof InboundEvent.PostPublished p) {
                published.add(p.post());
            } else if (event instanceof InboundEvent.ReactionReceived r) {
                reactions.add(r.reaction());
            } else {
                oneByOne.add(event);
            }
        }
        Set<PostKey> known = known(published, reactions, oneByOne);
        List<Reaction> counted = new ArrayList<>();
        for (Reaction r : reactions) {
            if (known.contains(r.target())) counted.add(r);
            else tally.ignored++; // a post we do not store: acknowledged and dropped
        }
        oneByOne.removeIf(e -> {
            boolean unknown = e instanceof InboundEvent.PostDeleted d && !known.contains(d.post());
            if (unknown) tally.ignored++;
            return unknown;
        });
        if (!published.isEmpty() || !counted.isEmpty() || !oneByOne.isEmpty()) {
            // The evidence first: once it is stored, whatever the events say can be checked against what was signed.
            String deliveryId = HexFormat.of().formatHex(sha256(body));
            boolean redelivered = !posts.saveDelivery(deliveryId, platform, body);
            // A post's reactions together: the store counts them in fewer transactions.
            counted.sort(java.util.Comparator.comparing(r -> r.target().toString()));
            List<Step> steps = steps(published, oneByOne, counted, deliveryId);
            keep(steps, redelivered ? posts.progress(deliveryId).orElse(null) : null, deliveryId, deadline, tally);
        }
        watch.delivered(watched);
    }

    /** The posts the delivery's reactions and deletions name that are stored, or that the delivery itself brings (posts, edits). */
    private Set<PostKey> known(List<Post> published, List<Reaction> reactions, List<InboundEvent> oneByOne) {
        Set<PostKey> known = new HashSet<>();
        for (Post p : published) known.add(p.key());
        for (InboundEvent e : oneByOne) {
            if (e instanceof InboundEvent.PostEdited edit) known.add(edit.post().key()); // an edit before its post stores it
        }
        Set<PostKey> asked = new LinkedHashSet<>();
        for (Reaction r : reactions) asked.add(r.target());
        for (InboundEvent e : oneByOne) {
            if (e instanceof InboundEvent.PostDeleted d) asked.add(d.post());
        }
        asked.removeAll(known);
        if (!asked.isEmpty()) known.addAll(posts.stored(asked));
        return known;
    }

    /**
     * One batch of work (at most {@link #BATCH} events), named by what it stores: a retry of the same
     * delivery that finds the same first steps done (by their names' digest) skips them.
     */
    private record Step(String name, int duplicates, int ignored, java.util.function.Consumer<Tally> run) {
        /** Skipped as done before: what running it again would have answered. */
        void skipped(Tally tally) {
            tally.duplicates += duplicates;
            tally.ignored += ignored;
        }
    }

    /** Posts first (a reaction in the same delivery finds its post), then edits and deletions, reactions, the replies' words. */
    private List<Step> steps(List<Post> published, List<InboundEvent> oneByOne, List<Reaction> reactions, String deliveryId) {
        List<Step> steps = new ArrayList<>();
        for (List<Post> batch : batches(published)) {
            steps.add(new Step(named("posts", batch, p -> p.key().toString()), batch.size(), 0, tally -> {
                for (boolean stored : posts.savePosts(batch, deliveryId)) {
                    if (stored) tally.accepted++;
                    else tally.duplicates++;
                }
            }));
        }
        for (List<InboundEvent> batch : batches(oneByOne)) {
            int deletes = (int) batch.stream().filter(e -> e instanceof InboundEvent.PostDeleted).count();
            // Skipped as done: an edit stored before is a duplicate, a deletion noted before is ignored.
            steps.add(new Step(named("changes", batch, InboundEvent::deliveryKey), batch.size() - deletes, deletes, tally -> {
                List<InboundEvent.PostDeleted> deletions = new ArrayList<>();
                for (InboundEvent event : batch) {
                    if (event instanceof InboundEvent.PostEdited e) {
                        // An edit may come before its post: it then stores the post (the account is watched: see store).
                        switch (posts.saveEdit(e.post(), e.editedAt(), deliveryId)) {
                            case RECORDED, STORED_AS_POST -> tally.accepted++;
                            case DUPLICATE -> tally.duplicates++;
                            case OUTDATED -> tally.ignored++;
                        }
                    } else if (event instanceof InboundEvent.PostDeleted d) {
                        deletions.add(d);
                    }
                }
                int noted = deleted(deletions);
                tally.accepted += noted;
                tally.ignored += deletions.size() - noted;
            }));
        }
        for (List<Reaction> batch : batches(reactions)) {
            steps.add(new Step(named("reactions", batch, Reaction::toString), batch.size(), 0, tally -> {
                for (PostStore.ReactionOutcome outcome : posts.recordReactions(batch)) {
                    switch (outcome) {
                        case COUNTED -> tally.accepted++;
                        case DUPLICATE -> tally.duplicates++;
                        case UNKNOWN_POST -> tally.ignored++;
                    }
                }
            }));
        }
        // What people write to the account is the other side of its learned voice contrast; kept again on
        // a retry (the same slot, the same words), so that a failure between counting and keeping converges.
        // Each account keeps one reply per sample slot: of a delivery's replies that meet in one, the later is kept.
        Map<String, AccountRegistry.KeptReply> bySlot = new LinkedHashMap<>();
        for (Reaction r : reactions) {
            if (r.text() == null) continue;
            bySlot.remove(r.target().account() + "#" + PublicVoice.slot(r.reactionId()));
            bySlot.put(r.target().account() + "#" + PublicVoice.slot(r.reactionId()),
                    new AccountRegistry.KeptReply(r.target().account(), r.reactionId(), r.text()));
        }
        List<AccountRegistry.KeptReply> replies = new ArrayList<>(bySlot.values());
        for (List<AccountRegistry.KeptReply> batch : batches(replies)) {
            steps.add(new Step(named("words", batch, r -> r.account() + "/" + r.replyId()), 0, 0,
                    tally -> accounts.keepReplies(batch)));
        }
        return steps;
    }

    private static <T> String named(String kind, List<T> items, java.util.function.Function<T, String> name) {
        StringBuilder b = new StringBuilder(kind);
        for (T item : items) b.append('\n').append(name.apply(item));
        return b.toString();
    }

    /**
     * Runs the steps, skipping those an earlier try recorded as done. Once a quarter of the budget
     * is spent it records how far it got after each step but the last (one small write per 200
     * events, and none for a delivery that is quick): a try ended by the function's timeout in the
     * middle of a step loses only that step. When the budget runs out between two steps, it stops
     * ({@link OutOfTime}).
     */
    private void keep(List<Step> steps, PostStore.Progress earlier, String deliveryId, Instant deadline, Tally tally) {
        int skip = earlier != null && earlier.steps() <= steps.size() && digest(steps, earlier.steps()).equals(earlier.digest())
                ? earlier.steps() : 0;
        Instant noteFrom = deadline.minus(budget.multipliedBy(3).dividedBy(4));
        MessageDigest done = sha256();
        for (int i = 0; i < steps.size(); i++) {
            if (i >= skip && clock.instant().isAfter(deadline)) throw new OutOfTime();
            Step step = steps.get(i);
            if (i < skip) step.skipped(tally);
            else step.run().accept(tally);
            done.update(step.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            done.update((byte) 0);
            if (i >= skip && i < steps.size() - 1 && clock.instant().isAfter(noteFrom)) {
                posts.noteProgress(deliveryId, new PostStore.Progress(i + 1, HexFormat.of().formatHex(digestSoFar(done))));
            }
        }
    }

    private static byte[] digestSoFar(MessageDigest running) {
        try {
            return ((MessageDigest) running.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    /** The hex SHA-256 of the first {@code n} steps' names. */
    private static String digest(List<Step> steps, int n) {
        MessageDigest sha = sha256();
        for (int i = 0; i < n; i++) {
            sha.update(steps.get(i).name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static <T> List<List<T>> batches(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH) out.add(all.subList(from, Math.min(all.size(), from + BATCH)));
        return out;
    }

    /** The budget ran out between two steps: everything before is stored, nothing after was begun. */
    private static final class OutOfTime extends RuntimeException {
        OutOfTime() {
            super(null, null, false, false);
        }
    }

    /**
     * Notes the deletions (each post's first), and on the timeline of each deleted post's incident,
     * if it has one; returns how many were noted now.
     */
    private int deleted(List<InboundEvent.PostDeleted> deletions) {
        if (deletions.isEmpty()) return 0;
        Map<PostKey, Instant> at = new LinkedHashMap<>();
        for (InboundEvent.PostDeleted d : deletions) at.putIfAbsent(d.post(), d.at());
        Set<PostKey> noted = posts.recordDeletions(at);
        Map<String, PostKey> byIncident = new LinkedHashMap<>();
        for (PostKey key : noted) byIncident.put(IncidentIds.forPost(key), key);
        if (byIncident.isEmpty()) return 0;
        for (String incidentId : incidents.existing(byIncident.keySet())) {
            PostKey post = byIncident.get(incidentId);
            incidents.note(incidentId, new TimelineEntry(at.get(post), TimelineEvent.POST_DELETED, post.platform().id(),
                    "The post was deleted from " + post.platform().id() + "."), null);
        }
        return noted.size();
    }

    private static byte[] sha256(byte[] body) {
        return sha256().digest(body);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
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
