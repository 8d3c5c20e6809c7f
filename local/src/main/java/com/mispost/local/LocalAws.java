package com.mispost.local;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The data services the suite uses, on a local AWS (moto) or the endpoint in
 * {@code MISPOST_AWS_ENDPOINT}, provisioned from template.yaml's own resource definitions.
 */
public final class LocalAws implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String LOCAL_ACCESS_KEY = "testing";

    private final String endpoint;
    private final boolean local;
    public final DynamoDbClient dynamo;
    public final DynamoDbStreamsClient streams;
    public final SnsClient sns;
    public final SqsClient sqs;
    public final SsmClient ssm;

    /** Names of what was provisioned. */
    public String tableName;
    public String streamArn;
    /** The staff topic: the template's first. */
    public String topicArn;
    /** Every topic, by logical id. */
    public final Map<String, String> topicArns = new java.util.LinkedHashMap<>();
    public String inboxQueueUrl;
    public String secretsPath;
    public final Map<String, String> queueUrls = new HashMap<>();

    public LocalAws(String endpoint, boolean local) {
        this.endpoint = endpoint;
        this.local = local;
        this.dynamo = build(DynamoDbClient.builder());
        this.streams = build(DynamoDbStreamsClient.builder());
        this.sns = build(SnsClient.builder());
        this.sqs = build(SqsClient.builder());
        this.ssm = build(SsmClient.builder());
    }

    public String endpoint() {
        return endpoint;
    }

    private <B extends AwsClientBuilder<B, C> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        AwsCredentialsProvider credentials = local
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(LOCAL_ACCESS_KEY, LOCAL_ACCESS_KEY))
                : DefaultCredentialsProvider.builder().build();
        builder.region(Region.of(System.getenv().getOrDefault("AWS_REGION", REGION)))
                .credentialsProvider(credentials)
                .endpointOverride(URI.create(endpoint))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(2).build())
                        .apiCallTimeout(Duration.ofSeconds(10)).build());
        builder.httpClient(UrlConnectionHttpClient.create());
        return builder.build();
    }

    /** Creates the table, topic, queues, staff inbox and secrets as template.yaml defines them. */
    public void provision(TemplateModel template, String prefix) {
        String tableId = template.resourcesOfType("AWS::DynamoDB::Table").get(0);
        tableName = prefix + "-" + tableId.toLowerCase();
        createTable(template.properties(tableId));
        for (String t : template.resourcesOfType("AWS::SNS::Topic")) {
            topicArns.put(t, sns.createTopic(c -> c.name(prefix + "-" + t.toLowerCase())).topicArn());
        }
        topicArn = topicArns.values().iterator().next();
        for (String q : template.resourcesOfType("AWS::SQS::Queue")) {
            queueUrls.put(q, sqs.createQueue(c -> c.queueName(prefix + "-" + q.toLowerCase())).queueUrl());
        }
        // Staff and ops, played by one queue subscribed to every topic (docs/LOCAL-AWS.md);
        // ops notices say so in their attributes.
        inboxQueueUrl = sqs.createQueue(c -> c.queueName(prefix + "-staff-inbox")).queueUrl();
        String inboxArn = sqs.getQueueAttributes(g -> g.queueUrl(inboxQueueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        topicArns.values().forEach(arn -> sns.subscribe(s -> s.topicArn(arn).protocol("sqs").endpoint(inboxArn)));
        secretsPath = template.parameterDefault("SecretsPath").orElse("/mispost/");
        LocalSecrets.all().forEach((name, value) -> ssm.putParameter(p -> p.name(secretsPath + name).value(value)
                .type(ParameterType.SECURE_STRING).overwrite(true)));
    }

    private void createTable(JsonNode p) {
        List<AttributeDefinition> attrs = new ArrayList<>();
        p.path("AttributeDefinitions").forEach(a -> attrs.add(AttributeDefinition.builder()
                .attributeName(a.path("AttributeName").asText()).attributeType(a.path("AttributeType").asText()).build()));
        List<GlobalSecondaryIndex> gsis = new ArrayList<>();
        p.path("GlobalSecondaryIndexes").forEach(g -> gsis.add(GlobalSecondaryIndex.builder()
                .indexName(g.path("IndexName").asText())
                .keySchema(keys(g.path("KeySchema")))
                .projection(Projection.builder().projectionType(g.path("Projection").path("ProjectionType").asText("ALL")).build())
                .build()));
        try {
            dynamo.createTable(c -> {
                c.tableName(tableName).attributeDefinitions(attrs).keySchema(keys(p.path("KeySchema")))
                        .billingMode(BillingMode.fromValue(p.path("BillingMode").asText("PAY_PER_REQUEST")));
                if (!gsis.isEmpty()) c.globalSecondaryIndexes(gsis);
                JsonNode stream = p.path("StreamSpecification");
                if (!stream.isMissingNode()) {
                    c.streamSpecification(s -> s.streamEnabled(true)
                            .streamViewType(StreamViewType.fromValue(stream.path("StreamViewType").asText())));
                }
            });
        } catch (ResourceInUseException exists) {
            // an earlier run against the same endpoint: reuse the table
        }
        JsonNode ttl = p.path("TimeToLiveSpecification");
        if (ttl.path("Enabled").asBoolean(false)) {
            try {
                dynamo.updateTimeToLive(u -> u.tableName(tableName).timeToLiveSpecification(t -> t
                        .attributeName(ttl.path("AttributeName").asText()).enabled(true)));
            } catch (software.amazon.awssdk.services.dynamodb.model.DynamoDbException alreadyOn) {
                // TTL already enabled on a reused table
            }
        }
        streamArn = dynamo.describeTable(d -> d.tableName(tableName)).table().latestStreamArn();
    }

    private static List<KeySchemaElement> keys(JsonNode schema) {
        List<KeySchemaElement> out = new ArrayList<>();
        schema.forEach(k -> out.add(KeySchemaElement.builder().attributeName(k.path("AttributeName").asText())
                .keyType(k.path("KeyType").asText()).build()));
        return out;
    }

    @Override
    public void close() {
        dynamo.close();
        streams.close();
        sns.close();
        sqs.close();
        ssm.close();
    }
}
