package com.mispost.usecase.apology;

import com.mispost.metrics.MetricsRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Map;
import com.mispost.account.Account;
import com.mispost.apology.ApologyDesk;
import com.mispost.apology.ApologyDraft;
import com.mispost.apology.DraftRequest;
import com.mispost.incident.Incident;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeComposer;
import com.mispost.store.AccountRegistry;
import com.mispost.store.IncidentStore;
import com.mispost.usecase.Outbox;

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

    /** Drafts once per incident; a repeated call (stream redelivery) changes nothing. */
    public List<ApologyDraft> draftFor(Incident incident) {
        String brand = accounts.find(incident.post().key().account()).map(Account::displayName)
                .orElse(incident.post().accountId());
        List<ApologyDraft> drafts = desk.draft(DraftRequest.forIncident(incident.post(), incident.assessment(), brand));
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
