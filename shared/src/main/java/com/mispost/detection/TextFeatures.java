package com.mispost.detection;

import java.util.Arrays;

/**
 * The features the learned voice contrast reads in one text: its words, its word pairs and the
 * character 3- and 4-grams of its words joined by single spaces (so some span two words), each as
 * a 32-bit hash, with the word each came from so that an explanation can point at the words
 * that weighed most.
 *
 * <p>Links read as one word "URL", mentions as "@U" and digits as 0, so that a link or a number
 * says what kind of thing is there rather than which one. Letters of any script count as word
 * characters; any other visible character (punctuation, emoji) is a word of its own.
 */
final class TextFeatures {

    private static final int MIN_GRAM = 3;
    private static final int MAX_GRAM = 4;
    private static final int PAIR_SEED = 0x9E3779B9;

    /** Distinct feature hashes (never 0), in the order first seen. */
    final int[] hashes;
    /** For each hash, the index of the word it came from (its first occurrence). */
    final int[] words;
    /** Start and end offsets in the original text of each word. */
    final int[] wordStarts;
    final int[] wordEnds;

    private TextFeatures(int[] hashes, int[] words, int[] wordStarts, int[] wordEnds) {
        this.hashes = hashes;
        this.words = words;
        this.wordStarts = wordStarts;
        this.wordEnds = wordEnds;
    }

    static TextFeatures of(String text) {
        int n = text.length();
        // The normalised words joined by single spaces, with a space before and after.
        StringBuilder joined = new StringBuilder(n + 2).append(' ');
        int[] starts = new int[8];
        int[] ends = new int[8];
        int[] at = new int[8];
        int count = 0;
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (Character.isWhitespace(cp)) {
                i += width;
                continue;
            }
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
                at = Arrays.copyOf(at, count * 2);
            }
            int start = i;
            at[count] = joined.length();
            if (text.startsWith("http://", i) || text.startsWith("https://", i) || text.startsWith("www.", i)) {
                while (i < n && !Character.isWhitespace(text.charAt(i))) i++;
                joined.append("URL");
            } else if (cp == '@' && i + 1 < n && isHandle(text.charAt(i + 1))) {
                i++;
                while (i < n && isHandle(text.charAt(i))) i++;
                joined.append("@U");
            } else if (isWordChar(cp)) {
                while (i < n) {
                    int c = text.codePointAt(i);
                    if (!isWordChar(c)) break;
                    if (Character.isDigit(c)) joined.append('0');
                    else if (c == '’') joined.append('\'');
                    else joined.appendCodePoint(Character.toLowerCase(c));
                    i += Character.charCount(c);
                }
            } else {
                joined.appendCodePoint(cp);
                i += width;
            }
            starts[count] = start;
            ends[count] = i;
            count++;
            joined.append(' ');
        }
        int length = joined.length();
        char[] chars = new char[length];
        joined.getChars(0, length, chars, 0);
        // Distinct hashes in an open-addressing set, each with the word it first came from.
        int capacity = Integer.highestOneBit(Math.max(8, (count * 2 + length * (MAX_GRAM - MIN_GRAM + 1)) * 2 - 1)) << 1;
        int[] slots = new int[capacity];
        int[] hashes = new int[capacity / 2];
        int[] origins = new int[capacity / 2];
        int size = 0;
        int previous = 0;
        for (int w = 0; w < count; w++) {
            int end = w + 1 < count ? at[w + 1] - 1 : length - 1;
            int word = hash(chars, at[w], end, 0x5bd1e995);
            size = add(slots, hashes, origins, size, word, w);
            if (w > 0) size = add(slots, hashes, origins, size, Reading.mix((previous * 31 + word) ^ PAIR_SEED), w);
            previous = word;
        }
        // Character n-grams over the joined text; each belongs to the word it starts in (or the next).
        int word = 0;
        for (int p = 0; p + MIN_GRAM <= length; p++) {
            while (word + 1 < count && at[word + 1] <= p) word++;
            int origin = Math.min(word, Math.max(0, count - 1));
            int h = 0;
            for (int k = p; k < p + MIN_GRAM - 1; k++) h = h * 31 + chars[k];
            for (int g = MIN_GRAM; g <= MAX_GRAM && p + g <= length; g++) {
                h = h * 31 + chars[p + g - 1];
                size = add(slots, hashes, origins, size, Reading.mix(h + g), origin);
            }
        }
        return new TextFeatures(Arrays.copyOf(hashes, size), Arrays.copyOf(origins, size),
                Arrays.copyOf(starts, count), Arrays.copyOf(ends, count));
    }

    /** Adds a hash to the set unless it is there; returns the new number of distinct hashes. */
    private static int add(int[] slots, int[] hashes, int[] origins, int size, int hash, int word) {
        int key = hash == 0 ? 1 : hash;
        int mask = slots.length - 1;
        int slot = key & mask;
        while (slots[slot] != 0) {
            if (slots[slot] == key) return size;
            slot = (slot + 1) & mask;
        }
        slots[slot] = key;
        hashes[size] = key;
        origins[size] = word;
        return size + 1;
    }

    int wordCount() {
        return wordStarts.length;
    }

    private static int hash(char[] chars, int from, int to, int seed) {
        int h = seed;
        for (int k = from; k < to; k++) h = h * 31 + chars[k];
        return Reading.mix(h);
    }

    private static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '\'' || cp == '’' || cp == '#' || cp == '^';
    }

    private static boolean isHandle(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
