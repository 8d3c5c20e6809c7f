package com.mispost.detection;

import java.util.Locale;

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
        String[] tokens = text.strip().split("\\s+");
        int first = 0;
        while (first < tokens.length && (tokens[first].startsWith("@") || tokens[first].startsWith(".@"))) first++;
        int last = tokens.length - 1;
        while (last >= first && isLink(tokens[last])) last--;
        if (first > last || tokens[first].isEmpty()) return new String[0];
        String head = "head:" + shape(tokens[first]);
        // A dash or tilde set apart before a name is part of the sign-off ("- Sarah").
        String tail = last > first && tokens[last - 1].codePoints().noneMatch(Character::isLetterOrDigit)
                ? "tail:" + shape(tokens[last - 1]) + " " + shape(tokens[last])
                : "tail:" + shape(tokens[last]);
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
        String t = token.toLowerCase(Locale.ROOT);
        return t.startsWith("http://") || t.startsWith("https://") || t.startsWith("www.");
    }
}
