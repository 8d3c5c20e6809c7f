package com.mispost.usecase.closure;

import com.mispost.detection.Severity;
import com.mispost.incident.AuthorAnswer;
import com.mispost.incident.Incident;
import com.mispost.incident.IncidentAction;
import com.mispost.incident.IncidentState;
import com.mispost.incident.StaffAction;
import com.mispost.incident.TimelineEntry;
import com.mispost.incident.TimelineEvent;
import com.mispost.notify.NoticeKind;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.mispost.usecase.closure.ClosureWiring.ANYONE;
import static com.mispost.usecase.closure.ClosureWiring.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled sweep on in-memory ports and a clock the test moves: escalation timing and its limit,
 * a spike notice once per window, the quiet close (counted from the apology, not from the last
 * action) with its summary, and the question to the author with its signed answers.
 */
class IncidentSweepTest {
    private final ClosureWiring suite = new ClosureWiring();

    private Incident approvedAtOneMinuteThenRepairedAtTwenty() {
        Incident i = suite.open(Severity.MEDIUM, null);
        assertThat(suite.desk.act(i.id(), new StaffAction(IncidentAction.ACKNOWLEDGE, "Ana", null, null, null)).done()).isTrue();
        suite.clock.set(T0.plus(Duration.ofMinutes(1)));
        assertThat(suite.desk.act(i.id(), new StaffAction(IncidentAction.APPROVE, "Ana", "checked with the lead", null,
                "Sorry, that post was meant for a personal account. We have taken it down.")).done()).isTrue();
        suite.clock.set(T0.plus(Duration.ofMinutes(20)));
        assertThat(suite.desk.act(i.id(), new StaffAction(IncidentAction.REPAIR, "Ana", "removed with a notice", null, null))
                .done()).isTrue();
        return i;
    }

    @Test
    void aRepairAfterTheApologyDoesNotRestartTheQuietTime() {
        Incident i = approvedAtOneMinuteThenRepairedAtTwenty();
        Instant approvedAt = T0.plus(Duration.ofMinutes(1));

        suite.clock.set(approvedAt.plus(Duration.ofMinutes(30)).minusSeconds(1));
        assertThat(suite.sweep.run().closed()).as("not yet thirty minutes after the apology").isZero();
        assertThat(suite.state(i)).isEqualTo(IncidentState.MONITORING);

        suite.clock.set(approvedAt.plus(Duration.ofMinutes(30)));
        assertThat(suite.sweep.run().closed()).as("thirty minutes after the apology, though ten after the repair").isEqualTo(1);
        assertThat(suite.state(i)).isEqualTo(IncidentState.CLOSED);
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
        assertThat(suite.state(i)).isEqualTo(IncidentState.CLOSED);
    }

