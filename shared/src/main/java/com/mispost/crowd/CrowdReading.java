package com.mispost.crowd;

import com.mispost.detection.Severity;
import com.mispost.post.Reaction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a post's newest replies for the crowd turning against it. People are counted on both
 * sides: one person is one voice however many replies they write, hostile or friendly, and the
 * crowd has turned when at least {@link #MIN_VOICES} voices turn and they are at least
 * {@link #MIN_SHARE} of the voices that replied (a handful of hostile people among many friendly
 * ones is an ordinary day for a brand).
 *
 * <p>A voice is the reply's author when the delivery says who wrote it; a reply without an author
 * (from a relay that does not say) is told apart by its wording instead, so that one person
 * repeating themselves word for word is still one voice.
 *
 * <p>The post's age weighs in: a mispost is noticed within hours, so beyond {@link #FRESH} the
 * voices needed double with each further day (a crowd turning on last year's post is a
 * reputational matter, not an incident in progress, and can never page), and only a fresh post's
 * crowd can be HIGH. HIGH also needs voices an attacker cannot mint: accounts the platform says
 * are new or unfollowed count towards an alert but never towards HIGH.
 */
public final class CrowdReading {
    /** Replies read per post: the newest, since a turn shows in the latest answers first. */
    public static final int NEWEST = 50;
    /** Voices among the turning replies needed, so that one troll cannot page staff. */
    static final int MIN_VOICES = 4;
    /** Share of the voices replying that must turn, so that a few hostile people among many friendly ones do not. */
    static final double MIN_SHARE = 0.3;
    /** Established voices (at least half of those replying) that make it HIGH: the post is on its way to going viral. */
    static final int LOUD_VOICES = 12;
    /** Established voices asking whether the account was hacked that make it HIGH: if it was, every minute counts. */
    static final int HACK_VOICES = 6;
    /** How long a post's crowd is an incident in progress; after it the voices needed double each day. */
    static final Duration FRESH = Duration.ofHours(24);
    /** Crowd alerts one account may raise within {@link #ALERT_WINDOW}; the rest are grouped onto the latest. */
    public static final int ALERTS_PER_WINDOW = 3;
    public static final Duration ALERT_WINDOW = Duration.ofHours(1);

    private CrowdReading() {
    }

    /**
     * What the replies say; {@code newestFirst} as the store returns them.
     *
     * @param postAge how long ago the post was published (zero or negative: just now)
     */
    public static Backlash read(List<Reaction> newestFirst, Duration postAge) {
        Map<Turn, List<Reaction>> byTurn = new EnumMap<>(Turn.class);
        List<Reaction> turned = new ArrayList<>();
        Set<String> replying = new HashSet<>();
        Set<String> voices = new HashSet<>();
        Set<String> established = new HashSet<>();
        Set<String> askingAboutAHack = new HashSet<>();
        int read = 0;
        for (Reaction reply : newestFirst) {
            if (reply.text() == null) continue;
            read++;
            replying.add(voice(reply));
            Map<Turn, Double> turns = ReplyText.turns(reply.text());
            // A weak cue ("lol", "oh no") only says which way a reply turns that a strong cue already turned.
            if (turns.values().stream().noneMatch(w -> w >= 1)) continue;
            turned.add(reply);
            voices.add(voice(reply));
            boolean mintable = reply.standing() != null && reply.standing().mintable(reply.at());
            if (!mintable) established.add(voice(reply));
            if (!mintable && turns.containsKey(Turn.HACKED)) askingAboutAHack.add(voice(reply));
            turns.keySet().forEach(t -> byTurn.computeIfAbsent(t, k -> new ArrayList<>()).add(reply));
        }
        Severity severity = severity(replying.size(), voices.size(), established.size(), askingAboutAHack.size(), postAge);
        return new Backlash(read, replying.size(), turned, voices.size(), byTurn, severity, postAge.compareTo(FRESH) <= 0);
    }

    /**
     * Who a reply speaks for: its author, or its words when the author is unknown. The prefixes keep
     * an author's id from ever equalling a reply's words.
     */
    private static String voice(Reaction reply) {
        return reply.author() != null ? "author:" + reply.author() : "words:" + ReplyText.words(reply.text());
    }

    /** Voices needed for a post of this age: {@link #MIN_VOICES} while fresh, doubling each day after. */
    static long voicesNeeded(Duration postAge) {
        if (postAge.compareTo(FRESH) <= 0) return MIN_VOICES;
        long days = Math.min(30, postAge.minus(FRESH).toHours() / 24 + 1);
        return (long) MIN_VOICES << days;
    }

    private static Severity severity(int replying, int voices, int established, int askingAboutAHack, Duration postAge) {
        if (voices < voicesNeeded(postAge) || voices < MIN_SHARE * replying) return Severity.NONE;
        if (postAge.compareTo(FRESH) > 0) return Severity.MEDIUM;
        boolean loud = established >= LOUD_VOICES && established * 2 >= replying;
        boolean hacked = askingAboutAHack >= HACK_VOICES;
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
