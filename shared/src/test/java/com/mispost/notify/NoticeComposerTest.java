package com.mispost.notify;

import com.mispost.account.Account;
import com.mispost.detection.Assessment;
import com.mispost.detection.Evidence;
import com.mispost.detection.Reason;
import com.mispost.detection.Severity;
import com.mispost.incident.Incident;
import com.mispost.links.ActionLinks;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NoticeComposerTest {
    private final NoticeComposer composer = new NoticeComposer(new ActionLinks(name -> java.util.Optional.of("a-test-key-of-enough-length"), Duration.ofDays(1)));
    private final Instant now = Instant.parse("2026-11-20T22:14:05Z");

    private Incident incident(Severity severity) {
        Post post = new Post(Platform.X, "42", "900", "dana", "beers tonight, my boss is the worst", now.minusSeconds(2),
                "Twitter for iPhone", null, null, List.of(), "en", "https://x.com/i/web/status/900");
        return Incident.open(post, new Assessment(0.9, severity, List.of(new Reason("voice.personal-life",
                "It talks about someone's own life.", 0.3, List.of(new Evidence(0, 5, "beers")))), "Capture it."), now);
    }

    @Test
    void theAlertCarriesThePostTheReasonsTheSixStepsAndSignedLinks() {
        Notice n = composer.alert(incident(Severity.HIGH), Account.watched(new AccountKey(Platform.X, "42"), "Larkspur"),
                "https://api.example", now);
        assertThat(n.subject()).isEqualTo("[HIGH] Possible mispost on Larkspur (x)");
        assertThat(n.body()).contains("beers tonight, my boss is the worst").contains("https://x.com/i/web/status/900")
                .contains("It talks about someone's own life. [beers]")
                .contains("Do not silently delete").contains("there forever")
                .contains("Acknowledge: https://api.example/incidents/inc-").contains("Incident page: https://api.example/incidents/");
        assertThat(n.body().lines().filter(l -> l.matches("\\s+[1-6]\\. .*"))).hasSize(6);
        assertThat(n.sms()).startsWith("Mispost HIGH on Larkspur").hasSizeLessThan(260);
        assertThat(n.kind()).isEqualTo(NoticeKind.ALERT);
    }

    @Test
    void theAlertLinksOnlyToTheWebAddressOfThePostsPlatform() {
        Incident real = incident(Severity.HIGH);
        Post lookalike = new Post(Platform.X, "42", "901", "dana", "hi", now, null, null, null, List.of(), "en",
                "https://x.com.evil.example/i/web/status/901");
        Incident forged = Incident.open(lookalike, real.assessment(), now);
        Account account = Account.watched(new AccountKey(Platform.X, "42"), "Larkspur");
        assertThat(composer.alert(forged, account, "https://api.example", now).body()).doesNotContain("evil.example");
    }

    @Test
    void theAlertNamesTheThreeStrongestReasonsAndPointsToTheRest() {
        Post post = new Post(Platform.X, "42", "901", null, "ugh my boss, beers tonight lol", now, null, null, null, List.of(), null, null);
        List<Reason> reasons = List.of(
                new Reason("content.substance", "It talks about alcohol or drugs.", 1.5, List.of(new Evidence(17, 22, "beers"))),
                new Reason("voice.personal-life", "It talks about someone's own life.", 1.2, List.of(new Evidence(7, 11, "boss"))),
                new Reason("voice.informal", "It is written casually.", 0.9, List.of(new Evidence(27, 30, "lol"))),
                new Reason("voice.short", "It is short.", 0.4, List.of()),
                new Reason("voice.no-we", "It never says we.", 0.3, List.of()));
        Incident incident = Incident.open(post, new Assessment(0.95, Severity.MEDIUM, reasons, "Capture it."), now);

        String body = composer.alert(incident, Account.watched(new AccountKey(Platform.X, "42"), "Larkspur"), "https://api.example", now).body();

        assertThat(body).contains("alcohol or drugs. [beers]", "own life. [boss]", "written casually. [lol]",
                "(2 more on the incident page)");
        assertThat(body).doesNotContain("It is short.", "never says we");
    }

    @Test
    void theFindingThatSetTheSeverityIsAlwaysAmongTheAlertsReasons() {
        List<Reason> reasons = List.of(
                new Reason("voice.personal-life", "It talks about someone's own life.", 1.6, List.of()),
                new Reason("voice.informal", "It is written casually.", 1.4, List.of()),
                new Reason("voice.first-person", "It says I and my.", 1.2, List.of()),
                new Reason("content.profanity-mild", "It swears mildly.", 0.9, List.of(new Evidence(0, 4, "damn"))));
        assertThat(NoticeComposer.forAlert(reasons)).extracting(Reason::signal)
                .containsExactly("voice.personal-life", "voice.informal", "content.profanity-mild");
        assertThat(NoticeComposer.forAlert(reasons.subList(0, 2))).hasSize(2);
    }

    @Test
    void stepsAreTailoredToSeverity() {
        assertThat(RecoverySteps.forSeverity(Severity.LOW).get(3)).contains("lightly");
        assertThat(RecoverySteps.forSeverity(Severity.CRITICAL).get(3)).contains("sincerely");
        assertThat(RecoverySteps.forSeverity(Severity.HIGH).get(0)).contains("call the account owner");
    }

    @Test
    void theQuestionToTheAuthorIsAddressedToThemWithSignedConfirmAndDenyLinks() {
        Notice n = composer.askAuthor(incident(Severity.LOW), "Larkspur", "https://api.example", now);
        assertThat(n.kind()).isEqualTo(NoticeKind.ASK_AUTHOR);
        assertThat(n.author()).isEqualTo("dana");
        assertThat(n.body()).startsWith("Hi dana").contains("Did you mean to post it to Larkspur?")
                .contains("/actions/author-confirm?exp=").contains("/actions/author-deny?exp=");
    }

    @Test
    void escalationAndSpikeNoticesSayWhatIsHappening() {
        Incident i = incident(Severity.CRITICAL);
        Notice e = composer.escalation(i, "Larkspur", "https://api.example", now.plus(Duration.ofMinutes(5)));
        assertThat(e.kind()).isEqualTo(NoticeKind.ESCALATION);
        assertThat(e.subject()).isEqualTo("[CRITICAL] Unacknowledged for 5 min: Larkspur");
        assertThat(e.body()).contains("Acknowledge: https://api.example/incidents/" + i.id() + "/actions/acknowledge");
        var counts = new com.mispost.post.ReactionCounts(java.util.Map.of(com.mispost.post.ReactionKind.REPLY, 30L),
                new java.util.TreeMap<>(java.util.Map.of(now, 30L)), now.plusSeconds(60), now);
        Notice s = composer.spike(i, "Larkspur", counts, 30, 20, "https://api.example", now);
        assertThat(s.kind()).isEqualTo(NoticeKind.SPIKE);
        assertThat(s.body()).contains("reached 30 a minute (the account's threshold is 20)").contains("30 in all, 30 reply")
                .contains("The post was deleted at");
    }

    @Test
    void aNameTypedIntoAnActionFormIsShownAsStatedNotAsVerified() {
        Incident i = incident(Severity.HIGH);
        var typed = new com.mispost.incident.TimelineEntry(now, com.mispost.incident.TimelineEvent.ACKNOWLEDGED, "Priya",
                null, new com.mispost.incident.Provenance(true, "a1b2c3", "Mozilla/5.0"));
        assertThat(composer.changed(i, "Larkspur", typed, "https://api.example", now).body())
                .contains("acknowledged by Priya (name as typed, not verified)");
        var system = new com.mispost.incident.TimelineEntry(now, com.mispost.incident.TimelineEvent.ACKNOWLEDGED, "sweep", null);
        assertThat(composer.changed(i, "Larkspur", system, "https://api.example", now).body())
                .contains("acknowledged by sweep").doesNotContain("not verified");
    }

    private Incident crowdIncident(Severity severity) {
        Post post = new Post(Platform.X, "42", "901", null, "Sizzling savings on every grill this weekend", now.minusSeconds(600),
                null, null, null, List.of(), "en", null);
        return Incident.open(post, new Assessment(0.7, severity, List.of(
                new Reason("crowd.backlash", "9 of the 12 newest replies turned against the post", 9, List.of(Evidence.fact("\"read the room\""))),
                new Reason("crowd.pace", "40 reactions in its busiest minute", 1, List.of())), "Read the post again beside the replies."), now);
    }

    @Test
    void theClosingSummaryNamesTheCrowdAsTheSourceOfItsReasons() {
        var counts = new com.mispost.post.ReactionCounts(java.util.Map.of(), new java.util.TreeMap<>(), null, null);
        Notice crowd = composer.closed(crowdIncident(Severity.HIGH), "Bramblewood", List.of(), counts, now.plusSeconds(600));
        assertThat(crowd.body()).contains("  The crowd said: 9 of the 12 newest replies turned against the post; 40 reactions in its busiest minute\n")
                .doesNotContain("Detector said");
        Notice detector = composer.closed(incident(Severity.HIGH), "Larkspur", List.of(), counts, now.plusSeconds(600));
        assertThat(detector.body()).contains("  Detector said: It talks about someone's own life.\n").doesNotContain("The crowd said");
    }

    @Test
    void anAlertFromTheCrowdGivesTheStepsForABacklash() {
        Notice n = composer.alert(crowdIncident(Severity.HIGH), Account.watched(new AccountKey(Platform.X, "42"), "Bramblewood"),
                "https://api.example", now);
        assertThat(n.body()).contains("Pause the account's scheduled posts").contains("never delete it silently")
                .contains("not to every reply").contains("call the account owner")
                .doesNotContain("posted by mistake by a member of the team");
        assertThat(n.body().lines().filter(l -> l.matches("\\s+[1-7]\\. .*"))).hasSize(7);
        assertThat(RecoverySteps.forBacklash(Severity.LOW).get(5)).contains("briefly");
        // Dismissing the crowd's alert says the post stands, in the alert and in every escalation.
        assertThat(n.body()).contains("The post stands (dismiss): ").doesNotContain("Not a mispost");
        Notice louder = composer.escalation(crowdIncident(Severity.HIGH), "Bramblewood", "https://api.example", now);
        assertThat(louder.body()).contains("The post stands (dismiss): ").doesNotContain("Not a mispost");
    }
}