    @Test
    void anUnacknowledgedIncidentEscalatesOnTimeAgainEachPeriodUpToTheLimitAndNotAfterAcknowledgement() {
        Incident critical = suite.open(Severity.CRITICAL, null);
        Incident low = suite.open(Severity.LOW, null);

        suite.clock.set(T0.plus(Duration.ofMinutes(5)).minusSeconds(1));
        assertThat(suite.sweep.run().escalations()).as("before five minutes").isZero();

        suite.clock.set(T0.plus(Duration.ofMinutes(5)));
        assertThat(suite.sweep.run().escalations()).as("critical at five minutes; low not yet").isEqualTo(1);
        var escalation = suite.published(NoticeKind.ESCALATION, critical);
        assertThat(escalation.subject()).contains("Unacknowledged for 5 min").contains("Harbour Lane Bakery");
        assertThat(escalation.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(escalation.body()).contains("Acknowledge: http://local/incidents/" + critical.id() + "/actions/acknowledge");

        suite.clock.advance(Duration.ofMinutes(4));
        assertThat(suite.sweep.run().escalations()).as("no flood: within the window").isZero();
        suite.clock.advance(Duration.ofMinutes(1));
        assertThat(suite.sweep.run().escalations()).as("again after another five minutes").isEqualTo(1);
        suite.clock.advance(Duration.ofMinutes(5));
        assertThat(suite.sweep.run().escalations()).as("the third and last").isEqualTo(1);
        suite.clock.advance(Duration.ofMinutes(5));
        assertThat(suite.sweep.run().escalations()).as("the limit is three").isZero();
        assertThat(suite.events(critical, TimelineEvent.ESCALATED)).isEqualTo(3);
        assertThat(suite.events(low, TimelineEvent.ESCALATED)).isZero();

        suite.clock.set(T0.plus(Duration.ofHours(2)));
        assertThat(suite.desk.act(low.id(), new StaffAction(IncidentAction.ACKNOWLEDGE, "Ana", null, null, null)).done()).isTrue();
        assertThat(suite.sweep.run().escalations()).as("an acknowledged incident never escalates").isZero();
        assertThat(suite.events(low, TimelineEvent.ESCALATED)).isZero();
        assertThat(suite.incidents.pendingNotices()).isEmpty();
    }


    @Test
    void aSpikeIsNoticedOncePerWindow() {
        Incident i = suite.open(Severity.MEDIUM, null);
        assertThat(suite.desk.act(i.id(), new StaffAction(IncidentAction.ACKNOWLEDGE, "Ana", null, null, null)).done()).isTrue();
        suite.react(i, 19, T0.plusSeconds(20));
        suite.clock.set(T0.plusSeconds(40));
        assertThat(suite.sweep.run().spikes()).as("19 a minute is under the threshold of 20").isZero();

        suite.react(i, 6, T0.plusSeconds(45));
        suite.clock.set(T0.plusSeconds(50));
        assertThat(suite.sweep.run().spikes()).isEqualTo(1);
        var spike = suite.published(NoticeKind.SPIKE, i);
        assertThat(spike.subject()).contains("25 a minute");
        assertThat(spike.body()).contains("threshold is 20").contains("25 in all");

        suite.react(i, 30, T0.plusSeconds(70));
        suite.clock.set(T0.plus(Duration.ofMinutes(2)));
        assertThat(suite.sweep.run().spikes()).as("one per window").isZero();
        suite.clock.set(T0.plus(Duration.ofMinutes(9)));
        assertThat(suite.sweep.run().spikes()).as("the burst is over").isZero();

        suite.clock.set(T0.plus(Duration.ofMinutes(11)));
        suite.react(i, 21, suite.clock.instant());
        assertThat(suite.sweep.run().spikes()).as("a new burst after the window").isEqualTo(1);
        assertThat(suite.events(i, TimelineEvent.SPIKE)).isEqualTo(2);
    }


    @Test
    void anIncidentQuietAfterTheApologyClosesByItselfWithTheSummary() {
        Incident i = suite.open(Severity.MEDIUM, null);
        suite.desk.act(i.id(), new StaffAction(IncidentAction.ACKNOWLEDGE, "Ana", null, null, null));
        suite.react(i, 5, suite.clock.instant());
        suite.clock.advance(Duration.ofMinutes(2));
        Instant approvedAt = suite.clock.instant();
        assertThat(suite.desk.act(i.id(), new StaffAction(IncidentAction.APPROVE, "Ana", "a short reply the team agreed on", null, "Sorry, wrong account!")).done()).isTrue();

        suite.clock.set(approvedAt.plus(Duration.ofMinutes(10)));
        suite.react(i, 1, suite.clock.instant());
        Instant lastReaction = suite.clock.instant();
        suite.clock.set(approvedAt.plus(Duration.ofMinutes(30)));
        assertThat(suite.sweep.run().closed()).as("a reaction ten minutes after the apology restarts the quiet time").isZero();
        suite.clock.set(lastReaction.plus(Duration.ofMinutes(30)).minusSeconds(1));
        assertThat(suite.sweep.run().closed()).isZero();
        assertThat(suite.state(i)).isEqualTo(IncidentState.RESPONDING);

        suite.clock.set(lastReaction.plus(Duration.ofMinutes(30)));
        assertThat(suite.sweep.run().closed()).isEqualTo(1);
        assertThat(suite.state(i)).isEqualTo(IncidentState.CLOSED);
        TimelineEntry closed = suite.incidents.timeline(i.id()).stream().filter(e -> e.event() == TimelineEvent.CLOSED).findFirst().orElseThrow();
        assertThat(closed.actor()).isEqualTo("mispost");
        assertThat(closed.detail()).contains("no reactions for 30 min after the apology");
        var summary = suite.published(NoticeKind.CLOSED, i);
        assertThat(summary.body()).contains("Summary").contains("Reactions: 6 in all").contains("Apology:\n> Sorry, wrong account!")
                .contains("closed — mispost");
        assertThat(suite.sweep.run().closed()).as("closed once").isZero();
    }


    @Test
    void theAuthorIsAskedOnceAndTheirAnswerActs() {
        Incident asked = suite.open(Severity.LOW, "lee.social");
        Incident nobody = suite.open(Severity.LOW, null);
        assertThat(suite.sweep.run().authorQuestions()).isEqualTo(1);
        assertThat(suite.sweep.run().authorQuestions()).as("asked once").isZero();
        assertThat(suite.events(nobody, TimelineEvent.AUTHOR_ASKED)).isZero();

        var question = suite.published(NoticeKind.ASK_AUTHOR, asked);
        assertThat(question.author()).isEqualTo("lee.social");
        assertThat(question.body()).contains("Did you mean to post it to Harbour Lane Bakery?");
        String confirm = link(question.body(), AuthorAnswer.CONFIRM.id());
        String deny = link(question.body(), AuthorAnswer.DENY.id());

        IncidentPages.Page form = suite.pages.handle("GET", asked.id(), AuthorAnswer.CONFIRM.id(), ClosureWiring.rawQuery(confirm),
                Map.of(), ANYONE);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.html()).contains("<form method=\"post\"").contains("meant for my own account");
        assertThat(suite.events(asked, TimelineEvent.AUTHOR_CONFIRMED)).as("a GET answers nothing").isZero();

        Map<String, String> forged = ClosureWiring.query(confirm);
        forged.put("sig", (forged.get("sig").charAt(0) == 'A' ? "B" : "A") + forged.get("sig").substring(1)); // changed whatever it starts with
        assertThat(suite.pages.handle("POST", asked.id(), AuthorAnswer.CONFIRM.id(), ClosureWiring.raw(forged),
                Map.of(), ANYONE).status()).isEqualTo(403);
        assertThat(suite.pages.handle("POST", asked.id(), AuthorAnswer.DENY.id(), ClosureWiring.rawQuery(confirm),
                Map.of(), ANYONE).status())
                .as("a confirm link does not deny").isEqualTo(403);

        assertThat(suite.pages.handle("POST", asked.id(), AuthorAnswer.CONFIRM.id(), ClosureWiring.rawQuery(confirm),
                Map.of(), ANYONE).status()).isEqualTo(200);
        assertThat(suite.pages.handle("POST", asked.id(), AuthorAnswer.CONFIRM.id(), ClosureWiring.rawQuery(confirm),
                Map.of(), ANYONE).status())
                .as("answered once").isEqualTo(409);
        TimelineEntry note = suite.incidents.timeline(asked.id()).stream().filter(e -> e.event() == TimelineEvent.AUTHOR_CONFIRMED)
                .findFirst().orElseThrow();
        assertThat(note.actor()).isEqualTo("lee.social");
        assertThat(suite.state(asked)).isEqualTo(IncidentState.OPEN);
        suite.published(NoticeKind.AUTHOR_CONFIRMED, asked);

        assertThat(suite.pages.handle("POST", asked.id(), AuthorAnswer.DENY.id(), ClosureWiring.rawQuery(deny),
                Map.of(), ANYONE).status()).isEqualTo(200);
        assertThat(suite.state(asked)).isEqualTo(IncidentState.DISMISSED);
        TimelineEntry dismissed = suite.incidents.timeline(asked.id()).stream().filter(e -> e.event() == TimelineEvent.DISMISSED)
                .findFirst().orElseThrow();
        assertThat(dismissed.actor()).isEqualTo("lee.social");
        assertThat(dismissed.detail()).isEqualTo("author says it was intended");
    }

