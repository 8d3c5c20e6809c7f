package com.mispost.apology;

import com.mispost.detection.Severity;
import com.mispost.post.Platform;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes apology drafts in proportion to the severity: light for a harmless personal post,
 * sincere for an offensive one, formal for a critical one. Honest by construction: it says the
 * post was a mistake by a member of the team, never that the account was hacked.
 */
public final class ApologyComposer {

    public List<ApologyDraft> compose(Platform platform, Severity severity, String brand) {
        int limit = limitOf(platform);
        List<ApologyDraft> drafts = new ArrayList<>();
        for (Tone tone : Tone.values()) {
            String text = text(tone, severity, brand);
            drafts.add(new ApologyDraft(tone, text, text.codePointCount(0, text.length()), limit, List.of()));
        }
        return drafts;
    }

    static int limitOf(Platform platform) {
        return switch (platform) {
            case X -> 280;
            case MASTODON -> 500;
            case LINKEDIN -> 3000;
            case META -> 63206;
            case GENERIC -> 280;
        };
    }

    private static String text(Tone tone, Severity severity, String brand) {
        boolean light = !severity.atLeast(Severity.MEDIUM);
        return switch (tone) {
            case PLAIN -> light
                    ? "We posted something here that was meant for a personal account. It's been removed. Sorry for the mix-up."
                    : "Earlier a member of our team posted a personal message to this account by mistake. It was wrong and we have removed it. We're sorry, and we are changing how we post so it doesn't happen again.";
            case WARM -> light
                    ? "That last post was one of us, on the wrong account. We've removed it and we're sorry for the mix-up. Back to our regular posts."
                    : "We owe you an apology. A member of our team posted a personal message to our account by mistake, and it did not reflect who we are. We have removed it and are putting checks in place.";
            case FORMAL -> "Earlier today a message intended for a personal account was posted to the " + brand
                    + " account by a member of our team. It does not reflect our values. We have removed it, we apologize, and we are reviewing how our accounts are managed.";
        };
    }
}
