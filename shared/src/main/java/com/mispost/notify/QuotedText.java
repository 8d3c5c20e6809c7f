package com.mispost.notify;

import java.text.Normalizer;

/**
 * Text a notice quotes but did not write (a post, replies, names, what staff typed), made inert:
 * it can neither start a line of its own nor carry a link. A block quote is fenced with
 * {@value #FENCE} on every line, so no quoted line can read like one of the notice's own
 * ("Acknowledge: ...", "Incident page: ..."); an inline quote has no line breaks at all. Every kind
 * of line break (LF, CR, VT, FF, NEL, LS, PS and any other control character) ends a fenced line
 * or becomes a space; format characters (bidi controls, zero-widths, tag characters, variation
 * selectors, fillers: Unicode's Cf and default-ignorable code points) and unpaired surrogates are
 * dropped; and link-like text is defanged as analysts do ({@code hxxps[:]//example[.]com}), so no
 * mail client, phone or chat app turns a stranger's words into something to click. The whole text
 * is on the incident page; a notice quotes a bounded part of it.
 */
public final class QuotedText {
    /** What begins every quoted line. */
    public static final String FENCE = "> ";
    private static final String ELLIPSIS = "…";

    private QuotedText() {
    }

    /**
     * The text as fenced lines ending in a line break, at most {@code maxCodePoints} of it; when cut,
     * a last fenced line says how much more the incident page has.
     */
    public static String block(String text, int maxCodePoints) {
        String raw = text == null ? "" : text;
        // Only a head is cleaned and defanged (the cost follows what is shown, not what was posted), and the
        // cut comes after defanging: "www.evil" cut after "www." would have kept its dot.
        String head = head(raw, maxCodePoints);
        String clean = defang(clean(head, true));
        boolean cut = clean.codePointCount(0, clean.length()) > maxCodePoints || head.length() < raw.length();
        String shown = clean.codePointCount(0, clean.length()) <= maxCodePoints ? clean
                : clean.substring(0, clean.offsetByCodePoints(0, maxCodePoints));
        StringBuilder b = new StringBuilder();
        for (String line : (shown + (cut ? ELLIPSIS : "")).split("\n", -1)) {
            b.append(line.isEmpty() ? FENCE.strip() : FENCE + line).append('\n');
        }
        if (cut) {
            b.append(FENCE).append("[cut here: all ").append(raw.codePointCount(0, raw.length()))
                    .append(" characters are on the incident page]\n");
        }
        return b.toString();
    }

    /** Enough of the text to show {@code maxCodePoints} of it after cleaning, in the usual case; never half a pair. */
    private static String head(String raw, int maxCodePoints) {
        int want = maxCodePoints * 4 + 64;
        if (raw.length() <= want) return raw;
        return raw.substring(0, Character.isHighSurrogate(raw.charAt(want - 1)) ? want - 1 : want);
    }

    /** The text on one line (every break a space), at most {@code maxCodePoints} of it, cut with an ellipsis. */
    public static String inline(String text, int maxCodePoints) {
        if (text == null) return "";
        String head = head(text, maxCodePoints);
        String shown = defang(clean(head, false).trim());
        // Defanging adds brackets: the bound holds for what is shown, and a cut "[." is as inert as "[.]".
        if (shown.codePointCount(0, shown.length()) <= maxCodePoints && head.length() == text.length()) return shown;
        int keep = Math.min(shown.codePointCount(0, shown.length()), Math.max(0, maxCodePoints - 1));
        return shown.substring(0, shown.offsetByCodePoints(0, keep)) + ELLIPSIS;
    }

    /** The text on one line and bounded, but not defanged: a name as machines match it (an SNS attribute). */
    public static String plain(String text, int maxCodePoints) {
        String clean = clean(head(text, maxCodePoints), false).trim();
        return clean.codePointCount(0, clean.length()) <= maxCodePoints ? clean
                : clean.substring(0, clean.offsetByCodePoints(0, maxCodePoints));
    }

