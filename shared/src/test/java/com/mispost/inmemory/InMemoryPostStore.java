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

    /** From now on every call fails as an unreachable table would. */
    public void goDown() {
        down = true;
    }

    /** From now on counting from the stream fails (a throttled counter write); everything else works. */
    public void stopCounting() {
        countingDown = true;
    }

    private void check() {
        if (down) throw new IllegalStateException("storage is down (test)");
    }

    public Optional<Assessment> assessment(PostKey key) {
        return Optional.ofNullable(assessments.get(key));
    }

    @Override
    public synchronized void saveDelivery(String deliveryId, Platform platform, byte[] body) {
        check();
        deliveries.putIfAbsent(deliveryId, body.clone());
    }

    @Override
    public synchronized Optional<byte[]> findDelivery(String deliveryId) {
        check();
        return Optional.ofNullable(deliveries.get(deliveryId)).map(byte[]::clone);
    }

    @Override
    public synchronized List<Boolean> savePosts(List<Post> batch, String deliveryId) {
        check();
        List<Boolean> stored = new ArrayList<>();
        for (Post post : batch) stored.add(posts.putIfAbsent(post.key(), post) == null);
        return stored;
    }

    @Override
    public synchronized Optional<Post> findPost(PostKey key) {
        check();
        return Optional.ofNullable(posts.get(key));
    }

    @Override
    public synchronized EditOutcome saveEdit(Post edited, Instant editedAt, String deliveryId) {
        check();
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
        check();
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
    public synchronized boolean recordDeletion(PostKey key, Instant at) {
        check();
        return posts.containsKey(key) && deletedAt.putIfAbsent(key, at) == null;
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
