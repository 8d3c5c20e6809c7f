package com.mispost.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.incident.Incident;
import com.mispost.lambda.HttpEvents;
import com.mispost.lambda.StreamImages;
import com.mispost.post.Post;
import com.mispost.store.dynamodb.IncidentItems;
import com.mispost.store.dynamodb.PostItems;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample events in events/ decode, with the Lambda runtime's own serialization, into what
 * each handler reads; the stream samples pass their function's FilterCriteria and no other's.
 */
class SampleEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path events = Moto.template().toAbsolutePath().getParent().resolve("events");
    private final TemplateModel template = TemplateModel.read(Moto.template());

    @Test
    void theIntakeSampleIsAnHttpApiEventWithItsExactBody() throws Exception {
        APIGatewayV2HTTPEvent e = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, getClass().getClassLoader())
                .fromJson(Files.readString(events.resolve("intake-generic-post.json")));
        assertThat(HttpEvents.method(e)).isEqualTo("POST");
        assertThat(HttpEvents.pathParameter(e, "platform")).isEqualTo("generic");
        assertThat(HttpEvents.headers(e)).containsKey("x-mispost-signature");
        assertThat(new String(HttpEvents.body(e))).contains("\"type\":\"post\"");
    }

    @Test
    void theDetectSampleDecodesToAPostAndOnlyDetectWakesForIt() throws Exception {
        DynamodbEvent e = stream("detect-new-post.json");
        Post post = PostItems.fromItem(StreamImages.newImage(e.getRecords().get(0)));
        assertThat(post.text()).contains("beers tonight");
        assertThat(post.client()).isEqualTo("Twitter for iPhone");
        assertThat(wakes("detect-new-post.json")).containsExactly("DetectFunction");
    }

    @Test
    void theEditSampleDecodesToAnEditOfThatPostAndOnlyDetectWakesForIt() throws Exception {
        var image = StreamImages.newImage(stream("detect-post-edited.json").getRecords().get(0));
        assertThat(PostItems.isEdit(image)).isTrue();
        Post edited = PostItems.fromItem(image);
        assertThat(edited.key()).isEqualTo(PostItems.fromItem(StreamImages.newImage(stream("detect-new-post.json").getRecords().get(0))).key());
        assertThat(edited.text()).contains("wrong account");
        assertThat(java.time.Instant.parse(image.get("editedAt").s())).isEqualTo("2026-11-20T22:15:41Z");
        assertThat(wakes("detect-post-edited.json")).containsExactly("DetectFunction");
    }

    @Test
    void theApologySampleDecodesToAnIncidentAndOnlyApologyWakesForIt() throws Exception {
        DynamodbEvent e = stream("apology-new-incident.json");
        Incident incident = IncidentItems.fromItem(StreamImages.newImage(e.getRecords().get(0)));
        assertThat(incident.id()).isEqualTo("inc-0f3a9c1d2b4e5a67");
        assertThat(incident.post().postId()).isEqualTo("1860000000000000999");
        assertThat(wakes("apology-new-incident.json")).containsExactly("ApologyFunction");
    }

    @Test
    void theRealAwsStreamSampleDecodesWhereTheSharedDataIsPresent() throws Exception {
        Path sample = Moto.template().toAbsolutePath().getParent().resolve("../shared/data/webhooks/aws-dynamodb-streams.json");
        assumeTrue(Files.exists(sample), "../shared/data/webhooks is not beside this checkout: skipped");
        DynamodbEvent e = LambdaEventSerializers.serializerFor(DynamodbEvent.class, getClass().getClassLoader())
                .fromJson(Files.readString(sample));
        assertThat(e.getRecords()).isNotEmpty();
        assertThat(StreamImages.newImage(e.getRecords().get(0))).containsKey("Message");
        assertThat(wakesFor(JSON.readTree(sample.toFile()).path("Records").get(0))).isEmpty();
    }

    private DynamodbEvent stream(String name) throws Exception {
        return LambdaEventSerializers.serializerFor(DynamodbEvent.class, getClass().getClassLoader())
                .fromJson(Files.readString(events.resolve(name)));
    }

    private List<String> wakes(String name) throws Exception {
        return wakesFor(JSON.readTree(events.resolve(name).toFile()).path("Records").get(0));
    }

    private List<String> wakesFor(JsonNode record) {
        return template.functions().stream().filter(f -> f.streams().stream().anyMatch(s ->
                EventPattern.anyMatches(s.filterPatterns().stream().map(EventPattern::parse).toList(), record)))
                .map(TemplateModel.FunctionSpec::logicalId).toList();
    }
}
