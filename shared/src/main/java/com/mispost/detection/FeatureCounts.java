package com.mispost.detection;

import java.util.Arrays;

/**
 * In how many texts each feature hash appeared: an open-addressing table of int keys to int
 * counts, so that scoring a post costs a few array reads per feature and no boxing.
 */
final class FeatureCounts {

    private static final int FREE = 0;
    /** Stands in for the hash 0, which marks a free slot. */
    private static final int ZERO_KEY = 0x7f4a7c15;

    private int[] keys;
    private int[] counts;
    private int size;

    FeatureCounts() {
        this(16);
    }

    private FeatureCounts(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new int[capacity];
        counts = new int[capacity];
    }

    FeatureCounts copy() {
        FeatureCounts copy = new FeatureCounts(0);
        copy.keys = keys.clone();
        copy.counts = counts.clone();
        copy.size = size;
        return copy;
    }

    int size() {
        return size;
    }

    int get(int hash) {
        int key = hash == FREE ? ZERO_KEY : hash;
        int mask = keys.length - 1;
        for (int slot = key & mask; ; slot = (slot + 1) & mask) {
            int k = keys[slot];
            if (k == key) return counts[slot];
            if (k == FREE) return 0;
        }
    }

    void add(int hash, int by) {
        int key = hash == FREE ? ZERO_KEY : hash;
        int mask = keys.length - 1;
        int slot = key & mask;
        while (keys[slot] != FREE && keys[slot] != key) slot = (slot + 1) & mask;
        if (keys[slot] == FREE) {
            keys[slot] = key;
            size++;
        }
        counts[slot] += by;
        if (size * 2 > keys.length) grow();
    }

    /** Each of the text's distinct features once. */
    void addAll(int[] hashes) {
        for (int h : hashes) add(h, 1);
    }

    /** Keeps the {@code limit} most frequent features (ties by hash, so the result is reproducible). */
    FeatureCounts top(int limit) {
        if (size <= limit) return copy();
        long[] ranked = new long[size];
        int n = 0;
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != FREE) ranked[n++] = ((long) counts[slot] << 32) | (keys[slot] & 0xffffffffL);
        }
        Arrays.sort(ranked);
        FeatureCounts kept = new FeatureCounts(limit);
        for (int k = n - 1; k >= n - limit; k--) {
            kept.put((int) ranked[k], (int) (ranked[k] >>> 32));
        }
        return kept;
    }

    /** Visits every (stored key, count) pair in key order, for a reproducible encoding. */
    void forEachSorted(Visitor visitor) {
        long[] pairs = new long[size];
        int n = 0;
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != FREE) pairs[n++] = ((long) keys[slot] << 32) | (counts[slot] & 0xffffffffL);
        }
        Arrays.sort(pairs);
        for (long p : pairs) visitor.visit((int) (p >> 32), (int) p);
    }

    /** Sets a stored key (as {@link #forEachSorted} gives it) to a count. */
    void put(int storedKey, int count) {
        int mask = keys.length - 1;
        int slot = storedKey & mask;
        while (keys[slot] != FREE && keys[slot] != storedKey) slot = (slot + 1) & mask;
        if (keys[slot] == FREE) {
            keys[slot] = storedKey;
            size++;
        }
        counts[slot] = count;
        if (size * 2 > keys.length) grow();
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new int[oldKeys.length * 2];
        counts = new int[oldKeys.length * 2];
        size = 0;
        for (int slot = 0; slot < oldKeys.length; slot++) {
            if (oldKeys[slot] != FREE) put(oldKeys[slot], oldCounts[slot]);
        }
    }

    interface Visitor {
        void visit(int storedKey, int count);
    }
}
