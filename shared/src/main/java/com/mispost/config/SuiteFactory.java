package com.mispost.config;

import com.mispost.apology.ApologyDesk;
import com.mispost.usecase.apology.ApologyDrafter;
import com.mispost.detection.MispostDetector;
import com.mispost.usecase.detect.PostScreener;
import com.mispost.usecase.closure.IncidentDesk;
import com.mispost.usecase.closure.IncidentSweep;
import com.mispost.incident.LifecyclePolicy;
import com.mispost.usecase.closure.IncidentPages;
import com.mispost.intake.platform.PlatformWebhooks;
import com.mispost.usecase.intake.WebhookIntake;
import com.mispost.links.ActionLinks;
import com.mispost.notify.NoticeComposer;
import com.mispost.usecase.Outbox;
import com.mispost.metrics.MetricsRecorder;
import com.mispost.metrics.emf.EmfMetricsRecorder;
import com.mispost.notify.OpsNotifier;
import com.mispost.notify.StaffNotifier;
import com.mispost.notify.sns.SnsOpsNotifier;
import com.mispost.notify.sns.SnsStaffNotifier;
import com.mispost.secrets.SecretSource;
import com.mispost.secrets.ssm.SsmSecretSource;
import com.mispost.store.AccountRegistry;
import com.mispost.store.IncidentStore;
import com.mispost.store.PostStore;
import com.mispost.store.Heartbeats;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;
import com.mispost.store.dynamodb.DynamoDbHeartbeats;
import com.mispost.store.dynamodb.DynamoDbIncidentStore;
import com.mispost.store.dynamodb.DynamoDbPostStore;
import com.mispost.usecase.intake.DeliveryWatch;
import com.mispost.watch.SilencePolicy;
import com.mispost.usecase.closure.Watchdog;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.time.Clock;

/**
 * Wires the domain to its adapters. Configuration comes from the function's environment:
 * {@code MISPOST_TABLE}, {@code MISPOST_TOPIC_ARN}, {@code MISPOST_SECRETS_PATH} and
 * {@code MISPOST_PUBLIC_URL} (see template.yaml); and, optionally, the incident lifecycle's times:
 * {@code MISPOST_ESCALATE_AFTER} ({@code critical=5m,high=10m,medium=30m,low=2h}),
 * {@code MISPOST_ESCALATE_LIMIT} (3), {@code MISPOST_SPIKE_WINDOW} (10m) and
 * {@code MISPOST_CLOSE_WHEN_QUIET} (30m); closure's watchdog: {@code MISPOST_OPS_TOPIC_ARN},
 * {@code MISPOST_SILENCE_AFTER} (2h) and {@code MISPOST_SILENCE_CAP} (24h).
 * The methods are public so that the plain-Java twins of the cold-start bench wire exactly the
 * same objects by hand.
 */
@Factory
public class SuiteFactory {
    @Singleton
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    public PostStore postStore(DynamoDbClient dynamo, @Value("${mispost.table}") String table, Clock clock) {
        return new DynamoDbPostStore(dynamo, table, clock);
    }

    @Singleton
    public IncidentStore incidentStore(DynamoDbClient dynamo, @Value("${mispost.table}") String table) {
        return new DynamoDbIncidentStore(dynamo, table);
    }

    @Singleton
    public AccountRegistry accountRegistry(DynamoDbClient dynamo, @Value("${mispost.table}") String table) {
        return new DynamoDbAccountRegistry(dynamo, table);
    }

    @Singleton
    public SecretSource secretSource(SsmClient ssm, @Value("${mispost.secrets.path:/mispost/}") String path, Clock clock) {
        return new SsmSecretSource(ssm, path, SsmSecretSource.DEFAULT_REFRESH, clock);
    }

    @Singleton
    public StaffNotifier staffNotifier(SnsClient sns, @Value("${mispost.topic.arn}") String topicArn) {
        return new SnsStaffNotifier(sns, topicArn);
    }

    @Singleton
    public Outbox outbox(IncidentStore incidents, StaffNotifier notifier, NoticeComposer composer, MetricsRecorder metrics,
                         Clock clock) {
        return new Outbox(incidents, notifier, composer, metrics, clock);
    }

    @Singleton
    public NoticeComposer noticeComposer(ActionLinks links) {
        return new NoticeComposer(links);
    }

    @Singleton
    public WebhookIntake webhookIntake(Clock clock, SecretSource secrets, AccountRegistry accounts, PostStore posts,
                                       IncidentStore incidents, DeliveryWatch watch) {
        return new WebhookIntake(PlatformWebhooks.standard(clock), secrets, accounts, posts, incidents, watch, clock,
                WebhookIntake.STORE_BUDGET);
    }

