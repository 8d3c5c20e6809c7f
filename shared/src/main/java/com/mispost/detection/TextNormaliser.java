package com.mispost.detection;

import java.util.Locale;

/**
 * Reads text as a person sees it, before any word is looked up, so that characters that show
 * nothing or show as other letters never hide a word: format characters (zero-width space and
 * joiners, soft hyphen, word joiner, byte-order mark, bidi controls) and combining marks inside a
 * word are passed over; a right-to-left override is read in the order it displays; Cyrillic,
 * Greek and fullwidth letters posing as Latin ones are read as those. Offsets are kept: the text
 * keeps its length, so evidence still points at the characters that were posted.
 */
final class TextNormaliser {
    private static final char RIGHT_TO_LEFT_OVERRIDE = '\u202E';
    private static final char POP_DIRECTIONAL_FORMATTING = '\u202C';

    /** Letters that look like Latin ones (lower case, as keys are): Cyrillic, then Greek. */
    private static final String LOOKALIKES = "аеорсухѕіјһԁԛԝӏкмтнвь" + "αορυνικτχεηςβ";
    private static final String LATIN = "aeopcyxsijhdqwlkmthbb" + "aopuviktxencb";

    private TextNormaliser() {
    }

    /**
     * The text in the order it displays: each run after a right-to-left override (to the pop, the
     * line's end or the text's end) reversed, so "\u202Ekcuf" is read as the word it shows. Same
     * length as the text; surrogate pairs stay whole.
     */
    static String visualOrder(String text) {
        int override = text.indexOf(RIGHT_TO_LEFT_OVERRIDE);
        if (override < 0) return text;
        StringBuilder out = new StringBuilder(text);
        while (override >= 0) {
            int end = override + 1;
            while (end < text.length() && text.charAt(end) != POP_DIRECTIONAL_FORMATTING && text.charAt(end) != '\n') end++;
            String run = new StringBuilder(text.substring(override + 1, end)).reverse().toString();
            out.replace(override + 1, end, run);
            override = text.indexOf(RIGHT_TO_LEFT_OVERRIDE, end);
        }
        return out.toString();
    }

    /** Whether a character shows nothing by itself inside a word (format characters, combining marks). */
    static boolean isInvisible(char c) {
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    /** The text without the characters that show nothing. */
    static String visible(String raw) {
        StringBuilder out = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (isInvisible(c)) {
                if (out == null) out = new StringBuilder(raw.length()).append(raw, 0, i);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? raw : out.toString();
    }

    /**
     * Whether the text is written in Cyrillic or Greek: it has a letter of those scripts with no
     * Latin twin. Then a word made of look-alikes only ("как") is taken as that script's own word.
     */
    static boolean writesCyrillicOrGreek(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            Character.UnicodeBlock block = Character.UnicodeBlock.of(c);
            if ((block == Character.UnicodeBlock.CYRILLIC || block == Character.UnicodeBlock.GREEK)
                    && Character.isLetter(c) && LOOKALIKES.indexOf(Character.toLowerCase(c)) < 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A word as its lookup key: visible characters only, lower case, fullwidth letters as ASCII,
     * and look-alike Cyrillic or Greek letters as Latin in a word that mixes them with Latin
     * letters, or in a word of look-alikes only unless the text is written in those scripts.
     */
    static String key(String raw, boolean nativeScript) {
        String word = visible(raw).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(word.length());
        boolean latin = false;
        boolean otherScript = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') c = Character.toLowerCase((char) (c - 0xFEE0));
            if (c >= 'a' && c <= 'z') latin = true;
            else if (Character.isLetter(c) && LOOKALIKES.indexOf(c) < 0) otherScript = true;
            out.append(c);
        }
        if (!latin && (otherScript || nativeScript)) return out.toString();
        for (int i = 0; i < out.length(); i++) {
            int at = LOOKALIKES.indexOf(out.charAt(i));
            if (at >= 0) out.setCharAt(i, LATIN.charAt(at));
        }
        return out.toString();
    }
}
