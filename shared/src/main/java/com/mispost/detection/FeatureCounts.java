package com.mispost.detection;

import java.util.Arrays;

/**
 * In how many texts each feature hash appeared: an open-addressing table of int keys to int
 * counts, so that scoring a post costs a few array reads per feature and no boxing. Each key
 * sits beside its count, so a lookup touches one cache line.
 */
final class FeatureCounts {

    private static final int FREE = 0;
    /** Stands in for the hash 0, which marks a free slot. */
    private static final int ZERO_KEY = 0x7f4a7c15;

    /** Key at {@code 2 * slot}, count at {@code 2 * slot + 1}. */
    private int[] table;
    private int size;

    FeatureCounts() {
        this(16);
    }

    private FeatureCounts(int expected) {
        int slots = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        table = new int[slots * 2];
    }

    FeatureCounts copy() {
        FeatureCounts copy = new FeatureCounts(0);
        copy.table = table.clone();
        copy.size = size;
        return copy;
    }

    int size() {
        return size;
    }

    int get(int hash) {
        int key = hash == FREE ? ZERO_KEY : hash;
        int mask = (table.length >> 1) - 1;
        for (int slot = key & mask; ; slot = (slot + 1) & mask) {
            int k = table[slot << 1];
            if (k == key) return table[(slot << 1) + 1];
            if (k == FREE) return 0;
        }
    }

    void add(int hash, int by) {
        int key = hash == FREE ? ZERO_KEY : hash;
        int at = slotOf(key);
        if (table[at] == FREE) {
            table[at] = key;
            size++;
        }
        table[at + 1] += by;
        if (size * 4 > table.length) grow();
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
        for (int at = 0; at < table.length; at += 2) {
            if (table[at] != FREE) ranked[n++] = ((long) table[at + 1] << 32) | (table[at] & 0xffffffffL);
        }
        Arrays.sort(ranked);
        FeatureCounts kept = new FeatureCounts(limit);
        for (int k = n - 1; k >= n - limit; k--) kept.put((int) ranked[k], (int) (ranked[k] >>> 32));
        return kept;
    }

    /** Visits every (stored key, count) pair in key order, for a reproducible encoding. */
    void forEachSorted(Visitor visitor) {
        long[] pairs = new long[size];
        int n = 0;
        for (int at = 0; at < table.length; at += 2) {
            if (table[at] != FREE) pairs[n++] = ((long) table[at] << 32) | (table[at + 1] & 0xffffffffL);
        }
        Arrays.sort(pairs);
        for (long p : pairs) visitor.visit((int) (p >> 32), (int) p);
    }

    /** Sets a stored key (as {@link #forEachSorted} gives it) to a count. */
    void put(int storedKey, int count) {
        int at = slotOf(storedKey);
        if (table[at] == FREE) {
            table[at] = storedKey;
            size++;
        }
        table[at + 1] = count;
        if (size * 4 > table.length) grow();
    }

    /** The index in {@link #table} of the key's slot, or of the free slot it would take. */
    private int slotOf(int key) {
        int mask = (table.length >> 1) - 1;
        int slot = key & mask;
        while (table[slot << 1] != FREE && table[slot << 1] != key) slot = (slot + 1) & mask;
        return slot << 1;
    }

    private void grow() {
        int[] old = table;
        table = new int[old.length * 2];
        size = 0;
        for (int at = 0; at < old.length; at += 2) {
            if (old[at] != FREE) put(old[at], old[at + 1]);
        }
    }

    interface Visitor {
        void visit(int storedKey, int count);
    }
}
