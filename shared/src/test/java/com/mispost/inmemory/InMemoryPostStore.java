package com.mispost.inmemory;

import com.mispost.detection.Assessment;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.post.PostKey;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionCounts;
import com.mispost.post.ReactionKind;
import com.mispost.store.PostStore;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** {@link PostStore} in maps, with the table's promises (once per post, once per reaction); can be made to fail. */
public final class InMemoryPostStore implements PostStore {
    private final Clock clock;
    private final Map<PostKey, Post> posts = new LinkedHashMap<>();
    private final Map<String, byte[]> deliveries = new HashMap<>();
    private final Map<String, Progress> progress = new HashMap<>();
    private final Map<PostKey, Assessment> assessments = new HashMap<>();
    private final List<Edit> edits = new ArrayList<>();
    private final Map<PostKey, Instant> newestEdit = new HashMap<>();
    private final Set<String> reactions = new HashSet<>();
    private final Map<PostKey, Map<ReactionKind, Long>> totals = new HashMap<>();
    private final Map<PostKey, TreeMap<Instant, Long>> perMinute = new HashMap<>();
    private final Map<PostKey, Instant> lastReactionAt = new HashMap<>();
    private final Map<PostKey, Instant> deletedAt = new HashMap<>();
    private final Map<PostKey, List<Reaction>> replies = new HashMap<>();
    private volatile boolean down;
    private volatile boolean countingDown;
    /** What the stream's reader handed over to be counted, in order. */
    public final List<com.mispost.store.StreamedReaction> streamed = new java.util.concurrent.CopyOnWriteArrayList<>();

    public InMemoryPostStore(Clock clock) {
        this.clock = clock;
    }

    private final Map<String, Integer> calls = new HashMap<>();
    private final Set<String> failOnce = new HashSet<>();
    private java.util.function.IntConsumer given = n -> { };

    /** From now on every call fails as an unreachable table would. */
    public void goDown() {
        down = true;
    }

    /** The next call of the named operation (a method's name) fails as a lost connection would; the ones after it work. */
    public synchronized void failOnce(String operation) {
        failOnce.add(operation);
    }

    /** Told how many posts each savePosts was given (a real store spends time on each, stored before or not). */
    public synchronized void onSavePosts(java.util.function.IntConsumer given) {
        this.given = given;
    }

    /** How often the named operation was called. */
    public synchronized int calls(String operation) {
        return calls.getOrDefault(operation, 0);
    }

    /** From now on counting from the stream fails (a throttled counter write); everything else works. */
    public void stopCounting() {
        countingDown = true;
    }

    private void check() {
        if (down) throw new IllegalStateException("storage is down (test)");
    }

    private void check(String operation) {
        check();
        calls.merge(operation, 1, Integer::sum);
        if (failOnce.remove(operation)) throw new IllegalStateException(operation + " failed (test)");
    }

    public Optional<Assessment> assessment(PostKey key) {
        return Optional.ofNullable(assessments.get(key));
    }

    @Override
    public synchronized boolean saveDelivery(String deliveryId, Platform platform, byte[] body) {
        check("saveDelivery");
        return deliveries.putIfAbsent(deliveryId, body.clone()) == null;
    }

    @Override
    public synchronized void noteProgress(String deliveryId, Progress p) {
        check("noteProgress");
        if (deliveries.containsKey(deliveryId)) progress.put(deliveryId, p);
    }

    @Override
    public synchronized Optional<Progress> progress(String deliveryId) {
        check("progress");
        return Optional.ofNullable(progress.get(deliveryId));
    }

    @Override
    public synchronized Optional<byte[]> findDelivery(String deliveryId) {
        check();
        return Optional.ofNullable(deliveries.get(deliveryId)).map(byte[]::clone);
    }

    @Override
    public synchronized List<Boolean> savePosts(List<Post> batch, String deliveryId) {
        check("savePosts");
        List<Boolean> stored = new ArrayList<>();
        for (Post post : batch) stored.add(posts.putIfAbsent(post.key(), post) == null);
        given.accept(batch.size());
        return stored;
    }

    @Override
    public synchronized Optional<Post> findPost(PostKey key) {
        check();
        return Optional.ofNullable(posts.get(key));
    }

    @Override
    public synchronized Set<PostKey> stored(java.util.Collection<PostKey> keys) {
        check("stored");
        Set<PostKey> stored = new HashSet<>();
        for (PostKey k : keys) {
            if (posts.containsKey(k)) stored.add(k);
        }
        return stored;
    }

