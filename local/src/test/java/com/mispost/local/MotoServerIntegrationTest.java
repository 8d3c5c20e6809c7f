package com.mispost.local;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The moto the local runtime starts keeps DynamoDB's promises where moto alone did not: a
 * cancelled transaction writes nothing (not even to the stream), and a stream keeps only its
 * newest records, so a long run's memory stays bounded.
 */
class MotoServerIntegrationTest {
    @Test
    void aCancelledTransactionLeavesNoItemAndNoStreamRecord() {
        try (MotoServer moto = MotoServer.start(Map.of()); LocalAws aws = new LocalAws(moto.endpoint(), true)) {
            aws.provision(TemplateModel.read(Moto.template()), "tx");
            aws.dynamo.putItem(p -> p.tableName(aws.tableName).item(item("A", "1")));
            int before = records(aws).size();
            assertThatThrownBy(() -> aws.dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(aws.tableName).item(item("B", "2"))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(aws.tableName).item(item("A", "3"))
                            .conditionExpression("attribute_not_exists(PK)")).build())))
                    .isInstanceOf(TransactionCanceledException.class)
                    .hasMessageContaining("ConditionalCheckFailed");
            assertThat(aws.dynamo.getItem(g -> g.tableName(aws.tableName).key(key("B"))).item()).isEmpty();
            assertThat(aws.dynamo.getItem(g -> g.tableName(aws.tableName).key(key("A"))).item().get("v").s()).isEqualTo("1");
            assertThat(records(aws)).hasSize(before);
            aws.dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(aws.tableName).item(item("B", "2"))).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(aws.tableName).key(key("A"))
                            .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromS("4")))
                            .conditionExpression("attribute_exists(PK)")).build()));
            List<Record> after = records(aws);
            assertThat(after).hasSize(before + 2);
            assertThat(after.get(after.size() - 1).dynamodb().newImage().get("v").s()).isEqualTo("4");
        }
    }

    @Test
    void aStreamKeepsItsNewestRecordsAndReadsFromTheOldestKept() {
        try (MotoServer moto = MotoServer.start(Map.of("MISPOST_MOTO_STREAM_RECORDS", "5"));
             LocalAws aws = new LocalAws(moto.endpoint(), true)) {
            aws.provision(TemplateModel.read(Moto.template()), "trim");
            for (int i = 0; i < 12; i++) {
                String n = Integer.toString(i);
                aws.dynamo.putItem(p -> p.tableName(aws.tableName).item(item("K" + n, n)));
            }
            List<Record> kept = records(aws);
            assertThat(kept).hasSize(5);
            assertThat(kept.get(0).dynamodb().newImage().get("v").s()).isEqualTo("7");
            assertThat(kept.get(4).dynamodb().newImage().get("v").s()).isEqualTo("11");
        }
    }

    @Test
    void streamRecordsReadTheSameEveryTimeWithEveryKindOfValueAndTheirTime() {
        try (MotoServer moto = MotoServer.start(Map.of()); LocalAws aws = new LocalAws(moto.endpoint(), true)) {
            aws.provision(TemplateModel.read(Moto.template()), "json");
            Map<String, AttributeValue> item = new java.util.HashMap<>(key("J"));
            item.put("b", AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(new byte[]{0, 1, -1, 34, 92})));
            item.put("n", AttributeValue.fromN("12.5"));
            item.put("t", AttributeValue.fromS("quote \" backslash \\ é ✓"));
            item.put("l", AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromNul(true))));
            item.put("m", AttributeValue.fromM(Map.of("x", AttributeValue.fromBool(false))));
            item.put("ss", AttributeValue.fromSs(List.of("p", "q")));
            java.time.Instant before = java.time.Instant.now().minusSeconds(2);
            aws.dynamo.putItem(p -> p.tableName(aws.tableName).item(item));
            aws.dynamo.updateItem(u -> u.tableName(aws.tableName).key(key("J"))
                    .updateExpression("SET n = :n").expressionAttributeValues(Map.of(":n", AttributeValue.fromN("13"))));
            List<Record> first = records(aws);
            List<Record> again = records(aws); // the second read is answered from the JSON written for the first
            assertThat(again).isEqualTo(first).hasSize(2);
            assertThat(first.get(0).dynamodb().newImage()).isEqualTo(item);
            assertThat(first.get(1).dynamodb().oldImage()).isEqualTo(item);
            assertThat(first.get(1).dynamodb().newImage().get("n").n()).isEqualTo("13");
            assertThat(first.get(1).eventNameAsString()).isEqualTo("MODIFY");
            assertThat(first.get(0).dynamodb().approximateCreationDateTime()).isAfter(before)
                    .isBefore(java.time.Instant.now().plusSeconds(2));
        }
    }

    private static Map<String, AttributeValue> item(String pk, String v) {
        return Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS("X"), "v", AttributeValue.fromS(v));
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS("X"));
    }

    private static List<Record> records(LocalAws aws) {
        String shard = aws.streams.describeStream(d -> d.streamArn(aws.streamArn)).streamDescription().shards().get(0).shardId();
        String it = aws.streams.getShardIterator(g -> g.streamArn(aws.streamArn).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        return aws.streams.getRecords(g -> g.shardIterator(it).limit(1000)).records();
    }
}
