package com.mispost.local.bench;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Item sizes as DynamoDB counts them (the capacity model prices every write by them). */
class CapacityMeterTest {

    @Test
    void namesAndValuesCountAsDynamoDbCountsThem() {
        // "PK" 2 + "abc" 3; "n" 1 + 12345 (5 significant digits: 3 bytes + 1); "b" 1 + 4 bytes; "ok" 2 + 1
        assertThat(CapacityMeter.size(Map.of("PK", AttributeValue.fromS("abc")))).isEqualTo(5);
        assertThat(CapacityMeter.size(Map.of("n", AttributeValue.fromN("12345")))).isEqualTo(1 + 4);
        assertThat(CapacityMeter.size(Map.of("n", AttributeValue.fromN("1200")))).as("trailing zeros trimmed").isEqualTo(1 + 2);
        assertThat(CapacityMeter.size(Map.of("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[4]))))).isEqualTo(5);
        assertThat(CapacityMeter.size(Map.of("ok", AttributeValue.fromBool(true)))).isEqualTo(3);
        assertThat(CapacityMeter.size(Map.of("é", AttributeValue.fromS("ü")))).as("UTF-8 bytes").isEqualTo(4);
        // A list: 3 bytes, plus each element and one byte for it.
        assertThat(CapacityMeter.size(Map.of("l", AttributeValue.fromL(List.of(AttributeValue.fromS("ab"), AttributeValue.fromS("c"))))))
                .isEqualTo(1 + 3 + (1 + 2) + (1 + 1));
    }
}
