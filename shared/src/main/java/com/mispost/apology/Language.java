package com.mispost.apology;

import java.util.Locale;
import java.util.Optional;

/** The languages the built-in composer writes well. Anything else falls back to English. */
public enum Language {
    ENGLISH("en", "English"),
    GERMAN("de", "German");

    private final String tag;
    private final String englishName;

    Language(String tag, String englishName) {
        this.tag = tag;
        this.englishName = englishName;
    }

    public String tag() {
        return tag;
    }

    public String englishName() {
        return englishName;
    }

    /** The language a tag asks for, by its primary subtag ("de-AT" is German). */
    public static Optional<Language> of(String languageTag) {
        if (languageTag == null || languageTag.isBlank()) return Optional.empty();
        String primary = Locale.forLanguageTag(languageTag.strip().replace('_', '-')).getLanguage();
        for (Language l : values()) {
            if (l.tag.equals(primary)) return Optional.of(l);
        }
        return Optional.empty();
    }
}
