package com.mispost.usecase.closure;

import com.mispost.incident.Incident;
import com.mispost.incident.IncidentAction;
import com.mispost.incident.IncidentState;
import com.mispost.incident.StaffAction;
import com.mispost.notify.NoticeKind;
import com.mispost.usecase.closure.IncidentDesk.Refusal;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Staff's actions on in-memory ports: each refusal says why, and the pages answer with the status that fits it. */
class IncidentDeskTest {
    private final ClosureWiring suite = new ClosureWiring();

    @Test
    void anAcknowledgementChangesTheStateAndTellsStaff() {
        Incident i = suite.open("p1");
        IncidentDesk.Outcome outcome = suite.desk.act(i.id(), new StaffAction(IncidentAction.ACKNOWLEDGE, "Ana", null, null, null));
        assertThat(outcome.done()).isTrue();
        assertThat(outcome.incident().state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(suite.sns.published()).extracting(n -> n.kind()).containsExactly(NoticeKind.ACKNOWLEDGED);
    }

    @Test
    void refusalsSayWhy() {
        Incident i = suite.open("p1");
        assertThat(suite.desk.act("inc-none", new StaffAction(IncidentAction.ACKNOWLEDGE, "Ana", null, null, null)).refusal())
                .isEqualTo(Refusal.NO_SUCH_INCIDENT);
        assertThat(suite.desk.act(i.id(), new StaffAction(IncidentAction.DISMISS, "Ana", null, null, null)).refusal())
                .as("dismissing needs a reason").isEqualTo(Refusal.INCOMPLETE);
        assertThat(suite.desk.act(i.id(), new StaffAction(IncidentAction.REPAIR, "Ana", null, null, null)))
                .satisfies(o -> assertThat(o.refusal()).isEqualTo(Refusal.STALE_STATE))
                .satisfies(o -> assertThat(o.message()).startsWith("Nothing changed: the incident is open"));
        assertThat(suite.incidents.pendingNotices()).as("nothing written for a refusal: only the alert")
                .extracting(n -> n.kind()).containsExactly(NoticeKind.ALERT);
    }

    @Test
    void thePagesAnswer409ForAStaleActionAnd400ForAMissingReason() {
        Incident i = suite.open("p1");
        assertThat(post(i, IncidentAction.REPAIR, Map.of("actor", "Ana")).status()).isEqualTo(409);
        assertThat(post(i, IncidentAction.DISMISS, Map.of("actor", "Ana")).status()).isEqualTo(400);
        assertThat(post(i, IncidentAction.ACKNOWLEDGE, Map.of("actor", "Ana")).status()).isEqualTo(200);
    }

    private IncidentPages.Page post(Incident i, IncidentAction action, Map<String, String> form) {
        URI link = URI.create(suite.links.link("http://local", i.id(), action, suite.clock.instant()));
        Map<String, String> query = new HashMap<>();
        for (String pair : link.getRawQuery().split("&")) query.put(pair.split("=")[0], pair.split("=")[1]);
        return suite.pages.handle("POST", i.id(), action.id(), query, form);
    }
}
