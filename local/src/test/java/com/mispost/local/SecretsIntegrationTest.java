package com.mispost.local;

import com.mispost.metrics.MetricsRecorder;
import com.mispost.store.dynamodb.DynamoDbHeartbeats;
import com.mispost.time.SettableClock;
import com.mispost.usecase.intake.DeliveryWatch;
import com.mispost.watch.SilencePolicy;

import com.mispost.usecase.closure.IncidentDesk;
import com.mispost.usecase.closure.IncidentPages;
import com.mispost.usecase.intake.WebhookIntake;
import com.mispost.intake.WebhookRequest;
import com.mispost.intake.platform.PlatformWebhooks;
import com.mispost.links.ActionLinks;
import com.mispost.notify.NoticeComposer;
import com.mispost.usecase.Outbox;
import com.mispost.notify.sns.SnsStaffNotifier;
import com.mispost.secrets.SecretUnavailableException;
import com.mispost.secrets.ssm.SsmSecretSource;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;
import com.mispost.store.dynamodb.DynamoDbIncidentStore;
import com.mispost.store.dynamodb.DynamoDbPostStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Secrets from moto's Parameter Store, and what intake and the pages answer while it cannot be reached. */
class SecretsIntegrationTest {
    private static LocalAws aws;
    /** While set, every SSM call fails as a refused connection does, before anything is sent. */
    private static final AtomicBoolean UNREACHABLE = new AtomicBoolean();
    private static SsmClient ssm;
    private final String path = "/t-" + UUID.randomUUID().toString().substring(0, 8) + "/";
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-20T10:00:00Z"));

    @BeforeAll
    static void start() {
        aws = Moto.provisioned();
        ssm = SsmClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(Moto.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        if (UNREACHABLE.get()) throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
                    }
                }).retryStrategy(r -> r.maxAttempts(1))).build();
    }

    @AfterAll
    static void stop() {
        UNREACHABLE.set(false);
        ssm.close();
        aws.close();
    }

    private void put(String name, String value) {
        ssm.putParameter(p -> p.name(path + name).value(value).type(ParameterType.SECURE_STRING).overwrite(true));
    }

    @Test
    void aSecretIsServedStaleWhileParameterStoreIsUnreachableAndRefreshedWhenItAnswers() {
        put("webhook/x", "first-value");
        SsmSecretSource secrets = new SsmSecretSource(ssm, path, Duration.ofMinutes(5), clock);
        assertThat(secrets.secret("webhook/x")).contains("first-value");
        put("webhook/x", "second-value");
        UNREACHABLE.set(true);
        try {
            clock.advance(Duration.ofMinutes(30));
            assertThat(secrets.secret("webhook/x")).contains("first-value");
        } finally {
            UNREACHABLE.set(false);
        }
        clock.advance(Duration.ofMinutes(1));
        assertThat(secrets.secret("webhook/x")).contains("second-value");
    }

    @Test
    void withNoCopyAnUnreachableParameterStoreIsUnavailableAndIntakeAndPagesAnswer503() {
        SsmSecretSource secrets = new SsmSecretSource(ssm, path, Duration.ofMinutes(5), clock);
        var posts = new DynamoDbPostStore(aws.dynamo, aws.tableName, clock);
        var incidents = new DynamoDbIncidentStore(aws.dynamo, aws.tableName);
        var accounts = new DynamoDbAccountRegistry(aws.dynamo, aws.tableName);
        WebhookIntake intake = new WebhookIntake(PlatformWebhooks.standard(clock), secrets, accounts, posts, incidents,
                new DeliveryWatch(new DynamoDbHeartbeats(aws.dynamo, aws.tableName), MetricsRecorder.NONE,
                        SilencePolicy.of(null, null), clock));
        ActionLinks links = new ActionLinks(secrets, ActionLinks.DEFAULT_TTL);
        NoticeComposer notices = new NoticeComposer(links);
        Outbox outbox = new Outbox(incidents, new SnsStaffNotifier(aws.sns, aws.topicArn), notices, MetricsRecorder.NONE, clock);
        IncidentPages pages = new IncidentPages(incidents, posts, accounts,
                new IncidentDesk(incidents, posts, accounts, new com.mispost.apology.ApologyDesk(), notices, outbox, MetricsRecorder.NONE, clock),
                links, clock);
        UNREACHABLE.set(true);
        try {
            assertThatThrownBy(() -> secrets.secret("webhook/x")).isInstanceOf(SecretUnavailableException.class);
            var crc = intake.handle(new WebhookRequest("GET", "x", Map.of("crc_token", "abc"), Map.of(), null));
            assertThat(crc.status()).isEqualTo(503);
            byte[] body = "{\"type\":\"post\"}".getBytes(StandardCharsets.UTF_8);
            var post = intake.handle(new WebhookRequest("POST", "generic", Map.of(),
                    Map.of("Content-Type", "application/json", "X-Mispost-Signature", "sha256=" + "0".repeat(64)), body));
            assertThat(post.status()).isEqualTo(503);
            assertThat(post.body()).contains("retry").doesNotContain("Exception");
            IncidentPages.Page page = pages.handle("GET", "inc-0123456789abcdef", null, "exp=1&sig=x", Map.of(), IncidentPages.Requester.UNKNOWN);
            assertThat(page.status()).isEqualTo(503);
            assertThat(page.html()).contains("Nothing was changed");
        } finally {
            UNREACHABLE.set(false);
        }
    }
}
