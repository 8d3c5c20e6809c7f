package com.mispost.notify;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.nio.charset.StandardCharsets;

/**
 * How big a notice may be, so that every notice SNS is given fits what it accepts, whatever was
 * posted. SNS takes at most 256 KiB (262,144 bytes) per publish, counted as UTF-8 over the message
 * and its attributes; a notice goes out as one JSON document with a text per protocol, and its body
 * appears in it three times: in the default and email texts (escaped once, as JSON strings) and
 * inside the queue's JSON (escaped twice). So the body is held to {@link #BODY_MAX_BYTES} escaped
 * twice (which bounds it escaped once too), the subject and the names in it to a few hundred
 * characters, and what is left is margin for the SMS and chat texts and the attributes. Quotes in a
 * notice are bounded first ({@link QuotedText}); the budget is the backstop that holds for any input.
 */
public final class NoticeBudget {
    /** What SNS accepts in one publish: message and attributes, as UTF-8 bytes. */
    public static final int SNS_MESSAGE_MAX = 262_144;
    /** The body, escaped as a JSON string twice (as it sits in the queue's text), in UTF-8 bytes. */
    public static final int BODY_MAX_BYTES = 48_000;
    /** An account's name as notices show it and as the {@code account} attribute carries it. */
    public static final int NAME_MAX = 100;
    /** A subject line before SNS's own 100-character cut for email. */
    public static final int SUBJECT_MAX = 200;
    private static final String CUT = "[cut to fit a notification: the whole notice is on the incident page]\n";

    private NoticeBudget() {
    }

    /** The UTF-8 size of {@code s} written as the contents of a JSON string {@code depth} times over (Jackson's escaping). */
    public static int jsonBytes(String s, int depth) {
        String out = s;
        for (int i = 0; i < depth; i++) out = new String(JsonStringEncoder.getInstance().quoteAsString(out));
        return out.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * {@code content} followed by {@code ownBlock} (the notice's own links, never cut), with the
     * content cut where needed so that the whole is at most {@link #BODY_MAX_BYTES} escaped twice.
     */
    public static String body(String content, String ownBlock) {
        return fit(content, ownBlock, BODY_MAX_BYTES);
    }

    static String fit(String content, String ownBlock, int maxBytes) {
        if (jsonBytes(content + ownBlock, 2) <= maxBytes) return content;
        int budget = maxBytes - jsonBytes("\n" + CUT + ownBlock, 2);
        // The longest head that fits, by code points (never half a surrogate pair); halving first keeps it
        // to a few dozen encodings of at most the budget.
        int lo = 0, hi = content.codePointCount(0, content.length());
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (jsonBytes(content.substring(0, content.offsetByCodePoints(0, mid)), 2) <= budget) lo = mid;
            else hi = mid - 1;
        }
        return content.substring(0, content.offsetByCodePoints(0, lo)) + "\n" + CUT;
    }
}
