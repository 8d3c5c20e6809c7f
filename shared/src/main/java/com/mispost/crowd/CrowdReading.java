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
 * {@link #MIN_VOICES} voices say so, and they number at least {@link #MIN_SHARE} of the replies
 * read: one person is one voice however many replies they write, and a handful of hostile replies
 * among hundreds of friendly ones is an ordinary day for a brand.
 *
 * <p>A voice is the reply's author when the delivery says who wrote it; a reply without an author
 * (from a relay that does not say) is told apart by its wording instead, so that one person
 * repeating themselves word for word is still one voice.
 */
public final class CrowdReading {
    /** Replies read per post: the newest, since a turn shows in the latest answers first. */
    public static final int NEWEST = 50;
    /** Voices among the turning replies needed, so that one troll cannot page staff. */
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
            voices.add(voice(reply));
            turns.keySet().forEach(t -> byTurn.computeIfAbsent(t, k -> new ArrayList<>()).add(reply));
        }
        return new Backlash(read, turned, voices.size(), byTurn, severity(read, voices.size(), byTurn));
    }

    /**
     * Who a reply speaks for: its author, or its words when the author is unknown. The prefixes keep
     * an author's id from ever equalling a reply's words.
     */
    private static String voice(Reaction reply) {
        return reply.author() != null ? "author:" + reply.author() : "words:" + ReplyText.words(reply.text());
    }

    private static Severity severity(int read, int voices, Map<Turn, List<Reaction>> byTurn) {
        if (voices < MIN_VOICES || voices < MIN_SHARE * read) return Severity.NONE;
        boolean loud = voices >= LOUD_VOICES && voices * 2 >= read;
        // People asking whether the account was hacked: if it was, every minute counts.
        long askingAboutAHack = byTurn.getOrDefault(Turn.HACKED, List.of()).stream().map(CrowdReading::voice).distinct().count();
        boolean hacked = askingAboutAHack >= MIN_VOICES - 1;
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