    /** Metrics in CloudWatch's embedded metric format on stdout, in {@code MISPOST_METRICS_NAMESPACE} (default Mispost). */
    @Singleton
    public MetricsRecorder metrics(@Value("${mispost.metrics.namespace:Mispost}") String namespace, Clock clock) {
        return new EmfMetricsRecorder(namespace, System.getenv("AWS_LAMBDA_FUNCTION_NAME"), System.out, clock);
    }

    @Singleton
    public Heartbeats heartbeats(DynamoDbClient dynamo, @Value("${mispost.table}") String table) {
        return new DynamoDbHeartbeats(dynamo, table);
    }

    @Singleton
    public DeliveryWatch deliveryWatch(Heartbeats heartbeats, MetricsRecorder metrics, SilencePolicy silence, Clock clock) {
        return new DeliveryWatch(heartbeats, metrics, silence, clock);
    }

    /** {@code MISPOST_SILENCE_AFTER} (2h) and {@code MISPOST_SILENCE_CAP} (24h): see SilencePolicy. */
    @Singleton
    public SilencePolicy silencePolicy(@Value("${mispost.silence.after:}") String silenceAfter,
                                       @Value("${mispost.silence.cap:}") String silenceCap) {
        return SilencePolicy.of(silenceAfter, silenceCap);
    }

    @Singleton
    public OpsNotifier opsNotifier(SnsClient sns, @Value("${mispost.ops.topic.arn}") String topicArn) {
        return new SnsOpsNotifier(sns, topicArn);
    }

    @Singleton
    public Watchdog watchdog(AccountRegistry accounts, Heartbeats heartbeats, OpsNotifier ops, MetricsRecorder metrics,
                             SilencePolicy silence, Clock clock) {
        return new Watchdog(accounts, heartbeats, ops, silence, metrics, clock);
    }

    @Singleton
    public PostScreener postScreener(AccountRegistry accounts, PostStore posts, IncidentStore incidents,
                              NoticeComposer notices, Outbox outbox, @Value("${mispost.public.url}") String publicUrl,
                              MetricsRecorder metrics, Clock clock) {
        return new PostScreener(new MispostDetector(), accounts, posts, incidents, notices, outbox, publicUrl, metrics, clock);
    }

    @Singleton
    public ApologyDrafter apologyDrafter(ApologyDesk desk, AccountRegistry accounts, IncidentStore incidents,
                                  NoticeComposer notices, Outbox outbox, MetricsRecorder metrics, Clock clock) {
        return new ApologyDrafter(desk, accounts, incidents, notices, outbox, metrics, clock);
    }

    /** The built-in composer and linter; the apology function may replace it with one that asks Bedrock first. */
    @Singleton
    public ApologyDesk apologyDesk() {
        return new ApologyDesk();
    }

    @Singleton
    public IncidentDesk incidentDesk(IncidentStore incidents, PostStore posts, AccountRegistry accounts, ApologyDesk apologies,
                              NoticeComposer notices, Outbox outbox, MetricsRecorder metrics, Clock clock) {
        return new IncidentDesk(incidents, posts, accounts, apologies, notices, outbox, metrics, clock);
    }

    @Singleton
    public LifecyclePolicy lifecyclePolicy(@Value("${mispost.escalate.after:}") String escalateAfter,
                                    @Value("${mispost.escalate.limit:3}") int escalationLimit,
                                    @Value("${mispost.spike.window:}") String spikeWindow,
                                    @Value("${mispost.close.when.quiet:}") String closeWhenQuiet) {
        return LifecyclePolicy.of(escalateAfter, escalationLimit, spikeWindow, closeWhenQuiet);
    }

    @Singleton
    public IncidentSweep incidentSweep(IncidentStore incidents, PostStore posts, AccountRegistry accounts,
                                NoticeComposer notices, Outbox outbox, IncidentDesk desk, LifecyclePolicy policy,
                                Watchdog watchdog, MetricsRecorder metrics, Clock clock) {
        return new IncidentSweep(incidents, posts, accounts, notices, outbox, desk, policy, watchdog, metrics, clock);
    }

    @Singleton
    public IncidentPages incidentPages(IncidentStore incidents, PostStore posts, AccountRegistry accounts, IncidentDesk desk,
                                ActionLinks links, Clock clock) {
        return new IncidentPages(incidents, posts, accounts, desk, links, clock);
    }

    @Singleton
    public ActionLinks actionLinks(SecretSource secrets) {
        return new ActionLinks(secrets, ActionLinks.DEFAULT_TTL);
    }
}
