package com.mispost.detection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the detector reads in one post's text: the lexicon terms it contains (seen through
 * disguised spellings), the marks of its style, its emotional valence, and the word units the
 * account's baseline counts. Independent of any account, so the baseline learns from the same
 * reading the detector scores.
 */
final class Reading {

    private static final Pattern SIGN_OFF = Pattern.compile(
            "(\\^\\s?[A-Za-z]{1,15}|[-–—~/*]\\s?[A-Z][A-Za-z]{0,14}|"
                    + "(?i:thanks|thank you|cheers|regards|best|thx)\\s?[-–,]\\s?[A-Z][A-Za-z]{0,14}|(?<![A-Za-z])[A-Z]{2}"
                    + "|(?<=[.!?]\\s{1,3})[A-Z][a-z]{1,14}|#[A-Za-z0-9_]{1,40}\\s{1,3}[A-Z][a-z]{1,14})\\s*$");
    private static final Pattern THREAD_COUNTER = Pattern.compile("\\(?\\d/\\d\\)?");
    private static final Set<Category> PERSONAL_INSIDE_SUPPORT = EnumSet.of(Category.FIRST_SINGULAR, Category.FIRST_POSSESSIVE,
            Category.COMPLAINT, Category.PRIVATE, Category.CUSTOMER);
    private static final String COUNT = "(?:\\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of|several|many)";
    private static final String SPAN = "(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?)";
    /**
     * How long the author has waited: "been waiting for 3 days", "2 weeks ago", "since yesterday".
     * A company states its own times forward ("within 24 hours"), so these read as a customer's complaint.
     */
    private static final Pattern WAITED = Pattern.compile("(?i)\\b(?:(?:been|waiting|waited)\\b[^.!?]{0,30}?\\b(?:for|over|since)\\s+"
            + COUNT + "\\s+(?:more\\s+)?" + SPAN + "|" + COUNT + "\\s+" + SPAN + "\\s+(?:ago|now)|since\\s+(?:yesterday|last\\s+\\w+|this\\s+morning"
            + "|(?:mon|tues|wednes|thurs|fri|satur|sun)day))\\b");
    /** A customer addressed by first name, as agents do: "Hi Megan", "Thanks, Chris!", "..., Elly." */
    private static final Pattern VOCATIVE = Pattern.compile(
            "\\b(?:[Hh]i|[Hh]ey|[Hh]ello|[Tt]hanks|[Tt]hank you|[Ss]orry|[Ww]elcome)[,!]? [A-Z][a-z]+\\b|, [A-Z][a-z]+[!.?]");
    private static final Pattern BIRTHDAY_WISH = Pattern.compile("(?i)\\bhappy (?:belated )?(?:birthday|bday)\\b");
    private static final Pattern LAUGH = Pattern.compile("(a?(ha){2,}h?|(he){2,}h?|lo+l|lu+l)");
    /** Words that nearly every English post has; with the lexicon's own words they tell English posts apart. */
    private static final Set<String> ENGLISH = Set.of("the", "to", "of", "and", "is", "are", "was", "be", "it", "this",
            "that", "for", "with", "you", "your", "we", "our", "i", "my", "not", "can", "will", "have", "has", "at",
            "please", "thanks", "what", "how", "just", "if", "but", "i'm", "it's", "don't");
    private static final Set<String> UNAPOSTROPHED = Set.of("dont", "cant", "wont", "didnt", "doesnt", "isnt", "im", "ive",
            "thats", "whats", "youre", "theyre", "wouldnt", "couldnt", "shouldnt", "aint");
    /** Words of a bare acknowledgement ("Ok thanks", "Done now, thank you!"): the helped customer's reply. */
    private static final Set<String> ACKNOWLEDGING = Set.of("ok", "okay", "k", "kk", "thanks", "thank", "you", "thx", "ty",
            "cheers", "done", "now", "great", "perfect", "cool", "awesome", "got", "it", "will", "do", "never", "mind", "though",
            "hmm", "yes", "yep", "yeah", "sure", "much", "so", "again", "alright", "all", "good", "sorted", "that", "worked");
    private static final Pattern EXCITED = Pattern.compile("[!?]{2,}");
    /**
     * Common words of other languages that are not English words, so that a post in German,
     * French, Spanish, Italian or Portuguese is not read with the English voice lists.
     */
    private static final Set<String> OTHER_LANGUAGES = Set.of(
            "der", "das", "und", "ist", "nicht", "mit", "den", "von", "zu", "für", "auf", "eine", "sie", "ihre", "über",
            "wie", "auch", "sich", "dem", "wir", "ich", "hier", "aus", "bei", "oder", "sind", "werden", "können",
            "le", "la", "les", "et", "est", "des", "une", "pour", "dans", "qui", "pas", "sur", "avec", "vous", "nous",
            "je", "mon", "ce", "du", "au", "sont", "merci", "bonjour", "très",
            "el", "los", "las", "y", "de", "como", "por", "con", "para", "una", "es", "del", "pero", "muy", "gracias", "hola", "está",
            "il", "di", "che", "per", "non", "sono", "della", "questo",
            "não", "você", "obrigado", "muito", "uma", "com", "os", "mas");
    /** Matches that speak as the author, which a quotation gives to someone else. */
    private static final Set<Category> QUOTED_VOICE = EnumSet.of(Category.FIRST_SINGULAR, Category.FIRST_POSSESSIVE,
            Category.NARRATIVE);
    /** A quotation of some words, in curly or straight double quotes (mixed, as phones type them). */
    private static final Pattern QUOTATION = Pattern.compile("[“\"][^“”\"]{12,}[”\"]");
    private static final Category[] CATEGORIES = Category.values();
    private static final String NUMBER_UNIT = "<n>";
    private static final String MENTION_UNIT = "<@>";