    /**
     * Drops what a reader cannot see and what could move or break lines: format and other
     * default-ignorable code points, unpaired surrogates, controls; line and paragraph breaks of
     * every kind become {@code \n} (or a space when {@code keepBreaks} is false); a CR LF pair is one break.
     */
    static String clean(String text, boolean keepBreaks) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\r' && i < text.length() && text.charAt(i) == '\n') continue;
            if (isLineBreak(cp)) {
                b.append(keepBreaks ? '\n' : ' ');
            } else if (cp == '\t' || Character.getType(cp) == Character.SPACE_SEPARATOR) {
                b.append(' ');
            } else if (!invisible(cp)) {
                b.appendCodePoint(cp);
            }
        }
        return b.toString();
    }

    /** Unicode's line terminators, the line and paragraph separators, and every other control character that a client could treat as one. */
    static boolean isLineBreak(int cp) {
        int type = Character.getType(cp);
        return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x1C || cp == 0x1D || cp == 0x1E
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** Not shown, or shown as nothing: removed from a quote. */
    static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.UNASSIGNED && !Character.isValidCodePoint(cp)
                || defaultIgnorable(cp);
    }

    /** Default-ignorable code points (DerivedCoreProperties.txt) that are not Cf: fillers and variation selectors. */
    private static boolean defaultIgnorable(int cp) {
        return cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5 || cp == 0x3164 || cp == 0xFFA0
                || cp >= 0x180B && cp <= 0x180F || cp >= 0xFE00 && cp <= 0xFE0F || cp >= 0xE0000 && cp <= 0xE0FFF
                || cp >= 0x2060 && cp <= 0x206F || cp >= 0xFFF0 && cp <= 0xFFF8 || cp >= 0x1D173 && cp <= 0x1D17A;
    }

    /**
     * Makes link-like text unclickable: a dot (or a dot look-alike: fullwidth, ideographic, one-dot
     * leader, small full stop) between two letters or digits becomes {@code [.]}, an {@code @}
     * between two becomes {@code [@]}, a colon before a slash {@code [:]} and the http scheme
     * {@code hxxp}. Nothing a client links is left: no scheme, no {@code www.}, no host name, no
     * address.
     */
    static String defang(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        int[] cps = text.codePoints().toArray();
        for (int k = 0; k < cps.length; k++) {
            int cp = cps[k];
            String folded = fold(cp);
            boolean between = k > 0 && k + 1 < cps.length && wordy(cps[k - 1]) && wordy(cps[k + 1]);
            // A number (3.50, v1.2) stays as written: no client links digits alone after a dot.
            boolean number = between && Character.isDigit(fold(cps[k - 1]).codePointAt(0)) && Character.isDigit(fold(cps[k + 1]).codePointAt(0));
            if (folded.equals(".") && between && !number) {
                b.append("[.]");
            } else if (folded.equals("@") && between) {
                b.append("[@]");
            } else if (folded.equals(":") && slashes(cps, k + 1)) {
                b.append("[:]");
            } else if ((cp == 't' || cp == 'T') && k >= 1 && k + 1 < cps.length && (cps[k - 1] == 'h' || cps[k - 1] == 'H')
                    && (cps[k + 1] == 't' || cps[k + 1] == 'T') && k + 2 < cps.length && startsScheme(cps, k + 2)) {
                // http -> hxxp: a reader who copies the words does not get a working address either.
                b.append("xx");
                k++;
            } else {
                b.appendCodePoint(cp);
            }
        }
        return b.toString();
    }

    /** After "htt" comes "p:" or "ps:" (or look-alikes of the colon). */
    private static boolean startsScheme(int[] cps, int at) {
        if (at >= cps.length || (cps[at] != 'p' && cps[at] != 'P')) return false;
        int next = at + 1;
        if (next < cps.length && (cps[next] == 's' || cps[next] == 'S')) next++;
        return next < cps.length && fold(cps[next]).equals(":");
    }

    /** A slash (or a look-alike) comes next, blanks aside: "https:/x" is linked by some clients too. */
    private static boolean slashes(int[] cps, int at) {
        for (int k = at; k < cps.length; k++) {
            String f = fold(cps[k]);
            if (f.equals("/") || f.equals("\\")) return true;
            if (!f.isBlank()) return false;
        }
        return false;
    }

    /** A letter or digit in any script or disguise (fullwidth, mathematical, circled). */
    private static boolean wordy(int cp) {
        String f = fold(cp);
        return !f.isEmpty() && Character.isLetterOrDigit(f.codePointAt(0)) || Character.isLetterOrDigit(cp);
    }

    /** A code point as compatibility normalisation reads it, with the dot look-alikes IDNA maps to a dot. */
    private static String fold(int cp) {
        if (cp == 0x3002 || cp == 0xFF61 || cp == 0x2024 || cp == 0xFE52 || cp == 0xFF0E) return ".";
        return Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
    }
}
