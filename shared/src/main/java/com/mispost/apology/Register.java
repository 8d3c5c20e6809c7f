package com.mispost.apology;

import com.mispost.detection.Severity;

/** How weighty the words are: the severity, in the three steps an apology actually has. */
enum Register {
    /** A harmless personal post: a light, human acknowledgement. */
    LIGHT,
    /** An offensive post: a sincere apology that says what happened and what will change. */
    SINCERE,
    /** A critical post: a formal statement, a longer version for the website, leadership told. */
    GRAVE;

    /** A confirmed compromise is never a light matter, whatever the post said. */
    static Register of(Severity severity, boolean confirmedCompromise) {
        Register r = switch (severity) {
            case NONE, LOW -> LIGHT;
            case MEDIUM, HIGH -> SINCERE;
            case CRITICAL -> GRAVE;
        };
        return confirmedCompromise && r == LIGHT ? SINCERE : r;
    }
}
