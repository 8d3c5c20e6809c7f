package com.mispost.notify;

import com.mispost.detection.Severity;

import java.util.List;

/**
 * The steps of recovering, in the order that helps, tailored to severity: six after a mispost,
 * seven after a backlash against a post that went out as intended.
 */
public final class RecoverySteps {
    private RecoverySteps() {
    }

    public static List<String> forSeverity(Severity s) {
        boolean grave = s.atLeast(Severity.HIGH);
        return List.of(
                respondFast(grave),
                "Monitor the response: watch replies, shares and their pace on the incident page.",
                "Be honest: it was posted by mistake by a member of the team. Never call it a hack unless it was one.",
                grave ? "Apologize sincerely and in proportion: say what happened and what will change; no \"if anyone was offended\"."
                        : "Apologize lightly and in proportion: a short, human acknowledgement is enough.",
                "Repair: capture the post first (screenshot and link), then remove it with a notice. Do not silently delete: "
                        + "once it is on the internet it is there forever, and screenshots last.",
                "Move on: close the incident with notes on what happened and what was learned.");
    }

    /**
     * After the crowd turned against a post the team meant to send: nothing was posted by mistake,
     * so the honest account is that it missed the mark, and the repair is in how posts are approved.
     */
    public static List<String> forBacklash(Severity s) {
        boolean grave = s.atLeast(Severity.HIGH);
        return List.of(
                respondFast(grave),
                "Pause the account's scheduled posts: a cheerful post beside an angry thread makes it worse.",
                "Monitor the response: read the replies beside the post and watch their pace on the incident page.",
                "Be honest: the post was ours and went out as intended, and it missed the mark. Do not call it a mistake, "
                        + "a personal post or a hack.",
                "Decide whether it comes down. If it does, capture it first (screenshot and link) and say so in the apology; "
                        + "never delete it silently: screenshots last.",
                (grave ? "Apologize sincerely and in proportion: say that it was wrong and what will change in how posts are approved; "
                        : "Apologize briefly and in proportion: own it in a line or two; ")
                        + "reply once, in the thread or in a post, not to every reply.",
                "Move on: resume scheduled posts once they have been checked, and close the incident with notes on what was learned.");
    }

    private static String respondFast(boolean grave) {
        return "Respond fast: acknowledge this alert so the team knows someone is on it"
                + (grave ? ", and call the account owner now." : ".");
    }
}
