package com.mispost.crowd;

import com.mispost.detection.Assessment;
import com.mispost.detection.Evidence;
import com.mispost.detection.Reason;
import com.mispost.detection.Severity;
import com.mispost.post.Reaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the crowd's replies to one post say about it.
 *
 * @param read     the replies read (with words)
 * @param replying how many voices wrote them: authors, or wordings where the author is unknown (see {@link CrowdReading})
 * @param turned   those that turn against the post, newest first
 * @param voices   how many of those voices turned
 * @param byTurn   the turning replies by how they turn, each newest first
 * @param severity NONE when the crowd has not turned
 * @param fresh    whether the post is young enough for its crowd to be an incident in progress (see {@link CrowdReading#FRESH})
 */
public record Backlash(int read, int replying, List<Reaction> turned, int voices, Map<Turn, List<Reaction>> byTurn,
                       Severity severity, boolean fresh) {
    /** Signals of the crowd's reasons start with this: an alert from the crowd rather than from the post's words. */
    public static final String SIGNAL_PREFIX = "crowd.";
    /** Replies an alert quotes in the summary; the incident page has them by turn. */
    static final int QUOTED = 3;
    private static final int QUOTE_CHARS = 140;

    public Backlash {
        turned = List.copyOf(turned);
        byTurn = Map.copyOf(byTurn);
    }

    public boolean alerts() {
        return severity != Severity.NONE;
    }

    /** Whether an assessment is the crowd's. */
    public static boolean isCrowds(Assessment assessment) {
        return assessment.reasons().stream().anyMatch(r -> r.signal().startsWith(SIGNAL_PREFIX));
    }

    /** The turns, the most voiced first. */
    List<Turn> turnsByVoices() {
        return byTurn.keySet().stream().sorted(Comparator.comparingInt((Turn t) -> -byTurn.get(t).size())
                .thenComparing(Enum::ordinal)).toList();
    }

    /**
     * The crowd's verdict as an assessment: the score is the share of the voices replying that turned;
     * the first reason sums it up and quotes the most telling replies, then one reason per turn with
     * its replies as evidence. A pace at or above the account's spike threshold (reactions in the
     * post's busiest minute) makes a fresh post's backlash HIGH and is a reason of its own; pace
     * alone raises nothing, since a post that goes well goes fast too.
     *
     * @param peakPerMinute   reactions in the post's busiest minute so far
     * @param spikePerMinute  the account's threshold for a spike (its policy)
     */
    public Assessment assessment(long peakPerMinute, int spikePerMinute) {
        List<Reason> reasons = new ArrayList<>();
        List<String> parts = turnsByVoices().stream().map(t -> replies(byTurn.get(t).size()) + " " + t.says()).toList();
        reasons.add(new Reason(SIGNAL_PREFIX + "backlash", String.format(Locale.ROOT,
                "%d of the %d newest replies (%d of %d voices) turned against the post: %s",
                turned.size(), read, voices, replying, String.join("; ", parts)), turned.size(), quotes(CrowdReading.mostTelling(this, QUOTED))));
        for (Turn t : turnsByVoices()) {
            List<Reaction> replies = byTurn.get(t);
            reasons.add(new Reason(SIGNAL_PREFIX + t.id(), replies(replies.size()) + " " + t.says(), replies.size(), quotes(replies)));
        }
        boolean fast = fresh && peakPerMinute >= spikePerMinute;
        if (fast) {
            reasons.add(1, new Reason(SIGNAL_PREFIX + "pace", String.format(Locale.ROOT, "%d reactions in its busiest minute, "
                    + "at or above the account's spike threshold of %d a minute", peakPerMinute, spikePerMinute), 1, List.of()));
        }
        double share = replying == 0 ? 0 : Math.min(1.0, (double) voices / replying);
        return new Assessment(share, fast ? Severity.max(severity, Severity.HIGH) : severity, reasons, "Read the post again beside the replies quoted here and decide "
                + "whether it stands: if it missed the mark (or was never meant for this account), capture it and follow "
                + "the steps below; if it stands, reply once and dismiss this alert.");
    }

    private static String replies(int n) {
        return n + (n == 1 ? " reply" : " replies");
    }

    private static List<Evidence> quotes(List<Reaction> replies) {
        return replies.stream().map(r -> Evidence.fact("\"" + shorten(r.text().strip().replaceAll("\\s+", " ")) + "\"")).toList();
    }

    private static String shorten(String text) {
        if (text.codePointCount(0, text.length()) <= QUOTE_CHARS) return text;
        return text.substring(0, text.offsetByCodePoints(0, QUOTE_CHARS - 1)).strip() + "…";
    }
}