    public synchronized boolean hasDelivery(String deliveryId) {
        return deliveries.containsKey(deliveryId);
    }

    public synchronized int deliveries() {
        return deliveries.size();
    }

    @Override
    public synchronized EditOutcome saveEdit(Post edited, Instant editedAt, String deliveryId) {
        check("saveEdit");
        Instant newest = newestEdit.get(edited.key());
        if (newest != null && !editedAt.isAfter(newest)) {
            return editedAt.equals(newest) ? EditOutcome.DUPLICATE : EditOutcome.OUTDATED;
        }
        newestEdit.put(edited.key(), editedAt);
        if (posts.putIfAbsent(edited.key(), edited) == null) return EditOutcome.STORED_AS_POST;
        edits.add(new Edit(edited, editedAt));
        return EditOutcome.RECORDED;
    }

    /** The posts stored, in the order they were stored (as the stream would carry them). */
    public synchronized List<Post> stored() {
        return List.copyOf(posts.values());
    }

    /** The edits recorded beside stored posts, in the order they were recorded (as the stream would carry them). */
    public synchronized List<Edit> edits() {
        return List.copyOf(edits);
    }

    public record Edit(Post post, Instant editedAt) {
    }

    @Override
    public synchronized boolean saveAssessment(PostKey key, Assessment assessment) {
        check();
        if (!posts.containsKey(key)) return false;
        assessments.put(key, assessment);
        return true;
    }

    @Override
    public synchronized List<ReactionOutcome> recordReactions(List<Reaction> batch) {
        check("recordReactions");
        List<ReactionOutcome> outcomes = new ArrayList<>();
        for (Reaction reaction : batch) outcomes.add(count(reaction));
        return outcomes;
    }

    private ReactionOutcome count(Reaction reaction) {
        PostKey target = reaction.target();
        if (!posts.containsKey(target)) return ReactionOutcome.UNKNOWN_POST;
        if (!reactions.add(target + "#" + reaction.kind().id() + "#" + reaction.reactionId())) return ReactionOutcome.DUPLICATE;
        totals.computeIfAbsent(target, k -> new EnumMap<>(ReactionKind.class)).merge(reaction.kind(), 1L, Long::sum);
        perMinute.computeIfAbsent(target, k -> new TreeMap<>())
                .merge(reaction.at().truncatedTo(ChronoUnit.MINUTES), 1L, Long::sum);
        lastReactionAt.put(target, clock.instant()); // arrival time, as the table keeps it
        if (reaction.text() != null) replies.computeIfAbsent(target, k -> new ArrayList<>()).add(reaction);
        return ReactionOutcome.COUNTED;
    }

    /** Counted as recorded (above): this store has no stream to count from. */
    @Override
    public void countReactions(List<com.mispost.store.StreamedReaction> seen) {
        check();
        if (countingDown) throw new IllegalStateException("counting is down (test)");
        streamed.addAll(seen);
    }

    @Override
    public synchronized Set<PostKey> recordDeletions(Map<PostKey, Instant> deletions) {
        check("recordDeletions");
        Set<PostKey> noted = new HashSet<>();
        deletions.forEach((key, at) -> {
            if (posts.containsKey(key) && deletedAt.putIfAbsent(key, at) == null) noted.add(key);
        });
        return noted;
    }

    @Override
    public synchronized ReactionCounts reactionCounts(PostKey key) {
        check();
        return new ReactionCounts(totals.getOrDefault(key, Map.of()), perMinute.getOrDefault(key, new TreeMap<>()),
                deletedAt.get(key), lastReactionAt.get(key));
    }

    @Override
    public synchronized ReactionCounts recentReactions(PostKey key, Instant since) {
        check();
        return new ReactionCounts(totals.getOrDefault(key, Map.of()),
                perMinute.getOrDefault(key, new TreeMap<>()).tailMap(since.truncatedTo(ChronoUnit.MINUTES)),
                deletedAt.get(key), lastReactionAt.get(key));
    }

    @Override
    public synchronized List<Reaction> replies(PostKey key, int newest) {
        check();
        return replies.getOrDefault(key, List.of()).stream()
                .sorted(java.util.Comparator.comparing(Reaction::at).reversed()).limit(Math.max(0, newest)).toList();
    }
}
