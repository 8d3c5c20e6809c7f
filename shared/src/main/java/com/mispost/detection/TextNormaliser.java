package com.mispost.detection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads text as a person sees it, before any word is looked up, by Unicode's own rules rather than
 * a list of tricks, so that a new disguise from a known family needs no new rule:
 * <ul>
 * <li>default-ignorable code points (DerivedCoreProperties: zero-width characters, joiners, soft
 *     hyphen, bidi controls, tag characters, variation selectors, Hangul fillers) and combining
 *     marks that compose with nothing are passed over inside a word;</li>
 * <li>compatibility forms are read as what they stand for (NFKC: mathematical, fullwidth,
 *     superscript, circled and squared letters, ligatures), and a composed and a decomposed accent are one;</li>
 * <li>letters of another script that show as Latin ones (UTS #39 confusables: Cyrillic, Greek,
 *     Armenian, Cherokee, Lisu...) are read as those in a word that mixes scripts (UTS #39's
 *     mixed-script test), or in a word made wholly of such look-alikes in a text that does not
 *     otherwise write that script; a word of a script the text writes is that script's own word;</li>
 * <li>Latin letters beyond ASCII (accents, small capitals, strokes) stay in a word's key, since
 *     other languages spell with them; {@link #bare} reads them as ASCII where the risk lists are
 *     matched.</li>
 * </ul>
 * A right-to-left override is read in the order it displays. Offsets are kept: tokens span the
 * characters as posted, so evidence still points at them.
 */
final class TextNormaliser {
    private static final char RIGHT_TO_LEFT_OVERRIDE = '\u202E';
    private static final char POP_DIRECTIONAL_FORMATTING = '\u202C';

    /** Code point to the ASCII letters or digits it shows as (see latin-folding.tsv). */
    private static final Map<Integer, String> LATIN = latinFolding();
    /** Default_Ignorable_Code_Point as first/last pairs, in order. */
    private static final int[] IGNORABLE = defaultIgnorable();
    /**
     * What each code point of the Basic Multilingual Plane reads as by itself, case kept (see
     * {@link #compat(int)}), filled as met: bounded (64 Ki entries) whatever a text holds; a race
     * only computes an entry twice. Others are read afresh.
     */
    private static final String[] COMPAT = new String[0x10000];
    private static final Set<Character.UnicodeScript> NEUTRAL = EnumSet.of(Character.UnicodeScript.COMMON,
            Character.UnicodeScript.INHERITED, Character.UnicodeScript.UNKNOWN);

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

    /** Whether a code point is Default_Ignorable_Code_Point (shows nothing unless a renderer knows it). */
    static boolean isDefaultIgnorable(int cp) {
        if (cp < 0xAD) return false;
        int lo = 0;
        int hi = IGNORABLE.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cp < IGNORABLE[2 * mid]) hi = mid - 1;
            else if (cp > IGNORABLE[2 * mid + 1]) lo = mid + 1;
            else return true;
        }
        return false;
    }

    /** Whether a code point shows nothing by itself inside a word: default-ignorable, format, or a combining mark. */
    static boolean isInvisible(int cp) {
        if (cp < 0xAD) return false;
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || isDefaultIgnorable(cp);
    }

    /** Whether a code point belongs to the character before it (a combining mark, a variation selector). */
    static boolean attaches(int cp) {
        if (cp < 0x300) return false;
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
    }

    /** Whether a code point reads as a letter or digit: itself, or what it stands for (ⓕ, 🄵, ¹, 🅵). */
    static boolean isLetterLike(int cp) {
        if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
        if (Character.isLetterOrDigit(cp)) return !isDefaultIgnorable(cp);
        // A letter newer than this JDK's Unicode that the shipped data says shows as a Latin one.
        if (!Character.isDefined(cp)) return LATIN.containsKey(cp);
        String c = compat(cp);
        if (c.isEmpty()) return false;
        for (int i = 0; i < c.length(); i++) {
            if (!Character.isLetterOrDigit(c.charAt(i))) return false;
        }
        return true;
    }

    /**
     * What a word reads as, case kept: invisible characters dropped, accents composed (NFC), each
     * code point in its compatibility form (NFKC) without leftover marks. Plain ASCII is returned as is.
     */
    static String compat(String raw) {
        if (isAscii(raw)) return raw;
        String composed = Normalizer.normalize(raw, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(composed.length());
        for (int i = 0; i < composed.length(); ) {
            int cp = composed.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) out.append((char) cp);
            else out.append(compat(cp));
        }
        return out.toString();
    }

    private static String compat(int cp) {
        String known = cp < COMPAT.length ? COMPAT[cp] : null;
        if (known != null) return known;
        String read;
        if (isInvisible(cp)) {
            read = "";
        } else {
            String s = new String(Character.toChars(cp));
            String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
            if (n.equals(s)) {
                // A symbol with no compatibility form that shows a Latin letter (🅰, 🅐) reads as it.
                String latin = Character.getType(cp) == Character.OTHER_SYMBOL ? LATIN.get(cp) : null;
                read = latin != null ? latin : s;
            } else {
                // A symbol that encloses a letter ("⒡" is "(f)") stands for the letter alone.
                boolean symbol = Character.getType(cp) == Character.OTHER_SYMBOL;
                StringBuilder b = new StringBuilder(n.length());
                for (int i = 0; i < n.length(); ) {
                    int c = n.codePointAt(i);
                    i += Character.charCount(c);
                    if (isInvisible(c) || (symbol && !Character.isLetterOrDigit(c))) continue;
                    b.appendCodePoint(c);
                }
                read = b.toString();
            }
        }
        if (cp < COMPAT.length) COMPAT[cp] = read;
        return read;
    }

    /** The scripts a text writes as themselves: it has a letter of them that looks like no Latin one. */
    static Set<Character.UnicodeScript> nativeScripts(String text) {
        Set<Character.UnicodeScript> scripts = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80 || !Character.isLetter(cp)) continue;
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.LATIN || NEUTRAL.contains(script)) continue;
            if (scripts != null && scripts.contains(script)) continue;
            if (lookAlike(cp) == null) {
                if (scripts == null) scripts = EnumSet.noneOf(Character.UnicodeScript.class);
                scripts.add(script);
            }
        }
        return scripts == null ? Set.of() : scripts;
    }

    /**
     * A word (as {@link #compat(String)} reads it) as its lookup key: lower case, and letters of
     * other scripts that show as Latin ones read as those when the word mixes scripts, or is made of
     * such letters only in a script the text does not write ({@code nativeScripts}).
     */
    static String key(String word, Set<Character.UnicodeScript> nativeScripts) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (isAscii(word)) return lower;
        boolean latin = false;
        boolean allLookAlike = true;
        boolean nativeWord = false;
        Character.UnicodeScript other = null;
        boolean mixed = false;
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) continue;
            Character.UnicodeScript script = cp < 0x80 ? Character.UnicodeScript.LATIN : Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.LATIN) {
                latin = true;
            } else if (!NEUTRAL.contains(script)) {
                if (other != null && other != script) mixed = true;
                other = script;
                allLookAlike &= lookAlike(cp) != null;
                nativeWord |= nativeScripts.contains(script);
            }
        }
        if (other == null) return lower;
        // UTS #39: a word of one script is that script's word; a look-alike of a Latin one counts as
        // a disguise only where the text does not write that script.
        boolean disguise = latin || mixed || (allLookAlike && !nativeWord);
        if (!disguise) return lower;
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            i += Character.charCount(cp);
            Character.UnicodeScript script = cp < 0x80 ? Character.UnicodeScript.LATIN : Character.UnicodeScript.of(cp);
            String as = script == Character.UnicodeScript.LATIN || NEUTRAL.contains(script) ? null : lookAlike(cp);
            if (as != null) out.append(as.toLowerCase(Locale.ROOT));
            else out.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }

    /**
     * A key with every Latin or neutral letter read as plain ASCII: accents stripped (NFD, marks
     * dropped), and letters that show as ASCII ones (small capitals, strokes, ɑ, ı) read as those.
     * Letters of other scripts are left as they are: a Cyrillic word never becomes an English one
     * here. The key itself when there is nothing to strip.
     */
    static String bare(String key) {
        if (isAscii(key)) return key;
        String decomposed = Normalizer.normalize(key, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                out.append((char) cp);
                continue;
            }
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) continue;
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            String as = script == Character.UnicodeScript.LATIN || NEUTRAL.contains(script) ? latinOf(cp) : null;
            if (as != null) out.append(as.toLowerCase(Locale.ROOT));
            else out.appendCodePoint(cp);
        }
        String bare = out.toString();
        return bare.equals(key) ? key : bare;
    }

    /**
     * The ASCII a letter of another script shows as: itself, or its base letter when it carries an
     * accent (UTS #39 reads a skeleton decomposed: Cyrillic "ӱ" is "у" with a diaeresis, so "y").
     */
    private static String lookAlike(int cp) {
        String as = latinOf(cp);
        if (as != null) return as;
        String decomposed = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
        int base = decomposed.codePointAt(0);
        return Character.charCount(base) < decomposed.length() && base != cp ? latinOf(base) : null;
    }

    /** The ASCII a letter shows as, in either case (Cyrillic "н" as its capital "Н" shows: H); null if none. */
    static String latinOf(int cp) {
        String as = LATIN.get(Character.toLowerCase(cp));
        if (as == null) as = LATIN.get(cp);
        if (as == null) as = LATIN.get(Character.toUpperCase(cp));
        return as;
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) return false;
        }
        return true;
    }

    private static Map<Integer, String> latinFolding() {
        Map<Integer, String> map = new HashMap<>(4096);
        for (String[] row : rows("latin-folding.tsv")) map.put(Integer.parseInt(row[0], 16), row[1]);
        return Map.copyOf(map);
    }

    private static int[] defaultIgnorable() {
        List<String[]> rows = rows("default-ignorable.tsv");
        int[] ranges = new int[rows.size() * 2];
        for (int i = 0; i < rows.size(); i++) {
            String[] bounds = rows.get(i)[0].split("\\.\\.");
            ranges[2 * i] = Integer.parseInt(bounds[0], 16);
            ranges[2 * i + 1] = Integer.parseInt(bounds[bounds.length - 1], 16);
        }
        return ranges;
    }

    private static List<String[]> rows(String file) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = TextNormaliser.class.getResourceAsStream(file)) {
            if (in == null) throw new IllegalStateException("missing Unicode data resource " + file);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) continue;
                rows.add(line.split("\t"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Unicode data resource " + file, e);
        }
        return rows;
    }
}
