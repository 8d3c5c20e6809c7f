package com.mispost.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a post into tokens with their offsets in the text as posted. Keeps the characters people
 * use to disguise words ("f***", "sh!t", "a$$", "f#ck", "sh@t", and those that show nothing) inside
 * a word so the content signal can see through them; reads code points, not chars, so letters
 * outside the Basic Multilingual Plane (𝐟, 🅵) are letters; keys are read through {@link TextNormaliser}.
 */
final class Tokenizer {
    /** Words one glued run may hold: the longest risk word, spelt out letter by letter (read when first needed). */
    private static final class Glued {
        static final int MAX = Lexicon.shipped().riskWords().stream().mapToInt(String::length).max().orElse(1);
    }

    private Tokenizer() {
    }

    static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        Set<Character.UnicodeScript> nativeScripts = TextNormaliser.nativeScripts(text);
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            boolean atBoundary = i == 0 || !TextNormaliser.isLetterLike(text.codePointBefore(i));
            if (cp == '#' && atBoundary && (i == 0 || text.charAt(i - 1) != '*') && i + 1 < n
                    && TextNormaliser.isLetterLike(text.codePointAt(i + 1))) {
                i = hashtag(text, i, tokens, nativeScripts);
            } else if (cp == '@' && atBoundary && i + 1 < n && isHandleChar(text.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && isHandleChar(text.charAt(end))) end++;
                tokens.add(new Token(i, end, text.substring(i, end).toLowerCase(Locale.ROOT), Token.Kind.MENTION, false, false));
                i = end;
            } else if (atBoundary && (text.startsWith("http://", i) || text.startsWith("https://", i) || text.startsWith("www.", i))) {
                int end = i;
                while (end < n && !Character.isWhitespace(text.charAt(end))) end++;
                tokens.add(new Token(i, end, "", Token.Kind.URL, false, false));
                i = end;
            } else if (TextNormaliser.isLetterLike(cp) || (isDisguise(cp) && i + 1 < n && isLetter(text.codePointAt(i + 1)))) {
                i = word(text, i, tokens, nativeScripts);
            } else if (cp == 0x1F595) {
                tokens.add(new Token(i, i + 2, text.substring(i, i + 2), Token.Kind.WORD, false, false));
                i += 2;
            } else {
                i += Character.charCount(cp);
            }
        }
        return glued(text, tokens);
    }

    /**
     * Words held together by a no-break space or a blank filler ("fu\u00A0ck", "f\u00A0u\u00A0c\u00A0k")
     * read as one where together they make a risk word ("ass\u00A0hole" is one word, not "ass"). A text that
     * spaces its words with no-break spaces throughout (pasted rich text) is read as spaced.
     */
    private static List<Token> glued(String text, List<Token> tokens) {
        int glue = 0;
        int betweenWords = 0;
        int spaces = 0;
        for (int k = 1; k < tokens.size(); k++) {
            Token before = tokens.get(k - 1);
            Token after = tokens.get(k);
            if (after.start() - before.end() != 1) continue;
            char gap = text.charAt(before.end());
            if (isGlue(gap)) {
                glue++;
                if (before.end() - before.start() >= 4 && after.end() - after.start() >= 4) betweenWords++;
            } else if (gap == ' ') {
                spaces++;
            }
        }
        if (glue == 0 || betweenWords > spaces + 1) return tokens;
        Lexicon lexicon = Lexicon.shipped();
        List<Token> out = new ArrayList<>(tokens.size());
        int k = 0;
        while (k < tokens.size()) {
            int joined = k;
            String key = null;
            StringBuilder run = new StringBuilder(tokens.get(k).key());
            for (int j = k + 1; j < tokens.size() && j <= k + Glued.MAX; j++) {
                Token before = tokens.get(j - 1);
                Token t = tokens.get(j);
                if (t.kind() != Token.Kind.WORD || before.kind() != Token.Kind.WORD || t.start() - before.end() != 1
                        || !isGlue(text.charAt(before.end()))) break;
                run.append(t.key());
                if (isRisky(run.toString(), lexicon)) {
                    joined = j;
                    key = run.toString();
                }
            }
            if (key == null) {
                out.add(tokens.get(k++));
                continue;
            }
            Token first = tokens.get(k);
            Token last = tokens.get(joined);
            String read = TextNormaliser.compat(text.substring(first.start(), last.end()));
            out.add(new Token(first.start(), last.end(), key, Token.Kind.WORD, isStretched(key), isShouted(read)));
            k = joined + 1;
        }
        return out;
    }

    private static boolean isRisky(String key, Lexicon lexicon) {
        return ((lexicon.mask(key) | lexicon.mask(collapse(key, 1))) & Category.RISK_MASK) != 0;
    }

    /** A space that joins rather than separates (no-break spaces), or a blank that fills (braille blank). */
    private static boolean isGlue(char c) {
        return c == '\u00A0' || c == '\u2007' || c == '\u202F' || c == '\u2800';
    }

    private static int word(String text, int start, List<Token> tokens, Set<Character.UnicodeScript> nativeScripts) {
        int n = text.length();
        int end = start + Character.charCount(text.codePointAt(start));
        while (end < n) {
            int c = text.codePointAt(end);
            int next = end + Character.charCount(c);
            if (TextNormaliser.isLetterLike(c) || c == '*' || TextNormaliser.attaches(c)) {
                end = next;
            } else if ((c == '\'' || c == '’' || isDisguise(c) || TextNormaliser.isInvisible(c)) && next < n
                    && isWordInside(text.codePointAt(next))) {
                end = next;
            } else {
                break;
            }
        }
        String read = TextNormaliser.compat(text.substring(start, end));
        tokens.add(new Token(start, end, key(read, nativeScripts), Token.Kind.WORD, isStretched(read), isShouted(read)));
        return end;
    }

    private static int hashtag(String text, int hash, List<Token> tokens, Set<Character.UnicodeScript> nativeScripts) {
        int n = text.length();
        int end = hash + 1;
        while (end < n) {
            int c = text.codePointAt(end);
            int next = end + Character.charCount(c);
            if (TextNormaliser.isLetterLike(c) || c == '_' || TextNormaliser.attaches(c)
                    || (TextNormaliser.isInvisible(c) && next < n && TextNormaliser.isLetterLike(text.codePointAt(next)))) {
                end = next;
            } else {
                break;
            }
        }
        String body = TextNormaliser.compat(text.substring(hash + 1, end));
        tokens.add(new Token(hash, end, key(body, nativeScripts), Token.Kind.HASHTAG, isStretched(body), false));
        List<String> parts = camelParts(body);
        if (parts.size() > 1) {
            for (String part : parts) {
                tokens.add(new Token(hash, end, key(part, nativeScripts), Token.Kind.HASHTAG_PART, isStretched(part), false));
            }
        }
        return end;
    }

    /** "FridayFeeling2" gives friday, feeling, 2; "WTF" stays whole; "_" separates too. */
    static List<String> camelParts(String body) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= body.length(); i++) {
            boolean cut = i == body.length();
            if (!cut) {
                char prev = body.charAt(i - 1);
                char c = body.charAt(i);
                cut = c == '_' || prev == '_'
                        || (Character.isLowerCase(prev) && Character.isUpperCase(c))
                        || (Character.isLetter(prev) != Character.isLetter(c))
                        || (i + 1 < body.length() && Character.isUpperCase(prev) && Character.isUpperCase(c)
                            && Character.isLowerCase(body.charAt(i + 1)));
            }
            if (cut) {
                String part = body.substring(from, i);
                if (!part.isEmpty() && !part.equals("_")) parts.add(part);
                from = i;
            }
        }
        parts.removeIf(p -> p.equals("_"));
        return parts;
    }

    /** A word's key, from what it reads as ({@link TextNormaliser#compat(String)}). */
    static String key(String read, Set<Character.UnicodeScript> nativeScripts) {
        return TextNormaliser.key(read, nativeScripts).replace('’', '\'');
    }

    /** Characters that stand in for letters in disguised words ("f#ck": inside a word, # is no hashtag). */
    private static boolean isDisguise(int c) {
        return c == '*' || c == '!' || c == '$' || c == '@' || c == '|' || c == '#';
    }

    private static boolean isLetter(int cp) {
        return Character.isLetter(cp) || (TextNormaliser.isLetterLike(cp) && !Character.isDigit(cp));
    }

    private static boolean isWordInside(int c) {
        return TextNormaliser.isLetterLike(c) || isDisguise(c) || TextNormaliser.isInvisible(c);
    }

    private static boolean isHandleChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    static boolean isStretched(String raw) {
        int run = 1;
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            run = Character.isLetter(c) && Character.toLowerCase(c) == Character.toLowerCase(raw.charAt(i - 1)) ? run + 1 : 1;
            if (run >= 3) return true;
        }
        return false;
    }

    private static boolean isShouted(String raw) {
        int capitals = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isUpperCase(c)) capitals++;
            else if (Character.isLetter(c)) return false;
        }
        return capitals >= 4;
    }

    /** Collapses runs of three or more equal letters to {@code keep} ("fuuuck" to "fuck" or "fuuck"). */
    static String collapse(String key, int keep) {
        StringBuilder out = new StringBuilder(key.length());
        int i = 0;
        while (i < key.length()) {
            char c = key.charAt(i);
            int j = i;
            while (j < key.length() && key.charAt(j) == c) j++;
            int times = j - i >= 3 && Character.isLetter(c) ? keep : j - i;
            for (int k = 0; k < times; k++) out.append(c);
            i = j;
        }
        return out.toString();
    }

    /** Reads digits and symbols as the letters they stand in for ("sh1t", "a$$", "b!tch"). */
    static String unLeet(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            out.append(switch (c) {
                case '0' -> 'o';
                case '1', '!', '|' -> 'i';
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7' -> 't';
                case '8' -> 'b';
                default -> c;
            });
        }
        return out.toString();
    }
}
