package com.mispost.usecase.closure;

import com.mispost.detection.Assessment;
import com.mispost.detection.Evidence;
import com.mispost.detection.Reason;
import com.mispost.detection.Severity;
import com.mispost.incident.Incident;
import com.mispost.incident.IncidentAction;
import com.mispost.incident.StaffAction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Dismissing an alert teaches the account's voice only when the post's words raised it. */
class CrowdDismissalTest {
    private final ClosureWiring suite = new ClosureWiring();

    @Test
    void aDismissedAlertFromTheCrowdTeachesNothingTheDetectorDidNotLearnWhenThePostPassed() {
        Incident crowd = suite.open(new Assessment(0.7, Severity.MEDIUM, List.of(new Reason("crowd.backlash",
                "5 of the 7 newest replies turned", 5, List.of(Evidence.fact("\"who approved this\"")))), "Read the replies."), null);
        assertThat(suite.desk.act(crowd.id(), new StaffAction(IncidentAction.DISMISS, "Ana", "a few trolls", null, null)).done()).isTrue();
        assertThat(suite.accounts.voice(ClosureWiring.BRAND).posts()).isZero();

        Incident words = suite.open(Severity.MEDIUM, null);
        assertThat(suite.desk.act(words.id(), new StaffAction(IncidentAction.DISMISS, "Ana", "it was ours", null, null)).done()).isTrue();
        assertThat(suite.accounts.voice(ClosureWiring.BRAND).posts()).as("a false positive of the detector is learned").isEqualTo(1);
    }
}
