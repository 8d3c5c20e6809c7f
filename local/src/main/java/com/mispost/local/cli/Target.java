package com.mispost.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the operator commands ({@code accounts}, {@code failures}) work on: the deployment named by
 * {@code MISPOST_TABLE} (and {@code MISPOST_FAILURE_QUEUE_URL}) at {@code MISPOST_AWS_ENDPOINT} or
 * AWS itself, or else the running {@code ./mispost local}, which leaves its coordinates in
 * {@code .mispost/local.json}.
 *
 * @param awsEndpoint       the data services' endpoint; null for AWS itself
 * @param table             the table
 * @param failureQueueUrl   the stream failure queue; null when not known
 * @param functionsEndpoint where Lambda's Invoke API is; null for AWS itself
 */
record Target(String awsEndpoint, String table, String failureQueueUrl, String functionsEndpoint) {
    static final Path LOCAL_STATE = Path.of(".mispost", "local.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The target, or null after saying on {@code err} why there is none (the commands then exit 2). */
    static Target findOrSay(java.io.PrintStream err) {
        try {
            return find();
        } catch (IllegalStateException e) {
            err.println(e.getMessage());
            return null;
        }
    }

    static Target find() {
        String table = System.getenv("MISPOST_TABLE");
        if (table != null && !table.isBlank()) {
            return new Target(blankToNull(System.getenv("MISPOST_AWS_ENDPOINT")), table,
                    blankToNull(System.getenv("MISPOST_FAILURE_QUEUE_URL")), blankToNull(System.getenv("MISPOST_AWS_ENDPOINT")));
        }
        if (Files.exists(LOCAL_STATE)) {
            try {
                JsonNode s = JSON.readTree(LOCAL_STATE.toFile());
                return new Target(s.path("endpoint").asText(), s.path("table").asText(),
                        blankToNull(s.path("failureQueue").asText()), blankToNull(s.path("functions").asText()));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + LOCAL_STATE + ": " + e.getMessage());
            }
        }
        throw new IllegalStateException("no table: set MISPOST_TABLE (and MISPOST_AWS_ENDPOINT), or start ./mispost local first");
    }

    /** Written by ./mispost local for the commands run from another terminal. */
    void writeLocalState() throws IOException {
        Files.createDirectories(LOCAL_STATE.getParent());
        Files.writeString(LOCAL_STATE, JSON.createObjectNode().put("endpoint", awsEndpoint).put("table", table)
                .put("failureQueue", failureQueueUrl).put("functions", functionsEndpoint).toString() + "\n");
        LOCAL_STATE.toFile().deleteOnExit();
    }

    /** A client for the data services (endpoint null: AWS itself). */
    <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return client(builder, awsEndpoint);
    }

    /** A Lambda client for the Invoke API. */
    <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C functionsClient(B builder) {
        return client(builder, functionsEndpoint);
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B b, String endpoint) {
        b.httpClient(UrlConnectionHttpClient.create()).region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")));
        if (endpoint != null) {
            b.endpointOverride(URI.create(endpoint));
            String host = URI.create(endpoint).getHost();
            // The local AWS takes any key; the operator's own are never sent to it.
            if (host.startsWith("127.") || host.equals("localhost")) {
                b.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
            } else {
                b.credentialsProvider(DefaultCredentialsProvider.builder().build());
            }
        }
        return b.build();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
