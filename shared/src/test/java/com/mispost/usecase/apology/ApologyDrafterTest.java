package com.mispost.usecase.apology;

import com.mispost.account.Account;
import com.mispost.apology.ApologyDesk;
import com.mispost.apology.ApologyDraft;
import com.mispost.detection.Assessment;
import com.mispost.detection.Reason;
import com.mispost.detection.Severity;
import com.mispost.incident.Incident;
import com.mispost.incident.TimelineEntry;
import com.mispost.incident.TimelineEvent;
import com.mispost.inmemory.InMemoryAccountRegistry;
import com.mispost.inmemory.InMemoryIncidentStore;
import com.mispost.inmemory.RecordingStaffNotifier;
import com.mispost.links.ActionLinks;
import com.mispost.metrics.MetricsRecorder;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeComposer;
import com.mispost.notify.NoticeKind;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.usecase.Outbox;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Drafting on in-memory ports: drafts once per incident, one "drafts ready" notice, however often the stream redelivers. */
class ApologyDrafterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T22:14:05Z"), ZoneOffset.UTC);

    private final InMemoryIncidentStore incidents = new InMemoryIncidentStore();
    private final RecordingStaffNotifier sns = new RecordingStaffNotifier();

    private ApologyDrafter drafter() {
        InMemoryAccountRegistry accounts = new InMemoryAccountRegistry();
        accounts.save(Account.watched(new AccountKey(Platform.X, "42"), "Larkspur Coffee"));
        NoticeComposer notices = new NoticeComposer(new ActionLinks(name -> Optional.of("drafter-test-link-key-0123"), Duration.ofDays(1)));
        return new ApologyDrafter(new ApologyDesk(), accounts, incidents, notices,
                new Outbox(incidents, sns, notices, MetricsRecorder.NONE, CLOCK), MetricsRecorder.NONE, CLOCK);
    }

    private Incident opened(String text, Assessment assessment) {
        Post post = new Post(Platform.X, "42", "7", null, text, CLOCK.instant(), null, null, null, List.of(), "en", null);
        Incident incident = Incident.open(post, assessment, CLOCK.instant());
        incidents.open(incident, "http://local", new TimelineEntry(CLOCK.instant(), TimelineEvent.OPENED, "detector", null),
                new Notice("alert", incident.id(), NoticeKind.ALERT, assessment.severity(), "Larkspur Coffee", "x", "s", "b", "m",
                        CLOCK.instant()));
        return incident;
    }

    @Test
    void draftsAreWrittenOnceAndAnnouncedOnce() {
        ApologyDrafter drafter = drafter();
        Incident incident = opened("out tonight, who's in", new Assessment(0.7, Severity.LOW, List.of(), "Capture it."));

        assertThat(drafter.draftFor(incident)).hasSizeGreaterThanOrEqualTo(3);
        drafter.draftFor(incident);
        assertThat(incidents.drafts(incident.id())).hasSizeGreaterThanOrEqualTo(3);
        assertThat(sns.published()).extracting(Notice::kind).containsExactly(NoticeKind.DRAFTS_READY);
        assertThat(sns.published().get(0).body()).contains("Larkspur Coffee");
    }

    @Test
    void anIncidentTheCrowdOpenedGetsDraftsThatOwnThePostRatherThanCallItAMistake() {
        Incident incident = opened("Fresh roast Friday: half price on every cold brew", new Assessment(0.6, Severity.HIGH,
                List.of(new Reason("crowd.backlash", "9 of the 12 newest replies turned against the post", 9, List.of())), "Read the replies."));
        List<ApologyDraft> drafts = drafter().draftFor(incident);
        assertThat(drafts).hasSize(3).allSatisfy(d -> {
            assertThat(d.lint()).isEmpty();
            assertThat(d.text()).containsAnyOf("insensitive", "misjudged").doesNotContain("mistake").doesNotContain("personal");
        });
    }
}
