package com.mispost.usecase.closure;

import com.mispost.incident.Incident;
import com.mispost.incident.IncidentAction;
import com.mispost.incident.IncidentState;
import com.mispost.incident.StaffAction;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.mispost.usecase.closure.ClosureWiring.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The sweep's quiet close on in-memory ports: the quiet time counts from the apology, not from the last action. */
class IncidentSweepTest {
    private final ClosureWiring suite = new ClosureWiring();

    private Incident approvedAtOneMinuteThenRepairedAtTwenty() {
        Incident i = suite.open("p1");
        assertThat(suite.desk.act(i.id(), new StaffAction(IncidentAction.ACKNOWLEDGE, "Ana", null, null, null)).done()).isTrue();
        suite.clock.set(T0.plus(Duration.ofMinutes(1)));
        assertThat(suite.desk.act(i.id(), new StaffAction(IncidentAction.APPROVE, "Ana", "checked with the lead", null,
                "Sorry, that post was meant for a personal account. We have taken it down.")).done()).isTrue();
        suite.clock.set(T0.plus(Duration.ofMinutes(20)));
        assertThat(suite.desk.act(i.id(), new StaffAction(IncidentAction.REPAIR, "Ana", "removed with a notice", null, null))
                .done()).isTrue();
        return i;
    }

    private IncidentState state(Incident i) {
        return suite.incidents.find(i.id()).orElseThrow().state();
    }

    @Test
    void aRepairAfterTheApologyDoesNotRestartTheQuietTime() {
        Incident i = approvedAtOneMinuteThenRepairedAtTwenty();
        Instant approvedAt = T0.plus(Duration.ofMinutes(1));

        suite.clock.set(approvedAt.plus(Duration.ofMinutes(30)).minusSeconds(1));
        assertThat(suite.sweep.run().closed()).as("not yet thirty minutes after the apology").isZero();
        assertThat(state(i)).isEqualTo(IncidentState.MONITORING);

        suite.clock.set(approvedAt.plus(Duration.ofMinutes(30)));
        assertThat(suite.sweep.run().closed()).as("thirty minutes after the apology, though ten after the repair").isEqualTo(1);
        assertThat(state(i)).isEqualTo(IncidentState.CLOSED);
        assertThat(suite.sns.published()).last().satisfies(n -> assertThat(n.body())
                .contains("closed automatically: no reactions for 30 min after the apology"));
    }

    @Test
    void aReactionAfterTheApologyRestartsTheQuietTime() {
        Incident i = approvedAtOneMinuteThenRepairedAtTwenty();
        suite.clock.set(T0.plus(Duration.ofMinutes(25)));
        suite.posts.recordReaction(new Reaction(i.post().key(), ReactionKind.REPLY, "r1", suite.clock.instant()));

        suite.clock.set(T0.plus(Duration.ofMinutes(31)));
        assertThat(suite.sweep.run().closed()).isZero();
        suite.clock.set(T0.plus(Duration.ofMinutes(55)));
        assertThat(suite.sweep.run().closed()).isEqualTo(1);
        assertThat(state(i)).isEqualTo(IncidentState.CLOSED);
    }
}
