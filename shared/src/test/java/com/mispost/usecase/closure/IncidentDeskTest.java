package com.mispost.usecase.closure;

import com.mispost.detection.Severity;
import com.mispost.incident.Incident;
import com.mispost.incident.IncidentAction;
import com.mispost.incident.IncidentState;
import com.mispost.incident.StaffAction;
import com.mispost.notify.NoticeKind;
import com.mispost.usecase.closure.IncidentDesk.Refusal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.mispost.usecase.closure.ClosureWiring.ANYONE;
import static org.assertj.core.api.Assertions.assertThat;

/** Staff's actions on in-memory ports: each refusal says why, and the pages answer with the status that fits it. */
class IncidentDeskTest {
    private final ClosureWiring suite = new ClosureWiring();

    @Test
    void anAcknowledgementChangesTheStateAndTellsStaff() {
        Incident i = suite.open(Severity.MEDIUM, null);
        IncidentDesk.Outcome outcome = suite.desk.act(i.id(), new StaffAction(IncidentAction.ACKNOWLEDGE, "Ana", null, null, null));
        assertThat(outcome.done()).isTrue();
        assertThat(outcome.incident().state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(suite.sns.published()).extracting(n -> n.kind()).containsExactly(NoticeKind.ALERT, NoticeKind.ACKNOWLEDGED);
    }

    @Test
    void refusalsSayWhy() {
        Incident i = suite.open(Severity.MEDIUM, null);
        assertThat(suite.desk.act("inc-none", new StaffAction(IncidentAction.ACKNOWLEDGE, "Ana", null, null, null)).refusal())
                .isEqualTo(Refusal.NO_SUCH_INCIDENT);
        assertThat(suite.desk.act(i.id(), new StaffAction(IncidentAction.DISMISS, "Ana", null, null, null)).refusal())
                .as("dismissing needs a reason").isEqualTo(Refusal.INCOMPLETE);
        assertThat(suite.desk.act(i.id(), new StaffAction(IncidentAction.REPAIR, "Ana", null, null, null)))
                .satisfies(o -> assertThat(o.refusal()).isEqualTo(Refusal.STALE_STATE))
                .satisfies(o -> assertThat(o.message()).startsWith("Nothing changed: the incident is open"));
        assertThat(suite.incidents.pendingNotices()).as("nothing written for a refusal").isEmpty();
        assertThat(suite.sns.published()).extracting(n -> n.kind()).containsExactly(NoticeKind.ALERT);
    }

    @Test
    void thePagesAnswer409ForAStaleActionAnd400ForAMissingReason() {
        Incident i = suite.open(Severity.MEDIUM, null);
        assertThat(post(i, IncidentAction.REPAIR, Map.of("actor", "Ana")).status()).isEqualTo(409);
        assertThat(post(i, IncidentAction.DISMISS, Map.of("actor", "Ana")).status()).isEqualTo(400);
        assertThat(post(i, IncidentAction.ACKNOWLEDGE, Map.of("actor", "Ana")).status()).isEqualTo(200);
    }

    private IncidentPages.Page post(Incident i, IncidentAction action, Map<String, String> form) {
        return suite.pages.handle("POST", i.id(), action.id(),
                ClosureWiring.rawQuery(suite.links.link("http://local", i.id(), action, suite.clock.instant())), form,
                ANYONE);
    }

    @Test
    void everyActionSucceedsFromExactlyTheStatesTheLifecycleAllows() {
        for (IncidentState from : IncidentState.values()) {
            for (IncidentAction action : IncidentAction.values()) {
                Incident i = suite.open(Severity.LOW, null);
                bring(i, from);
                suite.clock.advance(Duration.ofSeconds(1)); // notices are named by kind and millisecond
                IncidentDesk.Outcome outcome = suite.desk.act(i.id(), new StaffAction(action, "Ana", "a reason", null, "Sorry!"));
                boolean allowed = action.from().contains(from);
                assertThat(outcome.done()).as(action.id() + " from " + from).isEqualTo(allowed);
                assertThat(suite.state(i)).as(action.id() + " from " + from).isEqualTo(allowed ? action.to() : from);
                if (!allowed) assertThat(outcome.refusal()).isEqualTo(IncidentDesk.Refusal.STALE_STATE);
            }
        }
    }


    private void bring(Incident i, IncidentState to) {
        List<IncidentAction> path = switch (to) {
            case OPEN -> List.of();
            case ACKNOWLEDGED -> List.of(IncidentAction.ACKNOWLEDGE);
            case RESPONDING -> List.of(IncidentAction.ACKNOWLEDGE, IncidentAction.APPROVE);
            case MONITORING -> List.of(IncidentAction.ACKNOWLEDGE, IncidentAction.APPROVE, IncidentAction.REPAIR);
            case CLOSED -> List.of(IncidentAction.ACKNOWLEDGE, IncidentAction.APPROVE, IncidentAction.CLOSE);
            case DISMISSED -> List.of(IncidentAction.DISMISS);
        };
        for (IncidentAction a : path) {
            suite.clock.advance(Duration.ofSeconds(1));
            assertThat(suite.desk.act(i.id(), new StaffAction(a, "Bo", "setting up", null, "Sorry!")).done()).isTrue();
        }
        assertThat(suite.state(i)).isEqualTo(to);
    }
}
