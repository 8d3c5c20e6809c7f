package com.mispost.lambda;

import com.mispost.apology.ApologyDesk;
import com.mispost.usecase.closure.IncidentDesk;
import com.mispost.usecase.closure.IncidentPages;
import com.mispost.links.ActionLinks;
import com.mispost.notify.NoticeComposer;
import com.mispost.usecase.Outbox;
import com.mispost.secrets.SecretSource;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;
import com.mispost.store.dynamodb.DynamoDbIncidentStore;
import com.mispost.store.dynamodb.DynamoDbPostStore;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.mispost.metrics.MetricsRecorder;

import static org.assertj.core.api.Assertions.assertThat;

class FunctionEventsTest {

    @Test
    void aPageWhileTheTableCannotBeReachedIsUnavailableNotAnError() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        DynamoDbClient unreachable = DynamoDbClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + closedPort))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))).build();
        Clock clock = Clock.systemUTC();
        SecretSource secrets = name -> Optional.of("a-link-key-of-enough-length");
        var incidents = new DynamoDbIncidentStore(unreachable, "t");
        var posts = new DynamoDbPostStore(unreachable, "t", clock);
        var accounts = new DynamoDbAccountRegistry(unreachable, "t");
        ActionLinks links = new ActionLinks(secrets, Duration.ofHours(1));
        IncidentPages pages = new IncidentPages(incidents, posts, accounts, new IncidentDesk(incidents, posts, accounts,
                new ApologyDesk(), new NoticeComposer(links), new Outbox(incidents, null, new NoticeComposer(links), MetricsRecorder.NONE, clock), MetricsRecorder.NONE, clock), links, clock);
        String link = links.link("", "inc-0123456789abcdef", ActionLinks.VIEW, Instant.now());
        Map<String, Object> event = Map.of("requestContext", Map.of("http", Map.of("method", "GET")),
                "pathParameters", Map.of("id", "inc-0123456789abcdef"), "rawQueryString", link.substring(link.indexOf('?') + 1));

        Map<String, Object> response = FunctionEvents.closure(pages, null, event);

        assertThat(response.get("statusCode")).isEqualTo(503);
        assertThat((String) response.get("body")).contains("Nothing was changed").doesNotContain("Exception");
        @SuppressWarnings("unchecked") Map<String, String> headers = (Map<String, String>) response.get("headers");
        assertThat(headers).containsEntry("X-Content-Type-Options", "nosniff");
    }
}
