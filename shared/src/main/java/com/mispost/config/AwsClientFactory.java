package com.mispost.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The AWS SDK clients, built once per function instance (during init, so that SnapStart keeps
 * them): URL-connection HTTP client, region and credentials given explicitly, and an endpoint override when
 * {@code MISPOST_AWS_ENDPOINT} points at a local AWS (moto), where retries are kept short.
 */
@Factory
public class AwsClientFactory {
    private final Optional<String> endpoint;
    private final Region region;

    public AwsClientFactory(@Value("${mispost.aws.endpoint:}") String endpoint,
                            @Value("${aws.region:us-east-1}") String region) {
        this.endpoint = endpoint == null || endpoint.isBlank() ? Optional.empty() : Optional.of(endpoint);
        this.region = Region.of(region);
    }

    @Singleton
    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Singleton
    public SnsClient sns() {
        return configure(SnsClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Singleton
    public SsmClient ssm() {
        return configure(SsmClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.region(region);
        // Where the keys are in the environment (Lambda without SnapStart, the bench), read them
        // there rather than walk the default chain (profile files, container and instance
        // metadata). With SnapStart Lambda serves them from a container endpoint instead, which
        // the default chain finds.
        if (System.getenv("AWS_ACCESS_KEY_ID") != null) {
            builder.credentialsProvider(EnvironmentVariableCredentialsProvider.create());
        }
        endpoint.ifPresent(e -> builder
                .endpointOverride(URI.create(e))
                // A local AWS answers at once or not at all: fail in seconds rather than retry for long.
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(2).build())
                        .apiCallTimeout(Duration.ofSeconds(10))
                        .build()));
        return builder;
    }
}