    private static String link(String body, String action) {
        Matcher m = Pattern.compile("(http://\\S+/actions/" + action + "\\?\\S+)").matcher(body);
        assertThat(m.find()).as("a " + action + " link in the notice").isTrue();
        return m.group(1);
    }

    @Test
    void aSweepThatRunsOutOfTimeLeavesTheRestForTheNextAndEveryIncidentIsReachedInTurn() {
        java.util.List<Incident> open = new java.util.ArrayList<>();
        for (int n = 0; n < 12; n++) open.add(suite.open(Severity.CRITICAL, null));
        suite.clock.set(T0.plus(Duration.ofMinutes(10)));
        // Every look at the clock takes a second: the sweep's budget lasts for a few incidents only.
        suite.clock.tickEveryRead(Duration.ofSeconds(1));
        java.util.Set<String> escalated = new java.util.HashSet<>();
        int sweeps = 0;
        while (escalated.size() < open.size() && sweeps < 40) {
            IncidentSweep.Report report = suite.sweep.run();
            sweeps++;
            assertThat(report.deferred()).as("a sweep stops within its budget").isPositive();
            suite.sns.published().stream().filter(n -> n.kind() == NoticeKind.ESCALATION).forEach(n -> escalated.add(n.incidentId()));
        }
        assertThat(escalated).as("no incident is always left last").hasSize(open.size());
    }
}
