package com.mispost.detection;

/** A lexicon term found in a post: its category, the term as listed, and where it stands. */
record Match(Category category, String term, int start, int end) {
}
