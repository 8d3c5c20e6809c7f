package com.mispost.detection;

import java.util.Locale;
import java.util.Optional;

/** How bad a mispost is, which sets how loudly staff are told and how formal the apology is. */
public enum Severity {
    NONE, LOW, MEDIUM, HIGH, CRITICAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    public static Severity max(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public static Optional<Severity> fromId(String id) {
        if (id == null) return Optional.empty();
        for (Severity s : values()) {
            if (s.id().equals(id.toLowerCase(Locale.ROOT))) return Optional.of(s);
        }
        return Optional.empty();
    }
}