    final List<Match> matches;
    final int styles;
    /** The words that carry its emotion (AFINN-165 valence of 3 or more either way, or any negative). */
    final List<Evidence> emotive;
    /** Hashes of the post's word units (words and word pairs) for the account baseline. */
    final int[] units;
    /** Whether it reads as English, which the voice lexicons are written for. */
    final boolean english;

    private Reading(List<Match> matches, int styles, List<Evidence> emotive, int[] units, boolean english) {
        this.english = english;
        this.matches = matches;
        this.styles = styles;
        this.emotive = emotive;
        this.units = units;
    }

    static Reading of(String posted, Lexicon lexicon) {
        String text = TextNormaliser.visualOrder(posted);
        List<Token> tokens = Tokenizer.tokens(text);
        Words words = new Words(text, tokens.size());
        for (int i = 0; i < tokens.size(); i++) words.read(tokens, i, lexicon);
        Match acknowledgement = acknowledgement(tokens);
        if (acknowledgement != null) words.matches.add(acknowledgement);
        Matcher waited = WAITED.matcher(text);
        while (waited.find()) words.matches.add(new Match(Category.COMPLAINT, "waited", waited.start(), waited.end()));
        words.setAsideStockPhrasesAndNames();
        List<Evidence> emotive = words.emotion();

        int styles = words.marks(tokens);
        String trimmed = text.strip();
        // A later part of a thread ("... 2/2") carries its sentence over: its lower-case start is not careless.
        if (words.careless || (startsInLowerCase(text, tokens) && !isLaterPart(trimmed))) styles |= Style.CARELESS.bit();
        if (words.mentions >= 2) styles |= Style.TAGS_SEVERAL.bit();
        if (trimmed.startsWith("@") || trimmed.startsWith(".@")) styles |= Style.ADDRESSED.bit();
        if (words.linked) styles |= Style.LINK.bit();
        String ending = ending(trimmed);
        Matcher signOff = SIGN_OFF.matcher(ending);
        if (signOff.find()) {
            styles |= Style.SIGNOFF.bit();
            ending = ending.substring(0, signOff.start()).stripTrailing();
        }
        if (!ending.isEmpty() && ".!?)\"'".indexOf(ending.charAt(ending.length() - 1)) >= 0) styles |= Style.POLISHED_END.bit();
        if (words.namesSomeone) styles |= Style.NAMES_SOMEONE.bit();
        if (visibleLength(text, tokens) < 40) styles |= Style.SHORT.bit();
        if (words.linked && words.words == 0 && words.hashtags == 0) styles |= Style.BARE_LINK.bit();
        if (hasEmoji(text)) styles |= Style.EMOJI.bit();
        if (words.negative <= -3) styles |= Style.NEGATIVE_EMOTION.bit();
        if (words.strong >= 2 || (words.strongest >= 4 && (text.indexOf('!') >= 0 || hasEmoji(text)))) {
            styles |= Style.INTENSE_EMOTION.bit();
        }
        if (words.hashtags >= 2) styles |= Style.HASHTAGS.bit();
        if (words.shouted || EXCITED.matcher(text).find()) styles |= Style.SHOUTING.bit();
        if (words.stretched) styles |= Style.STRETCHED.bit();
        // Words of other languages outweigh chance English look-alikes ("die", "im" in German); a post
        // mostly in other scripts is not English however short. Only such evidence marks another
        // language: the English test alone misses plain English that has few common words.
        boolean otherLanguage = (words.otherLanguageWords >= 2 && words.otherLanguageWords >= words.englishWords)
                || mostlyOtherScripts(text);
        boolean english = (words.words < 3 || words.englishWords >= 2 || (words.englishWords == 1 && words.words < 6))
                && !otherLanguage;
        if (otherLanguage) styles |= Style.OTHER_LANGUAGE.bit();
        return new Reading(Collections.unmodifiableList(words.matches), styles, Collections.unmodifiableList(emotive),
                units(words.unitWords), english);
    }

