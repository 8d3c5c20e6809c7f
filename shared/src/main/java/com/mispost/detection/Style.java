package com.mispost.detection;

/**
 * The marks of how a post is written that tell a person's voice from a brand's. Each has the
 * rate at which it shows in personal posts and a prior rate for brand posts; an account's own
 * rates, learned by its {@link VoiceProfile}, replace the brand prior as its posts come in.
 * The rates are judgement from how people and brand social teams write, not fitted to any set.
 */
enum Style {
    FIRST_SINGULAR(0.45, 0.18, "voice.first-person",
            "It speaks as \"I\" where this account says \"we\".", null),
    FIRST_POSSESSIVE(0.30, 0.02, "voice.my-own",
            "It talks about \"my\" things, as a person does; the brand says \"your\" and \"our\".", null),
    NARRATIVE(0.18, 0.02, "voice.own-story",
            "It tells the author's own story (\"I tried\", \"I ordered\", \"I was\").", null),
    FIRST_PLURAL(0.12, 0.55, "voice.no-we",
            null, "It never says \"we\" or \"us\", as this account's posts do."),
    SECOND_PERSON(0.35, 0.65, "voice.not-addressing",
            null, "It does not address anyone as \"you\", as this account's posts do."),
    ADDRESSED(0.35, 0.70, "voice.not-a-reply",
            null, "It does not start by addressing someone, as this account's posts usually do."),
    LINK(0.15, 0.35, "voice.no-link", null, "It has no link, as this account's posts usually do."),
    SIGNOFF(0.02, 0.30, "voice.no-sign-off",
            null, "It lacks the agent sign-off this account's posts carry."),
    GREETING(0.06, 0.20, "voice.no-greeting", null, null),
    NAMES_SOMEONE(0.05, 0.25, "voice.no-name", null, null),
    POLISHED_END(0.35, 0.70, "voice.unfinished",
            null, "Its last sentence is not finished with punctuation, as this account's posts are."),
    SHORT(0.18, 0.04, "voice.short", "It is a short remark, unlike this account's full replies.", null),
    SUPPORT_PHRASE(0.10, 0.60, "voice.no-brand-phrasing",
            null, "It has none of this account's customer-care or brand phrasing."),
    INFORMAL(0.30, 0.05, "voice.informal",
            "It uses chat slang (lol, omg, u, gonna) the brand does not use.", null),
    EMOJI(0.22, 0.10, "voice.emoji", "It uses emoji, which this account rarely does.", null),
    COMPLAINT(0.25, 0.03, "voice.complaint",
            "It complains the way a customer does (still, again, why, customer service).", null),
    NEGATIVE_EMOTION(0.35, 0.06, "voice.negative-emotion", "It vents strong negative feelings.", null),
    INTENSE_EMOTION(0.25, 0.05, "voice.strong-emotion", "It expresses strong personal emotion.", null),
    PERSONAL_LIFE(0.20, 0.03, "voice.personal-life",
            "It talks about someone's own life (family, night out, work, boss, sleep).", null),
    CARELESS(0.35, 0.05, "voice.casual-writing",
            "It is written casually (starts in lower case, \"i\" for \"I\", \"dont\"), unlike a brand's edited posts.", null),
    TAGS_SEVERAL(0.25, 0.06, "voice.tags-several",
            "It tags several people at once, as people do with friends; the brand replies to one.", null),
    HASHTAGS(0.18, 0.08, "voice.hashtags", "It strings hashtags together unlike this account.", null),
    SHOUTING(0.15, 0.03, "voice.shouting", "It shouts (capitals, !!, ?!).", null),
    STRETCHED(0.08, 0.01, "voice.stretched-words", "It stretches words (\"sooo\", \"noooo\").", null),
    // New marks go last: stored profiles keep their counts by position.
    CUSTOMER_SIDE(0.12, 0.02, "voice.customer-side",
            "It speaks from the customer's side: asks the company for help, chases a reply or reports back.", null),
    ABOUT_OTHERS(0.25, 0.06, "voice.about-others",
            "It talks about other people (he, she, they), where this account talks with its customers.", null),
    OTHER_LANGUAGE(0.10, 0.05, "voice.other-language",
            "It is written in another language than this account's English.", null),
    BARE_LINK(0.05, 0.01, "voice.bare-link",
            "It is nothing but a link, as a person sharing a screenshot sends; this account says something with its links.", null);

    final double personalRate;
    final double brandPrior;
    final String signal;
    /** Why it counts when present (null: its presence never speaks for a mispost). */
    final String whenPresent;
    /** Why it counts when absent. */
    final String whenAbsent;

    Style(double personalRate, double brandPrior, String signal, String whenPresent, String whenAbsent) {
        this.personalRate = personalRate;
        this.brandPrior = brandPrior;
        this.signal = signal;
        this.whenPresent = whenPresent;
        this.whenAbsent = whenAbsent;
    }

    int bit() {
        return 1 << ordinal();
    }

    boolean in(int bits) {
        return (bits & bit()) != 0;
    }
}
