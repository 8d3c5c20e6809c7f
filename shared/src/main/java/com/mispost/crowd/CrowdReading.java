package com.mispost.crowd;

import com.mispost.detection.Severity;
import com.mispost.post.Reaction;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a post's newest replies for the crowd turning against it. It turns when at least
 * {@link #MIN_VOICES} differently worded replies, and at least {@link #MIN_SHARE} of the replies
 * read, say so: one person repeating themselves is one voice, and a handful of hostile replies
 * among hundreds of friendly ones is an ordinary day for a brand.
 *
 * <p>Replies are told apart by their words, not by who wrote them: the stored reply carries no
 * author (the platforms' reply events do; keeping it is a change to intake and the reply item).
 * So one person who writes four different hostile replies to a post nobody else answers counts as
 * four voices.
 */
public final class CrowdReading {
    /** Replies read per post: the newest, since a turn shows in the latest answers first. */
    public static final int NEWEST = 50;
    /** Differently worded turning replies needed, so that one troll cannot page staff. */
    static final int MIN_VOICES = 4;
    /** Share of the replies read that must turn, so that a few hostile ones among many friendly ones do not. */
    static final double MIN_SHARE = 0.3;
    /** Voices (with at least half the replies turning) that make it HIGH: the post is on its way to going viral. */
    static final int LOUD_VOICES = 12;

    private CrowdReading() {
    }

    /** What the replies say; {@code newestFirst} as the store returns them. */
    public static Backlash read(List<Reaction> newestFirst) {
        Map<Turn, List<Reaction>> byTurn = new EnumMap<>(Turn.class);
        List<Reaction> turned = new ArrayList<>();
        Set<String> voices = new HashSet<>();
        int read = 0;
        for (Reaction reply : newestFirst) {
            if (reply.text() == null) continue;
            read++;
            Map<Turn, Double> turns = ReplyText.turns(reply.text());
            // A weak cue ("lol", "oh no") only says which way a reply turns that a strong cue already turned.
            if (turns.values().stream().noneMatch(w -> w >= 1)) continue;
            turned.add(reply);
            voices.add(ReplyText.words(reply.text()));
            turns.keySet().forEach(t -> byTurn.computeIfAbsent(t, k -> new ArrayList<>()).add(reply));
        }
        return new Backlash(read, turned, voices.size(), byTurn, severity(read, voices.size(), byTurn));
    }

    private static Severity severity(int read, int voices, Map<Turn, List<Reaction>> byTurn) {
        if (voices < MIN_VOICES || voices < MIN_SHARE * read) return Severity.NONE;
        boolean loud = voices >= LOUD_VOICES && voices * 2 >= read;
        // People asking whether the account was hacked: if it was, every minute counts.
        boolean hacked = byTurn.getOrDefault(Turn.HACKED, List.of()).size() >= MIN_VOICES - 1;
        return loud || hacked ? Severity.HIGH : Severity.MEDIUM;
    }

    /** The replies to quote first: one of each turn (the most common turn first), then the newest others. */
    static List<Reaction> mostTelling(Backlash b, int limit) {
        Set<Reaction> picked = new LinkedHashSet<>();
        b.turnsByVoices().forEach(t -> picked.add(b.byTurn().get(t).get(0)));
        picked.addAll(b.turned());
        return picked.stream().limit(limit).toList();
    }
}
