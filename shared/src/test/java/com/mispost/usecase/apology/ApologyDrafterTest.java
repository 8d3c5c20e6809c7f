package com.mispost.usecase.apology;

import com.mispost.account.Account;
import com.mispost.apology.ApologyDesk;
import com.mispost.detection.Assessment;
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

    @Test
    void draftsAreWrittenOnceAndAnnouncedOnce() {
        InMemoryAccountRegistry accounts = new InMemoryAccountRegistry();
        accounts.save(Account.watched(new AccountKey(Platform.X, "42"), "Larkspur Coffee"));
        InMemoryIncidentStore incidents = new InMemoryIncidentStore();
        RecordingStaffNotifier sns = new RecordingStaffNotifier();
        ApologyDrafter drafter = new ApologyDrafter(new ApologyDesk(), accounts, incidents,
                new NoticeComposer(new ActionLinks(name -> Optional.of("drafter-test-link-key-0123"), Duration.ofDays(1))),
                new Outbox(incidents, sns, CLOCK), MetricsRecorder.NONE, CLOCK);
        Post post = new Post(Platform.X, "42", "7", null, "out tonight, who's in", CLOCK.instant(), null, null, null,
                List.of(), "en", null);
        Incident incident = Incident.open(post, new Assessment(0.7, Severity.LOW, List.of(), "Capture it."), CLOCK.instant());
        incidents.open(incident, "http://local", new TimelineEntry(CLOCK.instant(), TimelineEvent.OPENED, "detector", null),
                new Notice("alert", incident.id(), NoticeKind.ALERT, Severity.LOW, "Larkspur Coffee", "x", "s", "b", "m",
                        CLOCK.instant()));

        assertThat(drafter.draftFor(incident)).hasSizeGreaterThanOrEqualTo(3);
        drafter.draftFor(incident);
        assertThat(incidents.drafts(incident.id())).hasSizeGreaterThanOrEqualTo(3);
        assertThat(sns.published()).extracting(Notice::kind).containsExactly(NoticeKind.DRAFTS_READY);
        assertThat(sns.published().get(0).body()).contains("Larkspur Coffee");
    }
}