    /** One pass over the tokens: lexicon matches, valence and the counts the style marks need. */
    private static final class Words {
        final String text;
        final List<Match> matches = new ArrayList<>();
        final List<String> unitWords;
        /** Words with an AFINN-165 valence, and their valence. */
        final List<Token> valued = new ArrayList<>();
        final List<Integer> valences = new ArrayList<>();
        List<Match> support = List.of();
        int negative;
        int strong;
        int strongest;
        int hashtags;
        int mentions;
        int words;
        int englishWords;
        int otherLanguageWords;
        boolean shouted;
        boolean stretched;
        boolean laughed;
        boolean linked;
        boolean careless;
        boolean namesSomeone;

        Words(String text, int capacity) {
            this.text = text;
            this.unitWords = new ArrayList<>(capacity);
        }

        void read(List<Token> tokens, int i, Lexicon lexicon) {
            Token t = tokens.get(i);
            switch (t.kind()) {
                case URL -> {
                    linked = true;
                    return;
                }
                case MENTION -> {
                    mentions++;
                    unitWords.add(MENTION_UNIT);
                    return;
                }
                case HASHTAG -> hashtags++;
                default -> {
                }
            }
            // A camel-case hashtag is read by its parts; its whole body only for content ("#prolife").
            boolean wholeOfSplitHashtag = t.kind() == Token.Kind.HASHTAG && i + 1 < tokens.size()
                    && tokens.get(i + 1).kind() == Token.Kind.HASHTAG_PART && tokens.get(i + 1).start() == t.start();
            String key = plain(t.key());
            // A lone letter of an abbreviation ("U.S.", "U.K.") is no word of its own: not chat "u".
            String term = key.length() == 1 && inAbbreviation(text, t) ? null : lookup(key, t.stretched(), lexicon);
            int mask = term == null ? 0 : lexicon.mask(term);
            if (wholeOfSplitHashtag) mask &= Category.RISK_MASK | Category.bits(Category.POLITICS, Category.RELIGION, Category.SUBSTANCE);
            if ((mask & Category.RISK_MASK) == 0) {
                Match disguised = disguised(key, t, lexicon);
                if (disguised != null) matches.add(disguised);
            }
            if (Category.FIRST_POSSESSIVE.in(mask) && namesAPage(tokens, i)) mask &= ~Category.FIRST_POSSESSIVE.bit();
            for (Category c : CATEGORIES) {
                if (c.in(mask)) matches.add(new Match(c, term, t.start(), t.end()));
            }
            phrases(text, tokens, i, term == null ? key : term, lexicon, matches);
            if (wholeOfSplitHashtag) return;

            int valence = lexicon.valence(term == null ? key : term);
            if (valence != 0) {
                valued.add(t);
                valences.add(valence);
            }
            shouted |= t.shouted() && t.kind() == Token.Kind.WORD;
            stretched |= t.stretched() && t.kind() == Token.Kind.WORD && term != null;
            laughed |= !laughed && key.length() >= 3 && "ahl".indexOf(key.charAt(0)) >= 0 && LAUGH.matcher(key).matches();
            if (t.kind() == Token.Kind.WORD) {
                words++;
                if (ENGLISH.contains(key) || term != null) englishWords++;
                if (OTHER_LANGUAGES.contains(key)) otherLanguageWords++;
                String raw = text.substring(t.start(), t.end());
                boolean abbreviation = t.end() + 1 < text.length() && text.charAt(t.end()) == '.'
                        && Character.isLetter(text.charAt(t.end() + 1));
                careless |= (raw.equals("i") && !abbreviation) || UNAPOSTROPHED.contains(raw);
            }
            if (t.kind() != Token.Kind.HASHTAG_PART) unitWords.add(isNumber(key) ? NUMBER_UNIT : (term == null ? key : term));
        }

