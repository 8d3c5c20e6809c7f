package com.mispost.detection;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For any risk word of the lexicon and any disguise drawn from Unicode's families, the word is
 * found, and its evidence spans exactly the characters posted for it. The families are enumerated
 * from Unicode itself (the JDK's normalisation and the shipped confusables), not listed by hand:
 * every code point whose compatibility form is the letter, every precomposed accent on it, every
 * Latin look-alike and every look-alike from another script, every default-ignorable code point
 * between letters.
 */
class DisguisePropertiesTest {
    private static final Lexicon LEXICON = Lexicon.shipped();
    private static final String BEFORE = "honestly this is ";
    private static final String AFTER = " and I am done";

    /** How a letter may be disguised. */
    enum Family { COMPATIBILITY, PRECOMPOSED_ACCENT, COMBINING_MARK, LATIN_LOOKALIKE, OTHER_SCRIPT, INVISIBLE_AFTER, NO_BREAK_SPACE_AFTER }

    /** Per letter and family, the code points that show it (BMP and beyond). */
    private static final Map<Family, List<List<String>>> FORMS = forms();

    private static Map<Family, List<List<String>>> forms() {
        Map<Family, List<List<String>>> forms = new EnumMap<>(Family.class);
        for (Family f : Family.values()) {
            List<List<String>> perLetter = new ArrayList<>();
            for (int l = 0; l < 26; l++) perLetter.add(new ArrayList<>());
            forms.put(f, perLetter);
        }
        for (int cp = 0x80; cp <= 0x1FFFF; cp++) {
            if (!Character.isDefined(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) continue;
            String s = new String(Character.toChars(cp));
            String nfkc = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
            if (nfkc.length() == 1 && nfkc.charAt(0) >= 'a' && nfkc.charAt(0) <= 'z' && !s.equals(nfkc)) {
                forms.get(Family.COMPATIBILITY).get(nfkc.charAt(0) - 'a').add(s);
            }
            String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
            if (cp <= 0xFFFF && nfd.length() > 1 && Character.toLowerCase(nfd.charAt(0)) >= 'a' && Character.toLowerCase(nfd.charAt(0)) <= 'z'
                    && nfd.substring(1).chars().allMatch(c -> Character.getType(c) == Character.NON_SPACING_MARK)) {
                forms.get(Family.PRECOMPOSED_ACCENT).get(Character.toLowerCase(nfd.charAt(0)) - 'a').add(s);
            }
            String latin = TextNormaliser.latinOf(cp);
            if (latin != null && latin.length() == 1 && Character.isLetter(latin.charAt(0)) && Character.isLetter(cp)
                    && nfkc.equals(s.toLowerCase(Locale.ROOT))) {
                int letter = Character.toLowerCase(latin.charAt(0)) - 'a';
                boolean latinScript = Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN;
                forms.get(latinScript ? Family.LATIN_LOOKALIKE : Family.OTHER_SCRIPT).get(letter).add(s);
            }
        }
        for (int l = 0; l < 26; l++) {
            String letter = String.valueOf((char) ('a' + l));
            for (int mark = 0x300; mark <= 0x36F; mark++) forms.get(Family.COMBINING_MARK).get(l).add(letter + (char) mark);
            for (int cp = 0x80; cp <= 0xE0FFF; cp++) {
                boolean reorders = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
                if (TextNormaliser.isDefaultIgnorable(cp) && !reorders) {
                    forms.get(Family.INVISIBLE_AFTER).get(l).add(letter + new String(Character.toChars(cp)));
                }
            }
            for (char glue : new char[] {'\u00A0', '\u2007', '\u202F', '\u2800'}) forms.get(Family.NO_BREAK_SPACE_AFTER).get(l).add(letter + glue);
        }
        return forms;
    }

    @Provide
    Arbitrary<String> riskWords() {
        List<String> words = LEXICON.riskWords().stream().filter(w -> w.length() >= 3 && w.chars().allMatch(c -> c >= 'a' && c <= 'z'))
                .filter(w -> found(BEFORE + w + AFTER, BEFORE.length(), BEFORE.length() + w.length()))
                .toList();
        return Arbitraries.of(words);
    }

    @Provide
    Arbitrary<Disguise> disguised() {
        return Combinators.combine(riskWords(), Arbitraries.of(Family.values()), Arbitraries.longs())
                .as(Disguise::of).filter(d -> d != null);
    }

    /** A word as posted: some of its letters (at least one) in one family's forms, the others plain. */
    record Disguise(String word, Family family, String posted) {
        static Disguise of(String word, Family family, long seed) {
            Random random = new Random(seed);
            StringBuilder posted = new StringBuilder();
            boolean any = false;
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                List<String> forms = FORMS.get(family).get(c - 'a');
                // The last letter takes nothing after it: that would be outside the word.
                boolean after = family == Family.INVISIBLE_AFTER || family == Family.NO_BREAK_SPACE_AFTER;
                boolean may = !forms.isEmpty() && !(after && i == word.length() - 1);
                if (may && (random.nextBoolean() || (!any && i >= word.length() - 2))) {
                    posted.append(forms.get(random.nextInt(forms.size())));
                    any = true;
                } else {
                    posted.append(c);
                }
            }
            return any ? new Disguise(word, family, posted.toString()) : null;
        }
    }

    @Property(tries = 2000)
    void aDisguisedRiskWordIsFoundWhereItWasPosted(@ForAll("disguised") Disguise d) {
        String text = BEFORE + d.posted() + AFTER;
        int start = BEFORE.length();
        int end = start + d.posted().length();
        assertThat(found(text, start, end)).as("%s as %s (%s)", d.word(), d.posted(), d.family()).isTrue();
    }

    @Property(tries = 300)
    void everyLetterOfAWordInAnotherScriptsLookAlikesIsFoundInALatinPost(@ForAll("riskWords") String word, @ForAll long seed) {
        Random random = new Random(seed);
        StringBuilder posted = new StringBuilder();
        for (char c : word.toCharArray()) {
            List<String> forms = FORMS.get(Family.OTHER_SCRIPT).get(c - 'a');
            posted.append(forms.isEmpty() ? String.valueOf(c) : forms.get(random.nextInt(forms.size())));
        }
        Assume.that(!TextNormaliser.isAscii(posted.toString()));
        String text = BEFORE + posted + AFTER;
        assertThat(found(text, BEFORE.length(), BEFORE.length() + posted.length())).as(posted.toString()).isTrue();
    }

    /**
     * The Scunthorpe guard of UTS #39: a word of one script, in a text that writes that script,
     * is that script's word, however like an English one it looks.
     */
    @Property(tries = 300)
    void aWholeScriptLookAlikeInATextOfThatScriptIsThatScriptsWord(@ForAll("riskWords") String word, @ForAll long seed,
                                                                 @ForAll boolean greek) {
        Random random = new Random(seed);
        Character.UnicodeScript script = greek ? Character.UnicodeScript.GREEK : Character.UnicodeScript.CYRILLIC;
        StringBuilder posted = new StringBuilder();
        for (char c : word.toCharArray()) {
            List<String> forms = FORMS.get(Family.OTHER_SCRIPT).get(c - 'a').stream()
                    .filter(f -> Character.UnicodeScript.of(f.codePointAt(0)) == script).toList();
            Assume.that(!forms.isEmpty());
            posted.append(forms.get(random.nextInt(forms.size())));
        }
        String before = greek ? "\u039a\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1 \u03c6\u03af\u03bb\u03bf\u03b9 " : "\u041f\u0440\u0438\u0432\u0435\u0442, \u0434\u0440\u0443\u0437\u044c\u044f ";
        String text = before + posted;
        assertThat(found(text, before.length(), text.length())).as(text).isFalse();
    }

    /** Whether the reading finds a risk term spanning exactly [start, end) of the text. */
    private static boolean found(String text, int start, int end) {
        return Reading.of(text, LEXICON).matches.stream()
                .anyMatch(m -> (m.category().bit() & Category.RISK_MASK) != 0 && m.start() == start && m.end() == end);
    }
}
