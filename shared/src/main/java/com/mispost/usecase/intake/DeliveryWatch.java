package com.mispost.usecase.intake;

import com.mispost.metrics.MetricsRecorder;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.store.Heartbeats;
import com.mispost.watch.SilencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Intake's side of the watchdog and its numbers: counts every answer (deliveries by platform and
 * outcome, signature failures, handshakes) and notes the time of the last delivery per account and
 * of the last handshake per platform. The times are coarse on purpose: each execution environment
 * writes one at most once a minute (see coarseness), and the write itself is conditional on the stored time being
 * older than that, so a busy account costs one small UpdateItem a minute and intake stays fast.
 */
public final class DeliveryWatch {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWatch.class);
    /** How fresh a recorded time needs to be: far finer than any silence worth reporting. */
    static final Duration COARSENESS = Duration.ofMinutes(1);

    private final Heartbeats heartbeats;
    private final MetricsRecorder metrics;
    private final Clock clock;
    private final Duration coarseness;
    /** What this environment last wrote, so that most deliveries cost no write at all. */
    private final Map<Object, Instant> written = new ConcurrentHashMap<>();

    public DeliveryWatch(Heartbeats heartbeats, MetricsRecorder metrics, SilencePolicy policy, Clock clock) {
        this.heartbeats = heartbeats;
        this.metrics = metrics;
        this.clock = clock;
        // A minute, or finer where the shortest reportable silence is short (a demo, a test).
        Duration tenth = policy.floor().dividedBy(10);
        this.coarseness = tenth.compareTo(COARSENESS) < 0 ? tenth : COARSENESS;
    }

    /** The answer intake gave to one request. */
    public void answered(String platformInPath, String method, int status) {
        // Only known platforms become dimension values: a path is the sender's to choose.
        String platform = Platform.fromId(platformInPath).map(Platform::id).orElse("unknown");
        String outcome = outcome(method, status);
        metrics.count("Deliveries", Map.of("platform", platform, "outcome", outcome));
        if (status == 401) metrics.count("SignatureFailures", Map.of("platform", platform));
        if ("handshake".equals(outcome)) {
            Platform.fromId(platform).ifPresent(p -> note(p, () -> heartbeats.handshook(p, clock.instant(), coarseness)));
        }
    }

    /**
     * A delivery was verified and stored: every watched account it speaks for has been heard from.
     * Only watched accounts: one nobody watches leaves no trace, however many a delivery names.
     */
    public void delivered(Collection<AccountKey> watched) {
        Instant now = clock.instant();
        List<AccountKey> due = new ArrayList<>();
        for (AccountKey a : new LinkedHashSet<>(watched)) {
            if (due(a, now)) due.add(a);
        }
        if (due.isEmpty()) return;
        try {
            heartbeats.delivered(due, now, coarseness);
        } catch (RuntimeException e) {
            // The delivery is stored; a missed time only brings the watchdog's look forward.
            LOG.warn("could not record the time of a delivery for {} accounts: {}", due.size(), e.toString());
        }
    }

    private void note(Platform platform, Runnable write) {
        if (!due(platform, clock.instant())) return;
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.warn("could not record the time of a handshake for {}: {}", platform.id(), e.toString());
        }
    }

    /**
     * Whether this environment last wrote {@code what}'s time a coarseness ago or more; if so, notes
     * now before the write: a failing table is not asked again on every request, only once a coarseness.
     */
    private boolean due(Object what, Instant now) {
        Instant last = written.get(what);
        if (last != null && now.isBefore(last.plus(coarseness))) return false;
        written.put(what, now);
        return true;
    }

    static String outcome(String method, int status) {
        if ("GET".equalsIgnoreCase(method) && status == 200) return "handshake";
        if (status == 200) return "stored";
        if (status == 401) return "bad-signature";
        if (status == 503) return "storage-unavailable";
        if (status >= 500) return "error";
        return "refused";
    }
}
