package com.mispost.local;

import com.mispost.store.PostStore;
import com.mispost.store.StreamedReaction;
import com.mispost.store.dynamodb.ReactionItems;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays the detect function's part in counting where only the store runs (tests of the store, the
 * capacity model): reads the table's stream over the wire from where it last stopped and hands the
 * reactions' markers it finds to {@link PostStore#countReactions}, whole or in the slices asked for.
 */
public final class StreamCounter {
    private final LocalAws aws;
    private final PostStore posts;
    private final Map<String, String> lastSeen = new HashMap<>();

    public StreamCounter(LocalAws aws, PostStore posts) {
        this.aws = aws;
        this.posts = posts;
    }

    /** The markers written since the last read, in stream order. */
    public List<StreamedReaction> read() {
        List<StreamedReaction> seen = new ArrayList<>();
        for (Shard shard : aws.streams.describeStream(d -> d.streamArn(aws.streamArn)).streamDescription().shards()) {
            String after = lastSeen.get(shard.shardId());
            String iterator = aws.streams.getShardIterator(g -> {
                g.streamArn(aws.streamArn).shardId(shard.shardId());
                // A fresh iterator after the last record seen, on every read (moto's iterators go blind otherwise).
                if (after == null) g.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                else g.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
            }).shardIterator();
            for (String next = iterator; next != null; ) {
                String reading = next;
                var got = aws.streams.getRecords(g -> g.shardIterator(reading).limit(1000));
                for (Record r : got.records()) {
                    lastSeen.put(shard.shardId(), r.dynamodb().sequenceNumber());
                    if (r.eventNameAsString().equals("INSERT")) {
                        ReactionItems.streamed(r.dynamodb().newImage(), r.dynamodb().sequenceNumber()).ifPresent(seen::add);
                    }
                }
                if (got.records().isEmpty()) break;
                next = got.nextShardIterator();
            }
        }
        return seen;
    }

    /** Counts everything written since the last read, as one batch. */
    public void countAll() {
        posts.countReactions(read());
    }
}
