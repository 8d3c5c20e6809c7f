package com.mispost.local.bench.twins;

import com.mispost.config.AwsClientFactory;
import com.mispost.config.SuiteFactory;
import com.mispost.links.ActionLinks;
import com.mispost.metrics.MetricsRecorder;
import com.mispost.notify.NoticeComposer;
import com.mispost.usecase.Outbox;
import com.mispost.secrets.SecretSource;
import com.mispost.store.AccountRegistry;
import com.mispost.store.IncidentStore;
import com.mispost.store.PostStore;
import com.mispost.usecase.intake.DeliveryWatch;
import com.mispost.watch.SilencePolicy;
import com.mispost.usecase.closure.Watchdog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * What the plain-Java twins share: the function's environment read the way Lambda hands it over
 * (environment variables), and the same factory methods the Micronaut functions are wired with,
 * called by hand. So a twin builds exactly the same SDK clients and domain objects, without a
 * container; the difference the bench measures is the framework's.
 */
final class TwinWiring {
    final SuiteFactory suite = new SuiteFactory();
    final AwsClientFactory aws = new AwsClientFactory(env("MISPOST_AWS_ENDPOINT", ""), env("AWS_REGION", "us-east-1"));
    final String table = env("MISPOST_TABLE", null);
    final Clock clock = suite.clock();
    final DynamoDbClient dynamo = aws.dynamoDb();
    final MetricsRecorder metrics = suite.metrics(env("MISPOST_METRICS_NAMESPACE", "Mispost"), clock);

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        if (v != null && !v.isBlank()) return v;
        if (fallback == null) throw new IllegalStateException(name + " is not set");
        return fallback;
    }

    SecretSource secrets() {
        return suite.secretSource(aws.ssm(), env("MISPOST_SECRETS_PATH", "/mispost/"), clock);
    }

    AccountRegistry accounts() {
        return suite.accountRegistry(dynamo, table);
    }

    PostStore posts() {
        return suite.postStore(dynamo, table, clock);
    }

    IncidentStore incidents() {
        return suite.incidentStore(dynamo, table);
    }

    Outbox outbox(IncidentStore incidents, NoticeComposer notices) {
        return suite.outbox(incidents, suite.staffNotifier(aws.sns(), env("MISPOST_TOPIC_ARN", null)), notices, metrics, clock);
    }

    DeliveryWatch deliveryWatch() {
        return suite.deliveryWatch(suite.heartbeats(dynamo, table), metrics, silence(), clock);
    }

    Watchdog watchdog(AccountRegistry accounts) {
        return suite.watchdog(accounts, suite.heartbeats(dynamo, table),
                suite.opsNotifier(aws.sns(), env("MISPOST_OPS_TOPIC_ARN", null)), metrics, silence(), clock);
    }

    private SilencePolicy silence() {
        return suite.silencePolicy(env("MISPOST_SILENCE_AFTER", ""), env("MISPOST_SILENCE_CAP", ""));
    }

    NoticeComposer notices(ActionLinks links) {
        return suite.noticeComposer(links);
    }
}
