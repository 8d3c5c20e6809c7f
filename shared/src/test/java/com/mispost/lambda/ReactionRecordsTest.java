package com.mispost.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.mispost.account.Account;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.PostKey;
import com.mispost.post.ReactionKind;
import com.mispost.store.StreamedReaction;
import com.mispost.usecase.detect.ScreeningOnMemory;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The detect function's counting of reactions' markers in a stream batch that also carries a new post. */
class ReactionRecordsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T15:02:00Z"), ZoneOffset.UTC);
    private static final AccountKey BRAND = new AccountKey(Platform.X, "1460000000000000002");
    private static final PostKey TARGET = new PostKey(Platform.X, BRAND.accountId(), "1860000000000000400");

    private final ScreeningOnMemory detect = new ScreeningOnMemory(CLOCK);
    private final List<DynamodbEvent.DynamodbStreamRecord> batch = new ArrayList<>();

    @Test
    void theMarkersOfABatchAreCountedTogetherInStreamOrderAndNothingElseIs() {
        detect.accounts.save(Account.watched(BRAND, "Larkspur Coffee"));
        post("1860000000000000401", 100);
        marker("like", "l1", 101);
        marker("reply", "r1", 102);
        // The account's sample of public replies, and a stray item that only looks like a marker: not counted.
        batch.add(record(Map.of("PK", "ACCOUNT#x/" + BRAND.accountId(), "SK", "REPLY#001", "type", "REPLY", "text", "hm"), 103));
        batch.add(record(Map.of("PK", "REACTION#x/1/2#3", "SK", "like#l9", "type", "REACTION"), 104));
        marker("like", "l2", 105);

        StreamsEventResponse response = FunctionEvents.detect(detect.screener, event());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(detect.posts.streamed).extracting(StreamedReaction::kind)
                .containsExactly(ReactionKind.LIKE, ReactionKind.REPLY, ReactionKind.LIKE);
        assertThat(detect.posts.streamed).extracting(StreamedReaction::position)
                .containsExactly(BigInteger.valueOf(101), BigInteger.valueOf(102), BigInteger.valueOf(105));
        assertThat(detect.posts.streamed).allSatisfy(r -> assertThat(r.target()).isEqualTo(TARGET));
        assertThat(detect.posts.assessment(new PostKey(Platform.X, BRAND.accountId(), "1860000000000000401"))).isPresent();
    }

    @Test
    void whenCountingFailsTheBatchFailsAtItsFirstMarkerAndWhatCameBeforeIsDone() {
        detect.accounts.save(Account.watched(BRAND, "Larkspur Coffee"));
        post("1860000000000000402", 200);
        marker("like", "l1", 201);
        post("1860000000000000403", 202);
        marker("like", "l2", 203);
        detect.posts.stopCounting();

        StreamsEventResponse response = FunctionEvents.detect(detect.screener, event());

        // Lambda retries from the first marker: both markers come again, and so does the post between them.
        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("201");
        assertThat(detect.posts.assessment(new PostKey(Platform.X, BRAND.accountId(), "1860000000000000402"))).isPresent();
        assertThat(detect.posts.assessment(new PostKey(Platform.X, BRAND.accountId(), "1860000000000000403"))).isEmpty();
    }

    private DynamodbEvent event() {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(batch);
        return event;
    }

    private void post(String id, long sequence) {
        com.mispost.post.Post p = new com.mispost.post.Post(Platform.X, BRAND.accountId(), id, "team", "Our winter blend is here.",
                CLOCK.instant(), null, null, null, List.of(), "en", null);
        detect.posts.savePost(p, "{}");
        batch.add(record(Map.of("PK", "POST#" + p.key(), "SK", "POST", "type", "POST", "platform", "x", "accountId",
                BRAND.accountId(), "postId", id, "text", p.text(), "createdAt", CLOCK.instant().toString()), sequence));
    }

    private void marker(String kind, String id, long sequence) {
        batch.add(record(Map.of("PK", "REACTION#" + TARGET + "#3", "SK", kind + "#" + id, "type", "REACTION",
                "platform", "x", "accountId", TARGET.accountId(), "postId", TARGET.postId(), "kind", kind,
                "lane", "COUNTS#" + TARGET + "#3", "at", CLOCK.instant().toString(), "arrivedAt", CLOCK.instant().toString()), sequence));
    }

    private static DynamodbEvent.DynamodbStreamRecord record(Map<String, String> image, long sequence) {
        Map<String, AttributeValue> item = new HashMap<>();
        image.forEach((k, v) -> item.put(k, new AttributeValue().withS(v)));
        StreamRecord change = new StreamRecord();
        change.setNewImage(item);
        change.setKeys(Map.of("PK", item.get("PK"), "SK", item.get("SK")));
        change.setSequenceNumber(Long.toString(sequence));
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName("INSERT");
        record.setDynamodb(change);
        return record;
    }
}
