package com.mispost.detection;

/**
 * The shapes a post starts and ends with, which a team's conventions fix and a person's posts do
 * not share: "^JS" and "^MK" both end in the shape {@code ^A}, "- Sarah" in {@code - Aa}, "(2/3)" in
 * {@code (9/9)}, "A: ..." starts with {@code A:}. Nothing here knows which shapes are conventions:
 * an account's {@link VoiceProfile} counts the shapes of its own posts, the {@link PublicVoice} those
 * of the replies it receives, and a shape that is frequent in the one and rare in the other is that
 * account's convention ({@link MispostDetector}).
 */
final class Conventions {

    /** Longest shape kept, in characters: a long word is a word, not a convention. */
    private static final int MAX_SHAPE = 8;

    private Conventions() {
    }

    /**
     * The post's opening and closing shapes ("head:A:", "tail:^A"), leaving out the mentions it
     * opens with (that is addressing, which the style marks read) and the links it ends with;
     * an empty array for a post with no words.
     */
    static String[] of(String text) {
        // Token bounds found by hand, not by a regular expression: this runs on every post screened.
        int n = text.length();
        int start = 0;
        int headStart = -1;
        int headEnd = -1;
        while (start < n) {
            while (start < n && Character.isWhitespace(text.charAt(start))) start++;
            if (start == n) break;
            int end = start;
            while (end < n && !Character.isWhitespace(text.charAt(end))) end++;
            if (text.charAt(start) != '@' && !text.startsWith(".@", start)) {
                headStart = start;
                headEnd = end;
                break;
            }
            start = end;
        }
        if (headStart < 0) return new String[0];
        int end = n;
        int tailStart = -1;
        int tailEnd = -1;
        int beforeStart = -1;
        int beforeEnd = -1;
        while (end > headStart) {
            while (end > headStart && Character.isWhitespace(text.charAt(end - 1))) end--;
            int begin = end;
            while (begin > headStart && !Character.isWhitespace(text.charAt(begin - 1))) begin--;
            if (begin == end) break;
            if (tailStart < 0) {
                if (!isLink(text.substring(begin, end))) {
                    tailStart = begin;
                    tailEnd = end;
                }
            } else {
                beforeStart = begin;
                beforeEnd = end;
                break;
            }
            end = begin;
        }
        if (tailStart < 0) return new String[0];
        String head = "head:" + shape(text.substring(headStart, headEnd));
        String last = shape(text.substring(tailStart, tailEnd));
        // A dash or tilde set apart before a name is part of the sign-off ("- Sarah").
        boolean setApart = beforeStart >= headStart && beforeStart != tailStart
                && text.substring(beforeStart, beforeEnd).codePoints().noneMatch(Character::isLetterOrDigit);
        String tail = setApart ? "tail:" + shape(text.substring(beforeStart, beforeEnd)) + " " + last : "tail:" + last;
        return new String[]{head, tail};
    }

    /** Letters as A or a by case, digits as 9, anything else as itself; runs of one kind as one. */
    static String shape(String token) {
        StringBuilder out = new StringBuilder(MAX_SHAPE);
        char previous = 0;
        for (int i = 0; i < token.length() && out.length() < MAX_SHAPE; ) {
            int cp = token.codePointAt(i);
            i += Character.charCount(cp);
            char kind = Character.isUpperCase(cp) ? 'A' : Character.isLetter(cp) ? 'a' : Character.isDigit(cp) ? '9'
                    : cp < 0x10000 ? (char) cp : '*';
            if (kind != previous || !(kind == 'A' || kind == 'a' || kind == '9')) out.append(kind);
            previous = kind;
        }
        return out.toString();
    }

    private static boolean isLink(String token) {
        return token.regionMatches(true, 0, "http://", 0, 7) || token.regionMatches(true, 0, "https://", 0, 8)
                || token.regionMatches(true, 0, "www.", 0, 4);
    }
}
