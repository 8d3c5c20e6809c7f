package com.mispost.local;

import com.mispost.time.SettableClock;
import com.mispost.account.Account;
import com.mispost.metrics.MetricsRecorder;
import com.mispost.notify.OpsNotice;
import com.mispost.notify.OpsNotifier;
import com.mispost.notify.StaffNotifier;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;
import com.mispost.store.dynamodb.DynamoDbHeartbeats;
import com.mispost.watch.SilencePolicy;
import com.mispost.usecase.closure.Watchdog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watchdog on a settable clock against DynamoDB (moto): what it learns of an account's usual
 * gaps, X's CRC, a notice SNS refuses, and the state it keeps so that sweeps send each notice once.
 */
class WatchdogIntegrationTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final AccountKey X = new AccountKey(Platform.X, "4800000000000000001");
    private static final AccountKey META = new AccountKey(Platform.META, "4800000000000000002");

    private LocalAws aws;
    private SettableClock clock;
    private DynamoDbHeartbeats heartbeats;
    private final List<OpsNotice> sent = new ArrayList<>();
    private final List<String> gauges = new ArrayList<>();
    private boolean snsRefuses;
    private Watchdog watchdog;

    @BeforeEach
    void setUp() {
        aws = Moto.provisioned();
        clock = new SettableClock(T0);
        heartbeats = new DynamoDbHeartbeats(aws.dynamo, aws.tableName);
        var accounts = new DynamoDbAccountRegistry(aws.dynamo, aws.tableName);
        accounts.save(Account.watched(X, "Larkspur Coffee Co."));
        accounts.save(Account.watched(META, "Larkspur Coffee Co. (Facebook)"));
        OpsNotifier ops = notice -> {
            if (snsRefuses) throw new StaffNotifier.NotDeliveredException("topic gone", null);
            sent.add(notice);
        };
        MetricsRecorder metrics = (name, value, unit, dims) -> gauges.add(name + "=" + (long) value);
        watchdog = new Watchdog(accounts, heartbeats, ops, SilencePolicy.of(null, null), metrics, clock);
    }

    @AfterEach
    void tearDown() {
        aws.dynamo.deleteTable(d -> d.tableName(aws.tableName));
        aws.close();
    }

    private void deliver(AccountKey account) {
        heartbeats.delivered(account, clock.instant(), Duration.ofMinutes(1));
    }

    @Test
    void deliveriesForManyAccountsAreRecordedTogetherExceptWhereAnotherEnvironmentJustDidIt() {
        List<AccountKey> all = new java.util.ArrayList<>();
        for (int i = 0; i < 150; i++) all.add(new AccountKey(Platform.X, "many-" + i));
        java.time.Instant earlier = clock.instant();
        for (int i = 0; i < 150; i += 3) heartbeats.delivered(List.of(all.get(i)), earlier, Duration.ofMinutes(1));
        clock.advance(Duration.ofSeconds(30));
        heartbeats.delivered(all, clock.instant(), Duration.ofMinutes(1));
        for (int i = 0; i < 150; i++) {
            assertThat(heartbeats.watch(all.get(i), clock.instant()).lastDeliveryAt()).as(all.get(i).toString())
                    .isEqualTo(i % 3 == 0 ? earlier : clock.instant());
        }
        java.time.Instant second = clock.instant();
        clock.advance(Duration.ofSeconds(31));
        heartbeats.delivered(all, clock.instant(), Duration.ofMinutes(1));
        assertThat(heartbeats.watch(all.get(0), clock.instant())).as("a minute after its last: recorded, the last becomes the previous")
                .satisfies(w -> assertThat(w.previousDeliveryAt()).isEqualTo(earlier))
                .satisfies(w -> assertThat(w.lastDeliveryAt()).isEqualTo(clock.instant()));
        assertThat(heartbeats.watch(all.get(1), clock.instant()).lastDeliveryAt()).as("31 s after its last: not again")
                .isEqualTo(second);
    }

    @Test
    void anAccountSilentLongerThanUsualIsReportedOnceAndAgainWhenItIsHeard() {
        deliver(X);
        deliver(META);
        clock.advance(Duration.ofMinutes(30));
        assertThat(watchdog.run().silent()).isZero();
        clock.advance(Duration.ofHours(2));
        deliver(META);
        Watchdog.Report r = watchdog.run();
        assertThat(r.silent()).isEqualTo(1);
        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(OpsNotice.Kind.SILENT);
            assertThat(n.platform()).isEqualTo("x");
            assertThat(n.subject()).isEqualTo("Mispost: no deliveries from X for Larkspur Coffee Co. for 2 h 30 min");
            assertThat(n.body()).startsWith("no deliveries from X for Larkspur Coffee Co. for 2 h 30 min; no CRC recorded; "
                    + "check the webhook subscription.");
        });
        clock.advance(Duration.ofMinutes(1));
        assertThat(watchdog.run().silent()).isEqualTo(1);
        assertThat(sent).as("still silent: no second notice").hasSize(1);
        assertThat(gauges).contains("SilentAccounts=1");

        clock.advance(Duration.ofHours(3));
        deliver(X);
        deliver(META);
        watchdog.run();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).kind()).isEqualTo(OpsNotice.Kind.HEARD);
        assertThat(sent.get(1).body()).startsWith("Deliveries from X for Larkspur Coffee Co. have resumed");
        clock.advance(Duration.ofMinutes(1));
        watchdog.run(); // the sweep after: it must not learn the silence as the account's usual gap
        assertThat(heartbeats.watch(X, clock.instant()).longestGap()).as("the outage is not a usual gap")
                .isLessThan(Duration.ofHours(2));
        assertThat(gauges).endsWith("SilentAccounts=0");
    }

    @Test
    void anAccountWithLongUsualGapsIsGivenLonger() {
        deliver(META);
        clock.advance(Duration.ofHours(10)); // quiet overnight, and heard again
        deliver(META);
        watchdog.run(); // learns the 10 h gap
        assertThat(heartbeats.watch(META, clock.instant()).longestGap()).isEqualTo(Duration.ofHours(10));
        clock.advance(Duration.ofHours(14));
        deliver(X);
        watchdog.run();
        assertThat(sent).as("14 h is within half as long again as 10 h").isEmpty();
        clock.advance(Duration.ofHours(2));
        watchdog.run();
        assertThat(sent).extracting(OpsNotice::platform).containsExactly("meta");
    }

    @Test
    void xWithoutACrcForTwoHoursIsReportedEvenWhileDeliveriesArrive() {
        heartbeats.handshook(Platform.X, clock.instant(), Duration.ofMinutes(1));
        deliver(X);
        deliver(META);
        clock.advance(Duration.ofMinutes(150));
        deliver(X);
        deliver(META);
        watchdog.run();
        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.platform()).isEqualTo("x");
            assertThat(n.subject()).isEqualTo("Mispost: no CRC check from X for 2 h 30 min");
            assertThat(n.body()).startsWith("X has not run its CRC check on the webhook for 2 h 30 min; deliveries for "
                    + "Larkspur Coffee Co. still arrive");
        });
        assertThat(gauges).contains("SecondsSinceHandshake=" + Duration.ofMinutes(150).toSeconds());
    }

    @Test
    void aNoticeSnsRefusesIsSentByTheNextSweep() {
        snsRefuses = true;
        clock.advance(Duration.ofMinutes(1));
        watchdog.run(); // starts watching both, never heard
        clock.advance(Duration.ofHours(3));
        watchdog.run();
        assertThat(sent).isEmpty();
        assertThat(heartbeats.watch(X, clock.instant()).silentSince()).as("the state change was undone").isNull();
        snsRefuses = false;
        clock.advance(Duration.ofMinutes(1));
        watchdog.run();
        assertThat(sent).extracting(OpsNotice::kind).containsExactly(OpsNotice.Kind.SILENT, OpsNotice.Kind.SILENT);
        assertThat(sent.get(0).body()).startsWith("no deliveries yet from");
    }
}