        /** "My" capitalised inside a sentence names a page or product ("under My Account"), not the author's own. */
        boolean namesAPage(List<Token> tokens, int i) {
            Token t = tokens.get(i);
            if (i == 0 || !Character.isUpperCase(text.charAt(t.start()))) return false;
            Token before = tokens.get(i - 1);
            return before.isWordLike() && !endsSentence(text, before.end(), t.start());
        }

        /**
         * A brand's stock phrases ("sorry for the inconvenience", "my apologies") are its voice, not a
         * person's: the words inside them count neither as emotion nor as "I". And a name someone
         * is addressed by ("Hello, Hillary", "Thanks, Christian!") is not a topic.
         */
        void setAsideStockPhrasesAndNames() {
            List<Match> customer = matches.stream().filter(m -> m.category() == Category.CUSTOMER).toList();
            if (!customer.isEmpty()) {
                // "thanks for the reply" is the customer thanking the company, though it holds "thanks for".
                matches.removeIf(m -> m.category() == Category.SUPPORT && withinLonger(m, customer));
            }
            support = matches.stream().filter(m -> m.category() == Category.SUPPORT).toList();
            if (!support.isEmpty()) {
                matches.removeIf(m -> PERSONAL_INSIDE_SUPPORT.contains(m.category()) && within(m.start(), m.end(), support));
            }
            // A brand quotes people ("“I just couldn't sit home…” Learn how our volunteer…"): the "I"
            // inside a quotation is the quoted person's, not the author's own.
            List<Match> quoted = quotations(text);
            if (!quoted.isEmpty()) {
                matches.removeIf(m -> QUOTED_VOICE.contains(m.category()) && within(m.start(), m.end(), quoted));
            }
            // "Happy birthday!" wishes the reader well, as care teams do; it is not the author's own life.
            setAside(BIRTHDAY_WISH, EnumSet.of(Category.PERSONAL_LIFE));
            namesSomeone = setAside(VOCATIVE, EnumSet.of(Category.POLITICS, Category.RELIGION));
        }

        /** Drops the matches of these categories that lie inside what the pattern finds; whether it found any. */
        private boolean setAside(Pattern pattern, Set<Category> categories) {
            Matcher found = pattern.matcher(text);
            boolean any = false;
            while (found.find()) {
                any = true;
                int from = found.start();
                int to = found.end();
                matches.removeIf(m -> categories.contains(m.category()) && m.start() >= from && m.end() <= to);
            }
            return any;
        }

