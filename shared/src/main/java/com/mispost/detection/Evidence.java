package com.mispost.detection;

/** The span of the post's text (or a fact about it) that made a signal fire. */
public record Evidence(int start, int end, String excerpt) {
    /** Evidence that is a fact about the post rather than a span of its text. */
    public static Evidence fact(String what) {
        return new Evidence(-1, -1, what);
    }
}
