package com.mispost.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.mispost.account.Account;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeKind;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.post.PostKey;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionKind;
import com.mispost.usecase.detect.ScreeningOnMemory;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The detect function's routing of a stream batch that mixes a new post with the replies it draws. */
class CrowdRecordsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T15:02:00Z"), ZoneOffset.UTC);
    private static final AccountKey BRAND = new AccountKey(Platform.X, "1460000000000000001");

    private final ScreeningOnMemory detect = new ScreeningOnMemory(CLOCK);
    private final List<DynamodbEvent.DynamodbStreamRecord> batch = new ArrayList<>();

    @Test
    void aPostAndTheRepliesThatTurnAgainstItInOneBatchAlertOnceWithoutFailures() {
        detect.accounts.save(Account.watched(BRAND, "Larkspur Coffee"));
        Post post = new Post(Platform.X, BRAND.accountId(), "1860000000000000300", "team.larkspur",
                "Our new winter blend is here: dark chocolate, orange peel and a little spice.", CLOCK.instant(), null,
                null, null, List.of(), "en", null);
        detect.posts.savePost(post, "{}");
        batch.add(record(Map.of("PK", "POST#" + post.key(), "SK", "POST", "type", "POST", "platform", "x",
                "accountId", post.accountId(), "postId", post.postId(), "text", post.text(),
                "createdAt", post.createdAt().toString())));
        List<String> hostile = List.of("wrong account??", "who approved this", "delete this", "were you hacked?", "yikes, so unprofessional");
        for (int i = 0; i < hostile.size(); i++) reply(post.key(), "r" + i, hostile.get(i), i);
        // A reply to a post we never stored (intake drops those; a stale record must not fail the batch).
        batch.add(replyRecord(new PostKey(Platform.X, BRAND.accountId(), "999"), "r9", "delete this", 9));

        // The account's sample of the public's voice is a REPLY item too, under the account: not a post's reply.
        batch.add(record(Map.of("PK", "ACCOUNT#x/" + BRAND.accountId(), "SK", "REPLY#017", "type", "REPLY", "text", "wrong account")));
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(batch);
        StreamsEventResponse response = FunctionEvents.detect(detect.screener, event);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(detect.sns.published()).extracting(Notice::kind).containsExactly(NoticeKind.ALERT);
        assertThat(detect.sns.published().get(0).body()).contains("\"wrong account??\"");
    }

    private void reply(PostKey target, String id, String text, int second) {
        detect.posts.recordReaction(new Reaction(target, ReactionKind.REPLY, id, CLOCK.instant().plusSeconds(second), text));
        batch.add(replyRecord(target, id, text, second));
    }

    private static DynamodbEvent.DynamodbStreamRecord replyRecord(PostKey target, String id, String text, int second) {
        Instant at = CLOCK.instant().plusSeconds(second);
        return record(Map.ofEntries(Map.entry("PK", "POST#" + target),
                Map.entry("SK", String.format("REPLY#%015d#reply#%s", at.toEpochMilli(), id)), Map.entry("type", "REPLY"),
                Map.entry("platform", target.platform().id()), Map.entry("accountId", target.accountId()),
                Map.entry("postId", target.postId()), Map.entry("kind", "reply"), Map.entry("reactionId", id),
                Map.entry("at", at.toString()), Map.entry("text", text)));
    }

    private static DynamodbEvent.DynamodbStreamRecord record(Map<String, String> image) {
        Map<String, AttributeValue> item = new HashMap<>();
        image.forEach((k, v) -> item.put(k, new AttributeValue().withS(v)));
        StreamRecord change = new StreamRecord();
        change.setNewImage(item);
        change.setKeys(Map.of("PK", item.get("PK"), "SK", item.get("SK")));
        change.setSequenceNumber(Long.toString(System.nanoTime()));
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName("INSERT");
        record.setDynamodb(change);
        return record;
    }
}
