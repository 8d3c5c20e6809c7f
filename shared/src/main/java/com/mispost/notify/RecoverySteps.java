package com.mispost.notify;

import com.mispost.detection.Severity;

import java.util.List;

/** The six steps of recovering from a mispost, in the order that helps, tailored to severity. */
public final class RecoverySteps {
    private RecoverySteps() {
    }

    public static List<String> forSeverity(Severity s) {
        boolean grave = s.atLeast(Severity.HIGH);
        return List.of(
                "Respond fast: acknowledge this alert so the team knows someone is on it"
                        + (grave ? ", and call the account owner now." : "."),
                "Monitor the response: watch replies, shares and their pace on the incident page.",
                "Be honest: it was posted by mistake by a member of the team. Never call it a hack unless it was one.",
                grave ? "Apologize sincerely and in proportion: say what happened and what will change; no \"if anyone was offended\"."
                        : "Apologize lightly and in proportion: a short, human acknowledgement is enough.",
                "Repair: capture the post first (screenshot and link), then remove it with a notice. Do not silently delete: "
                        + "once it is on the internet it is there forever, and screenshots last.",
                "Move on: close the incident with notes on what happened and what was learned.");
    }
}
