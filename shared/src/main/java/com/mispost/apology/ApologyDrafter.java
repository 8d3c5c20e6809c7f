package com.mispost.apology;

import com.mispost.metrics.MetricsRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Map;
import com.mispost.account.Account;
import com.mispost.incident.Incident;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeComposer;
import com.mispost.notify.Outbox;
import com.mispost.store.AccountRegistry;
import com.mispost.store.IncidentStore;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** When an incident opens, writes its apology drafts and tells staff they are ready. */
public final class ApologyDrafter {
    private static final Logger LOG = LoggerFactory.getLogger(ApologyDrafter.class);

    private final ApologyDesk desk;
    private final AccountRegistry accounts;
    private final IncidentStore incidents;
    private final NoticeComposer notices;
    private final Outbox outbox;
    private final MetricsRecorder metrics;
    private final Clock clock;

    public ApologyDrafter(ApologyDesk desk, AccountRegistry accounts, IncidentStore incidents,
                          NoticeComposer notices, Outbox outbox, MetricsRecorder metrics, Clock clock) {
        this.desk = desk;
        this.accounts = accounts;
        this.incidents = incidents;
        this.notices = notices;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What the drafts for an incident are asked to be: its platform, severity, language and post. */
    public static DraftRequest requestFor(Incident incident, String brand) {
        return new DraftRequest(incident.post().platform(), incident.assessment().severity(), brand,
                incident.post().language(), incident.post().text(), false, null);
    }

    /** Drafts once per incident; a repeated call (stream redelivery) changes nothing. */
    public List<ApologyDraft> draftFor(Incident incident) {
        String brand = accounts.find(incident.post().key().account()).map(Account::displayName)
                .orElse(incident.post().accountId());
        List<ApologyDraft> drafts = desk.draft(requestFor(incident, brand));
        Instant now = clock.instant();
        String linkBase = incidents.linkBase(incident.id()).orElseThrow(() ->
                new IllegalStateException("incident " + incident.id() + " is not stored"));
        Notice ready = notices.draftsReady(incident, brand, drafts, linkBase, now);
        if (incidents.saveDrafts(incident.id(), drafts, ready)) {
            LOG.info("{} drafts written for incident {} ({})", drafts.size(), incident.id(), incident.assessment().severity().id());
            metrics.count("DraftsWritten", Map.of("severity", incident.assessment().severity().id()));
            outbox.send(ready);
        }
        return drafts;
    }
}
