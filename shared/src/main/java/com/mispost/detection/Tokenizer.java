package com.mispost.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a post into tokens with their offsets. Keeps the characters people use to disguise
 * words ("f***", "sh!t", "a$$", "f#ck", "sh@t", and those that show nothing) inside a word so the
 * content signal can see through them; keys are read through {@link TextNormaliser}.
 */
final class Tokenizer {

    private Tokenizer() {
    }

    static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        boolean nativeScript = TextNormaliser.writesCyrillicOrGreek(text);
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            boolean atBoundary = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
            if (c == '#' && atBoundary && (i == 0 || text.charAt(i - 1) != '*') && i + 1 < n && Character.isLetterOrDigit(text.charAt(i + 1))) {
                i = hashtag(text, i, tokens, nativeScript);
            } else if (c == '@' && atBoundary && i + 1 < n && isHandleChar(text.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && isHandleChar(text.charAt(end))) end++;
                tokens.add(new Token(i, end, text.substring(i, end).toLowerCase(Locale.ROOT), Token.Kind.MENTION, false, false));
                i = end;
            } else if (atBoundary && (text.startsWith("http://", i) || text.startsWith("https://", i) || text.startsWith("www.", i))) {
                int end = i;
                while (end < n && !Character.isWhitespace(text.charAt(end))) end++;
                tokens.add(new Token(i, end, "", Token.Kind.URL, false, false));
                i = end;
            } else if (Character.isLetterOrDigit(c) || (isDisguise(c) && i + 1 < n && Character.isLetter(text.charAt(i + 1)))) {
                i = word(text, i, tokens, nativeScript);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && text.codePointAt(i) == 0x1F595) {
                tokens.add(new Token(i, i + 2, text.substring(i, i + 2), Token.Kind.WORD, false, false));
                i += 2;
            } else {
                i++;
            }
        }
        return tokens;
    }

    private static int word(String text, int start, List<Token> tokens, boolean nativeScript) {
        int n = text.length();
        int end = start + 1;
        while (end < n) {
            char c = text.charAt(end);
            if (Character.isLetterOrDigit(c) || c == '*') {
                end++;
            } else if ((c == '\'' || c == '’' || isDisguise(c) || TextNormaliser.isInvisible(c)) && end + 1 < n
                    && isWordInside(text.charAt(end + 1))) {
                end++;
            } else {
                break;
            }
        }
        String raw = text.substring(start, end);
        tokens.add(new Token(start, end, key(raw, nativeScript), Token.Kind.WORD, isStretched(raw), isShouted(raw)));
        return end;
    }

    private static int hashtag(String text, int hash, List<Token> tokens, boolean nativeScript) {
        int n = text.length();
        int end = hash + 1;
        while (end < n && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'
                || (TextNormaliser.isInvisible(text.charAt(end)) && end + 1 < n && Character.isLetterOrDigit(text.charAt(end + 1))))) {
            end++;
        }
        String body = TextNormaliser.visible(text.substring(hash + 1, end));
        tokens.add(new Token(hash, end, key(body, nativeScript), Token.Kind.HASHTAG, isStretched(body), false));
        List<String> parts = camelParts(body);
        if (parts.size() > 1) {
            for (String part : parts) {
                tokens.add(new Token(hash, end, key(part, nativeScript), Token.Kind.HASHTAG_PART, isStretched(part), false));
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

    static String key(String raw, boolean nativeScript) {
        return TextNormaliser.key(raw, nativeScript).replace('’', '\'');
    }

    /** Characters that stand in for letters in disguised words ("f#ck": inside a word, # is no hashtag). */
    private static boolean isDisguise(char c) {
        return c == '*' || c == '!' || c == '$' || c == '@' || c == '|' || c == '#';
    }

    private static boolean isWordInside(char c) {
        return Character.isLetterOrDigit(c) || isDisguise(c) || TextNormaliser.isInvisible(c);
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
