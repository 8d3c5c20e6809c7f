package com.mispost.usecase.closure;

import com.mispost.account.Account;
import com.mispost.metrics.MetricsRecorder;
import com.mispost.notify.NoticeComposer;
import com.mispost.notify.OpsNotice;
import com.mispost.notify.OpsNotifier;
import com.mispost.notify.StaffNotifier;
import com.mispost.post.Platform;
import com.mispost.store.AccountRegistry;
import com.mispost.store.Heartbeats.AccountWatch;
import com.mispost.store.Heartbeats;
import com.mispost.watch.SilencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduled sweep's look at the platforms themselves: a safety system's worst failure is
 * silence. Platforms stop delivering without saying so (X marks a webhook invalid after failed
 * CRC checks, Meta disables a subscription, a token expires, someone removes the app), and then
 * Mispost would see nothing and look healthy. For each watched account the watchdog compares the
 * silence since the last delivery with what is usual for that account, and for X the age of the
 * last CRC; when either is off it tells ops once, and again when deliveries resume.
 *
 * <p>The state change is conditional, so two sweeps send one notice. A notice SNS refuses undoes
 * the change, so the next sweep tries again; the {@code SilentAccounts} metric and its alarm do not
 * depend on the notice at all.
 */
public final class Watchdog {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    private final AccountRegistry accounts;
    private final Heartbeats heartbeats;
    private final OpsNotifier ops;
    private final SilencePolicy policy;
    private final MetricsRecorder metrics;
    private final Clock clock;

