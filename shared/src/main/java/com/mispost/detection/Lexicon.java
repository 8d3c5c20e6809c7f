package com.mispost.detection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The word lists the detector reads posts with: categorised terms and phrases, the AFINN-165
 * valence of words, and which bad words may be looked for inside words run together.
 * Immutable once built; {@link #shipped()} loads the lists in the artifact once.
 */
public final class Lexicon {

    /** A term of two or more words, matched on consecutive tokens. */
    record Phrase(String[] words, int mask) {
    }

    /** A bad word that may also be found inside a longer run-together word or hashtag. */
    record Embedded(String term, int mask) {
    }

    private static final String[] TERM_FILES = {"ldnoobw-en.tsv", "mispost-terms.tsv"};
    private static final String VALENCE_FILE = "afinn-165.tsv";

    private final Map<String, Integer> words = new HashMap<>();
    private final Map<String, List<Phrase>> phrasesByFirstWord = new HashMap<>();
    private final List<Embedded> embedded = new ArrayList<>();
    /** Single risk words in file order, for matching masked spellings ("f**k"). */
    private final List<String> maskable = new ArrayList<>();
    private final List<String> innocent = new ArrayList<>();
    private final Map<String, Integer> valence = new HashMap<>();

    private Lexicon() {
    }

    private static final class Shipped {
        static final Lexicon INSTANCE = load();
    }

    /** The lists shipped in the artifact, loaded once per class loader. */
    public static Lexicon shipped() {
        return Shipped.INSTANCE;
    }

    private static Lexicon load() {
        Lexicon lexicon = new Lexicon();
        for (String file : TERM_FILES) {
            for (String[] row : rows(file)) lexicon.addTerm(row);
        }
        for (String[] row : rows(VALENCE_FILE)) {
            if (!row[0].contains(" ")) lexicon.valence.put(row[0], Integer.parseInt(row[1].trim()));
        }
        return lexicon;
    }

    private void addTerm(String[] row) {
        Category category = Category.fromId(row[0].trim())
                .orElseThrow(() -> new IllegalStateException("unknown lexicon category: " + row[0]));
        String term = row[1].trim().toLowerCase(Locale.ROOT);
        boolean embed = row.length > 2 && row[2].trim().equals("embed");
        if (category == Category.INNOCENT) {
            innocent.add(term);
            return;
        }
        if (term.contains(" ")) {
            String[] parts = term.split(" ");
            List<Phrase> phrases = phrasesByFirstWord.computeIfAbsent(parts[0], k -> new ArrayList<>());
            Phrase existing = phrases.stream().filter(p -> String.join(" ", p.words()).equals(term)).findFirst().orElse(null);
            if (existing != null) phrases.remove(existing);
            phrases.add(new Phrase(parts, category.bit() | (existing == null ? 0 : existing.mask())));
            return;
        }
        words.merge(term, category.bit(), (a, b) -> a | b);
        if ((category.bit() & Category.RISK_MASK) != 0 && !maskable.contains(term)) maskable.add(term);
        if (embed) embedded.add(new Embedded(term, category.bit()));
    }

    private static List<String[]> rows(String file) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = Lexicon.class.getResourceAsStream(file)) {
            if (in == null) throw new IllegalStateException("missing lexicon resource " + file);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) continue;
                rows.add(line.split("\t"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lexicon resource " + file, e);
        }
        return rows;
    }

    /**
     * The categories of a single word, as a bit mask of {@link Category#bit()}; 0 when unknown. A
     * word unknown as written is also looked up {@linkplain TextNormaliser#bare bare} (accents and
     * Latin look-alikes read as ASCII: "fück", "ꜰᴜᴄᴋ"), for its risk categories only.
     */
    int mask(String word) {
        Integer mask = words.get(word);
        if (mask != null) return mask;
        String bare = TextNormaliser.bare(word);
        if (bare == word) return 0;
        mask = words.get(bare);
        return mask == null ? 0 : mask & Category.RISK_MASK;
    }

    /** The single-word risk terms, in file order. */
    List<String> riskWords() {
        return List.copyOf(maskable);
    }

    boolean knows(String word) {
        return words.containsKey(word) || valence.containsKey(word);
    }

    List<Phrase> phrasesStartingWith(String word) {
        return phrasesByFirstWord.getOrDefault(word, List.of());
    }

    /** AFINN-165 valence of a word, -5..5; 0 when unrated. */
    int valence(String word) {
        Integer v = valence.get(word);
        return v == null ? 0 : v;
    }

    /**
     * The risk word a masked spelling stands for ("f**k", "sh*t"): same length, same letters where
     * shown, at least the first letter shown. Null when none fits.
     */
    String unmask(String shown) {
        String masked = TextNormaliser.bare(shown);
        if (masked.isEmpty() || masked.charAt(0) == '*') return null;
        for (String term : maskable) {
            if (term.length() != masked.length()) continue;
            boolean fits = true;
            for (int i = 0; i < term.length() && fits; i++) {
                char c = masked.charAt(i);
                fits = c == '*' || c == term.charAt(i);
            }
            if (fits) return term;
        }
        return null;
    }

    /** A bad word found inside a run-together word ("#fuckmondays"), unless the word is innocent. */
    Embedded embeddedIn(String shown) {
        String word = TextNormaliser.bare(shown);
        for (Embedded e : embedded) {
            if (word.contains(e.term()) && !isInnocent(word)) return e;
        }
        return null;
    }

    private boolean isInnocent(String word) {
        for (String w : innocent) {
            if (word.contains(w)) return true;
        }
        return false;
    }
}
