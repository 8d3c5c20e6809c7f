package com.mispost.usecase.intake;

import com.mispost.metrics.MetricsRecorder;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.store.Heartbeats;
import com.mispost.time.SettableClock;
import com.mispost.watch.SilencePolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryWatchTest {
    private static final AccountKey A = new AccountKey(Platform.X, "1");
    private static final AccountKey B = new AccountKey(Platform.X, "2");
    private static final AccountKey C = new AccountKey(Platform.META, "3");
    private final List<String> writes = new ArrayList<>();
    private final List<String> metrics = new ArrayList<>();
    private final Instant now = Instant.parse("2026-11-20T12:00:00Z");
    private final SettableClock clock = new SettableClock(now);
    private boolean tableFails;
    private final Heartbeats heartbeats = new Heartbeats() {
        @Override
        public void delivered(Collection<AccountKey> accounts, Instant at, Duration coarseness) {
            writes.add("delivered " + accounts + " " + coarseness);
            if (tableFails) throw new IllegalStateException("table unavailable");
        }

        @Override
        public void handshook(Platform platform, Instant at, Duration coarseness) {
            writes.add("handshook " + platform.id());
        }

        @Override
        public Optional<Instant> lastHandshake(Platform platform) {
            return Optional.empty();
        }

        @Override
        public AccountWatch watch(AccountKey account, Instant at) {
            throw new UnsupportedOperationException("intake never reads the watch");
        }

        @Override
        public void learnGap(AccountKey account, Duration gap) {
        }

        @Override
        public boolean markSilent(AccountKey account, Instant since, Instant lastSeen) {
            return false;
        }

        @Override
        public boolean markHeard(AccountKey account, Instant lastDelivery) {
            return false;
        }
    };
    private final MetricsRecorder recorder = (name, value, unit, dims) -> metrics.add(name + " " + new java.util.TreeMap<>(dims));

    @Test
    void eachAccountInADeliveryIsNotedAtMostOnceACoarseIntervalAllInOneWrite() {
        DeliveryWatch watch = new DeliveryWatch(heartbeats, recorder, SilencePolicy.of(null, null), clock);
        watch.delivered(List.of(A, B, A));
        assertThat(writes).containsExactly("delivered [" + A + ", " + B + "] PT1M");
        clock.advance(Duration.ofSeconds(30));
        watch.delivered(List.of(A));
        assertThat(writes).as("within the minute: no write").hasSize(1);
        watch.delivered(List.of(A, C));
        assertThat(writes).as("only the account not noted within the minute").endsWith("delivered [" + C + "] PT1M");
        clock.advance(Duration.ofSeconds(31));
        watch.delivered(List.of(A, B, C));
        assertThat(writes).hasSize(3).endsWith("delivered [" + A + ", " + B + "] PT1M");
    }

    @Test
    void aTableThatFailsIsNotAskedAgainOnEveryDeliveryAndNothingIsThrown() {
        DeliveryWatch watch = new DeliveryWatch(heartbeats, recorder, SilencePolicy.of(null, null), clock);
        tableFails = true;
        watch.delivered(List.of(A));
        clock.advance(Duration.ofSeconds(10));
        watch.delivered(List.of(A));
        assertThat(writes).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        tableFails = false;
        watch.delivered(List.of(A));
        assertThat(writes).hasSize(2);
    }

    @Test
    void aShortFloorMakesTheNotesFiner() {
        DeliveryWatch watch = new DeliveryWatch(heartbeats, recorder, SilencePolicy.of("20s", null), clock);
        watch.delivered(List.of(A));
        clock.advance(Duration.ofSeconds(3));
        watch.delivered(List.of(A));
        assertThat(writes).containsExactly("delivered [" + A + "] PT2S", "delivered [" + A + "] PT2S");
    }

    @Test
    void answersAreCountedByPlatformAndOutcomeAndOnlySuccessfulHandshakesAreNoted() {
        DeliveryWatch watch = new DeliveryWatch(heartbeats, recorder, SilencePolicy.of(null, null), clock);
        watch.answered("x", "GET", 200);
        watch.answered("meta", "GET", 403);
        watch.answered("x", "POST", 401);
        watch.answered("generic", "POST", 503);
        watch.answered("myspace", "POST", 404);
        assertThat(writes).containsExactly("handshook x");
        assertThat(metrics).containsExactly(
                "Deliveries {outcome=handshake, platform=x}",
                "Deliveries {outcome=refused, platform=meta}",
                "Deliveries {outcome=bad-signature, platform=x}",
                "SignatureFailures {platform=x}",
                "Deliveries {outcome=storage-unavailable, platform=generic}",
                "Deliveries {outcome=refused, platform=unknown}");
    }
}
