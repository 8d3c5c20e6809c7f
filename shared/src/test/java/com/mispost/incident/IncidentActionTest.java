package com.mispost.incident;

import org.junit.jupiter.api.Test;

import static com.mispost.incident.IncidentState.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The lifecycle: OPEN → ACKNOWLEDGED → RESPONDING → MONITORING → CLOSED, dismiss early, reopen with a reason. */
class IncidentActionTest {
    @Test
    void everyTransitionStartsWhereTheLifecycleSays() {
        assertThat(IncidentAction.ACKNOWLEDGE.from()).containsExactly(OPEN);
        assertThat(IncidentAction.ACKNOWLEDGE.to()).isEqualTo(ACKNOWLEDGED);
        assertThat(IncidentAction.DISMISS.from()).containsExactlyInAnyOrder(OPEN, ACKNOWLEDGED);
        assertThat(IncidentAction.DISMISS.to()).isEqualTo(DISMISSED);
        assertThat(IncidentAction.APPROVE.from()).containsExactlyInAnyOrder(ACKNOWLEDGED, RESPONDING);
        assertThat(IncidentAction.APPROVE.to()).isEqualTo(RESPONDING);
        assertThat(IncidentAction.REPAIR.from()).containsExactlyInAnyOrder(RESPONDING, MONITORING);
        assertThat(IncidentAction.REPAIR.to()).isEqualTo(MONITORING);
        assertThat(IncidentAction.CLOSE.to()).isEqualTo(CLOSED);
        assertThat(IncidentAction.REOPEN.from()).containsExactlyInAnyOrder(CLOSED, DISMISSED);
    }

    @Test
    void anEndedIncidentChangesOnlyByAReopenWithAReason() {
        for (IncidentAction a : IncidentAction.values()) {
            boolean fromEnded = a.from().contains(CLOSED) || a.from().contains(DISMISSED);
            assertThat(fromEnded).as(a.id()).isEqualTo(a == IncidentAction.REOPEN);
        }
        assertThat(IncidentAction.REOPEN.needsReason()).isTrue();
        assertThat(IncidentAction.DISMISS.needsReason()).isTrue();
        assertThat(IncidentAction.ACKNOWLEDGE.needsReason()).isFalse();
    }

    @Test
    void actionsAreNamedInLinksByTheirLowerCaseId() {
        assertThat(IncidentAction.fromId("acknowledge")).contains(IncidentAction.ACKNOWLEDGE);
        assertThat(IncidentAction.fromId("CLOSE")).contains(IncidentAction.CLOSE);
        assertThat(IncidentAction.fromId("delete")).isEmpty();
        assertThat(IncidentAction.fromId(null)).isEmpty();
    }

    @Test
    void incidentIdsAreStablePerPostAndDifferAcrossPosts() {
        var a = new com.mispost.post.PostKey(com.mispost.post.Platform.X, "1", "10");
        var b = new com.mispost.post.PostKey(com.mispost.post.Platform.X, "1", "11");
        assertThat(IncidentIds.forPost(a)).isEqualTo(IncidentIds.forPost(a)).startsWith("inc-").hasSize(20);
        assertThat(IncidentIds.forPost(a)).isNotEqualTo(IncidentIds.forPost(b));
    }
}