        /** Sums the valence of words outside stock phrases; returns the words that carry it. */
        List<Evidence> emotion() {
            List<Evidence> emotive = new ArrayList<>();
            for (int i = 0; i < valued.size(); i++) {
                Token t = valued.get(i);
                if (within(t.start(), t.end(), support)) continue;
                int v = valences.get(i);
                if (v < 0) negative += v;
                if (Math.abs(v) >= 3) strong++;
                strongest = Math.max(strongest, Math.abs(v));
                if (v < 0 || v >= 3) emotive.add(new Evidence(t.start(), t.end(), text.substring(t.start(), t.end())));
            }
            return emotive;
        }

        /** Style marks that follow from the lexicon matches; a greeting counts only as the first word. */
        int marks(List<Token> tokens) {
            int styles = laughed ? Style.INFORMAL.bit() : 0;
            int firstWord = firstWordStart(tokens);
            for (Match m : matches) {
                if (m.category() != Category.GREETING || m.start() == firstWord) styles |= styleOf(m.category());
            }
            return styles;
        }
    }

    /** Whether most of its letters are of scripts other than Latin (Japanese, Arabic, Cyrillic...). */
    private static boolean mostlyOtherScripts(String text) {
        int latin = 0;
        int other = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.isLetter(cp)) {
                // Below U+0250 every letter is Latin: most posts never need the script lookup.
                if (cp < 0x0250 || Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) latin++;
                else other++;
            }
            i += Character.charCount(cp);
        }
        return other > latin;
    }

    /** The spans of the text's quotations, as matches of no category. */
    private static List<Match> quotations(String text) {
        if (text.indexOf('"') < 0 && text.indexOf('“') < 0) return List.of();
        List<Match> spans = new ArrayList<>(2);
        Matcher m = QUOTATION.matcher(text);
        while (m.find()) spans.add(new Match(null, "quotation", m.start(), m.end()));
        return spans;
    }

    /** Whether the token is one letter of an abbreviation written with full stops ("U.S.", "e.g."). */
    private static boolean inAbbreviation(String text, Token t) {
        boolean letterAfter = t.end() + 1 < text.length() && text.charAt(t.end()) == '.' && Character.isLetter(text.charAt(t.end() + 1));
        boolean letterBefore = t.start() >= 2 && text.charAt(t.start() - 1) == '.' && Character.isLetter(text.charAt(t.start() - 2));
        return letterAfter || letterBefore;
    }

    /** The whole post, if all it says is a short acknowledgement (mentions and links aside). */
    private static Match acknowledgement(List<Token> tokens) {
        int first = -1;
        int last = -1;
        int count = 0;
        for (Token t : tokens) {
            if (t.kind() == Token.Kind.MENTION || t.kind() == Token.Kind.URL) continue;
            if (t.kind() != Token.Kind.WORD || !ACKNOWLEDGING.contains(Tokenizer.collapse(t.key(), 2))) return null;
            if (first < 0) first = t.start();
            last = t.end();
            count++;
        }
        return count == 0 || count > 6 ? null : new Match(Category.CUSTOMER, "acknowledgement", first, last);
    }

    /** The last few dozen characters before any trailing links or thread counter ("2/2"), where sign-offs stand. */
    private static String ending(String trimmed) {
        String rest = trimmed;
        while (!rest.isEmpty()) {
            int space = rest.length() - 1;
            while (space >= 0 && !Character.isWhitespace(rest.charAt(space))) space--;
            String last = rest.substring(space + 1);
            if (!(last.startsWith("http") || last.startsWith("www.") || THREAD_COUNTER.matcher(last).matches())) break;
            rest = space < 0 ? "" : rest.substring(0, space).stripTrailing();
        }
        return rest.length() > 40 ? rest.substring(rest.length() - 40) : rest;
    }

    /** Length of the text without mentions and links. */
    private static int visibleLength(String text, List<Token> tokens) {
        int hidden = 0;
        for (Token t : tokens) {
            if (t.kind() == Token.Kind.MENTION || t.kind() == Token.Kind.URL) hidden += t.end() - t.start();
        }
        return text.strip().length() - hidden;
    }

    /** Whether the match lies inside a strictly longer one of the spans. */
    private static boolean withinLonger(Match m, List<Match> spans) {
        for (Match o : spans) {
            if (m.start() >= o.start() && m.end() <= o.end() && m.end() - m.start() < o.end() - o.start()) return true;
        }
        return false;
    }

    private static boolean within(int start, int end, List<Match> spans) {
        for (Match m : spans) {
            if (start >= m.start() && end <= m.end()) return true;
        }
        return false;
    }

    /** Whether the post is the second or a later part of a thread, by the counter ("2/2", "(3/4)") it ends with. */
    private static boolean isLaterPart(String trimmed) {
        int start = trimmed.length();
        while (start > 0 && !Character.isWhitespace(trimmed.charAt(start - 1))) start--;
        String last = trimmed.substring(start);
        if (!THREAD_COUNTER.matcher(last).matches()) return false;
        int slash = last.indexOf('/');
        int part = last.charAt(slash - 1) - '0';
        return part >= 2 && part <= last.charAt(slash + 1) - '0';
    }

    /** Whether the first word after any leading mentions starts with a lower-case letter (not after "..."). */
    private static boolean startsInLowerCase(String text, List<Token> tokens) {
        int start = firstWordStart(tokens);
        return start >= 0 && Character.isLowerCase(text.charAt(start))
                && (start == 0 || (text.charAt(start - 1) != '.' && text.charAt(start - 1) != '…'));
    }

    private static int firstWordStart(List<Token> tokens) {
        for (Token t : tokens) {
            if (t.kind() == Token.Kind.MENTION) continue;
            return t.kind() == Token.Kind.WORD ? t.start() : -1;
        }
        return -1;
    }

    private static String plain(String key) {
        String k = key;
        if (k.startsWith("*")) k = k.replaceAll("^\\*+|\\*+$", "");
        return k;
    }

    /** The lexicon form of a word: itself, without "'s", a risk word's plural, or with stretched letters collapsed. */
    private static String lookup(String key, boolean stretched, Lexicon lexicon) {
        if (lexicon.mask(key) != 0 || lexicon.valence(key) != 0) return key;
        if (key.endsWith("'s") && lexicon.knows(key.substring(0, key.length() - 2))) return key.substring(0, key.length() - 2);
        // The plural of a risk word is as risky ("dicks"); other plurals keep their own entries.
        if (key.length() > 4 && key.endsWith("s") && !key.endsWith("ss") && (lexicon.mask(key.substring(0, key.length() - 1)) & Category.RISK_MASK) != 0) {
            return key.substring(0, key.length() - 1);
        }
        if (stretched) {
            String two = Tokenizer.collapse(key, 2);
            if (lexicon.knows(two)) return two;
            String one = Tokenizer.collapse(key, 1);
            if (lexicon.knows(one)) return one;
        }
        return null;
    }

    /** A risk word written with symbols, digits, masks or run together with other words. */
    private static Match disguised(String key, Token t, Lexicon lexicon) {
        boolean hasSymbols = false;
        for (int i = 0; i < key.length() && !hasSymbols; i++) hasSymbols = !Character.isLetter(key.charAt(i)) && key.charAt(i) != '\'';
        String letters = key;
        if (hasSymbols) {
            letters = Tokenizer.collapse(Tokenizer.unLeet(key), 2);
            String found = letters.indexOf('*') >= 0 ? lexicon.unmask(letters) : riskWord(letters, lexicon);
            if (found == null && letters.indexOf('*') >= 0) found = lexicon.unmask(Tokenizer.collapse(letters, 1));
            // A symbol may hide any letter, not only the one it looks like ("sh@t" is no "shat").
            if (found == null) found = lexicon.unmask(masked(key));
            if (found != null) return riskMatch(found, t, lexicon);
        }
        if (t.kind() == Token.Kind.HASHTAG || key.length() >= 6) {
            Lexicon.Embedded e = lexicon.embeddedIn(Tokenizer.collapse(letters, 1));
            if (e != null) return riskMatch(e.term(), t, lexicon);
        }
        return null;
    }

    /** The word with every symbol read as a mask: "f#ck" as "f*ck". */
    private static String masked(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            out.append(Character.isLetterOrDigit(c) || c == '\'' ? c : '*');
        }
        return out.toString();
    }

    private static String riskWord(String letters, Lexicon lexicon) {
        if ((lexicon.mask(letters) & Category.RISK_MASK) != 0) return letters;
        String one = Tokenizer.collapse(letters, 1);
        return (lexicon.mask(one) & Category.RISK_MASK) != 0 ? one : null;
    }

    private static Match riskMatch(String term, Token t, Lexicon lexicon) {
        int mask = lexicon.mask(term) & Category.RISK_MASK;
        for (Category c : CATEGORIES) {
            if (c.in(mask)) return new Match(c, term, t.start(), t.end());
        }
        return null;
    }

    /** Phrases starting at this token; a phrase does not run on across the end of a sentence ("help. Please"). */
    private static void phrases(String text, List<Token> tokens, int at, String first, Lexicon lexicon, List<Match> matches) {
        for (Lexicon.Phrase phrase : lexicon.phrasesStartingWith(first)) {
            String[] words = phrase.words();
            int j = at + 1;
            int w = 1;
            while (w < words.length && j < tokens.size() && tokens.get(j).isWordLike()
                    && tokens.get(j).kind() != Token.Kind.HASHTAG && words[w].equals(tokens.get(j).key())
                    && !endsSentence(text, tokens.get(j - 1).end(), tokens.get(j).start())) {
                j++;
                w++;
            }
            if (w < words.length) continue;
            String term = String.join(" ", words);
            for (Category c : CATEGORIES) {
                if (c.in(phrase.mask())) matches.add(new Match(c, term, tokens.get(at).start(), tokens.get(j - 1).end()));
            }
        }
    }

    private static boolean endsSentence(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '.' || c == '!' || c == '?') return true;
        }
        return false;
    }

    private static int styleOf(Category category) {
        return switch (category) {
            case FIRST_SINGULAR -> Style.FIRST_SINGULAR.bit();
            case FIRST_POSSESSIVE -> Style.FIRST_POSSESSIVE.bit();
            case NARRATIVE -> Style.NARRATIVE.bit();
            case FIRST_PLURAL -> Style.FIRST_PLURAL.bit();
            case GREETING -> Style.GREETING.bit();
            case COMPLAINT -> Style.COMPLAINT.bit();
            case SECOND_PERSON -> Style.SECOND_PERSON.bit();
            case INFORMAL -> Style.INFORMAL.bit();
            case PERSONAL_LIFE -> Style.PERSONAL_LIFE.bit();
            case SUPPORT -> Style.SUPPORT_PHRASE.bit();
            case CUSTOMER -> Style.CUSTOMER_SIDE.bit();
            case OTHERS -> Style.ABOUT_OTHERS.bit();
            default -> 0;
        };
    }

    private static boolean isNumber(String key) {
        for (int i = 0; i < key.length(); i++) {
            if (!Character.isDigit(key.charAt(i))) return false;
        }
        return !key.isEmpty();
    }

    static boolean hasEmoji(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if ((cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF)) return true;
            i += Character.charCount(cp);
        }
        return false;
    }

    /** Hashes of words and adjacent word pairs; String.hashCode is specified, so stored hashes stay valid. */
    private static int[] units(List<String> words) {
        int[] units = new int[words.size() * 2];
        int n = 0;
        for (int i = 0; i < words.size(); i++) {
            units[n++] = unitOf(words.get(i));
            if (i + 1 < words.size()) units[n++] = mix(words.get(i).hashCode() * 31 + 7 + words.get(i + 1).hashCode() * 17);
        }
        return java.util.Arrays.copyOf(units, n);
    }

    /** The unit hash of one word, as the baseline counts it. */
    static int unitOf(String word) {
        return mix(word.hashCode());
    }

    /** Spreads a hash's bits (murmur3's finaliser), so that nearby hashes land far apart. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

}