    public Watchdog(AccountRegistry accounts, Heartbeats heartbeats, OpsNotifier ops, SilencePolicy policy,
                    MetricsRecorder metrics, Clock clock) {
        this.accounts = accounts;
        this.heartbeats = heartbeats;
        this.ops = ops;
        this.policy = policy;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What one look found: accounts silent now, and the notices sent this time. */
    public record Report(int silent, int silentNotices, int heardNotices) {
    }

    public Report run() {
        Instant now = clock.instant();
        Optional<Instant> lastCrc = heartbeats.lastHandshake(Platform.X);
        boolean crcStale = lastCrc.isPresent() && Duration.between(lastCrc.get(), now).compareTo(policy.handshakeMaxAge()) > 0;
        int silent = 0, silentNotices = 0, heardNotices = 0;
        for (Account account : accounts.list()) {
            try {
                AccountWatch w = heartbeats.watch(account.key(), now);
                boolean handshakeStale = crcStale && account.key().platform() == Platform.X;
                if (w.silentSince() == null) {
                    learn(account, w);
                    Duration silence = Duration.between(w.heardAt(), now);
                    boolean quiet = silence.compareTo(policy.silenceAfter(w.longestGap())) > 0;
                    if (quiet || handshakeStale) {
                        silent++;
                        if (heartbeats.markSilent(account.key(), now, w.lastDeliveryAt())) {
                            if (send(silentNotice(account, w, quiet, lastCrc, now))) silentNotices++;
                            else heartbeats.markHeard(account.key(), null);
                        }
                    }
                } else if (w.lastDeliveryAt() != null && w.lastDeliveryAt().isAfter(w.silentSince()) && !handshakeStale) {
                    if (heartbeats.markHeard(account.key(), w.lastDeliveryAt())) {
                        if (send(heardNotice(account, w, now))) heardNotices++;
                        else heartbeats.markSilent(account.key(), w.silentSince(), w.lastDeliveryAt());
                    }
                } else {
                    silent++;
                }
            } catch (RuntimeException e) {
                // One account's trouble must not blind the watchdog to the others; the next sweep looks again.
                LOG.warn("watchdog: account {} skipped this time: {}", account.key(), e.toString());
            }
        }
        metrics.record("SilentAccounts", silent, MetricsRecorder.Unit.COUNT, Map.of());
        lastCrc.ifPresent(at -> metrics.record("SecondsSinceHandshake", Duration.between(at, now).toSeconds(),
                MetricsRecorder.Unit.SECONDS, Map.of("platform", Platform.X.id())));
        return new Report(silent, silentNotices, heardNotices);
    }

    /** The last gap between deliveries, while the account was heard, teaches what is usual for it. */
    private void learn(Account account, AccountWatch w) {
        if (w.lastDeliveryAt() == null || w.previousDeliveryAt() == null) return;
        Duration gap = Duration.between(w.previousDeliveryAt(), w.lastDeliveryAt());
        if (gap.compareTo(w.longestGap()) > 0) heartbeats.learnGap(account.key(), gap);
    }

    private boolean send(OpsNotice notice) {
        try {
            ops.publish(notice);
            LOG.info("watchdog: {} notice sent for {} on {}", notice.kind(), notice.account(), notice.platform());
            return true;
        } catch (StaffNotifier.NotDeliveredException e) {
            LOG.warn("watchdog: the {} notice for {} was not accepted; the next sweep tries again: {}", notice.kind(),
                    notice.account(), e.getMessage());
            return false;
        }
    }

    private OpsNotice silentNotice(Account account, AccountWatch w, boolean quiet, Optional<Instant> lastCrc, Instant now) {
        String platform = platformName(account.key().platform());
        String silence = NoticeComposer.since(w.heardAt(), now);
        StringBuilder line = new StringBuilder();
        if (!quiet) {
            line.append("X has not run its CRC check on the webhook for ")
                    .append(lastCrc.map(at -> NoticeComposer.since(at, now)).orElse("unknown")).append("; deliveries for ")
                    .append(account.displayName()).append(" still arrive (the last ").append(silence).append(" ago), but X may ")
                    .append("mark the webhook invalid");
        } else if (w.lastDeliveryAt() == null) {
            line.append("no deliveries yet from ").append(platform).append(" for ").append(account.displayName())
                    .append(" since watching began ").append(silence).append(" ago");
        } else {
            line.append("no deliveries from ").append(platform).append(" for ").append(account.displayName()).append(" for ")
                    .append(silence);
        }
        if (quiet && account.key().platform() == Platform.X) {
            line.append(lastCrc.map(at -> "; last CRC " + NoticeComposer.since(at, now) + " ago").orElse("; no CRC recorded"));
        }
        line.append("; check the webhook subscription");
        String usual = w.longestGap().isZero() ? "no usual gap learned yet"
                : "its longest usual gap is " + NoticeComposer.since(Instant.EPOCH, Instant.EPOCH.plus(w.longestGap()));
        String body = line + ".\n\n"
                + "Mispost raises this when an account is silent for far longer than usual (" + usual + "; the watchdog "
                + "waits at least " + NoticeComposer.since(Instant.EPOCH, Instant.EPOCH.plus(policy.floor()))
                + ") or when X has not run its CRC check for two hours.\n"
                + "While it lasts, a mispost on " + account.displayName() + " would go unnoticed.\n\n"
                + "Check, in the platform's developer console: is the webhook or subscription still active and "
                + "pointing at Mispost's /webhooks/" + account.key().platform().id() + " URL; does the app still have "
                + "access to the account (token not expired, app not removed from the page); does the handshake answer "
                + "(X CRC, Meta verify token)? Then post something harmless and see it arrive.\n";
        String subject = quiet ? "Mispost: no deliveries " + (w.lastDeliveryAt() == null ? "yet " : "") + "from " + platform + " for " + account.displayName() + " for " + silence
                : "Mispost: no CRC check from X for " + lastCrc.map(at -> NoticeComposer.since(at, now)).orElse("long");
        return new OpsNotice(OpsNotice.Kind.SILENT, account.displayName(), account.key().platform().id(), subject, body, now);
    }

    private OpsNotice heardNotice(Account account, AccountWatch w, Instant now) {
        String platform = platformName(account.key().platform());
        String body = "Deliveries from " + platform + " for " + account.displayName() + " have resumed: the last arrived at "
                + w.lastDeliveryAt() + ", after " + NoticeComposer.since(w.silentSince(), w.lastDeliveryAt())
                + " of reported silence (and " + NoticeComposer.since(w.previousDeliveryAt(), w.lastDeliveryAt())
                + " since the one before it).\n\n"
                + "Posts made during the silence were not screened; check the account's recent posts by hand.\n";
        return new OpsNotice(OpsNotice.Kind.HEARD, account.displayName(), account.key().platform().id(),
                "Mispost: deliveries from " + platform + " for " + account.displayName() + " resumed", body, now);
    }

    private static String platformName(Platform p) {
        return switch (p) {
            case X -> "X";
            case META -> "Meta";
            case LINKEDIN -> "LinkedIn";
            case MASTODON -> "Mastodon";
            case GENERIC -> "the relay";
        };
    }
}
