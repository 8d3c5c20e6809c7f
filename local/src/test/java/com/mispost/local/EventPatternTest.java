package com.mispost.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Lambda event filtering as the local runtime applies it to stream records. */
class EventPatternTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode record(String eventName, String type, String n) throws Exception {
        return JSON.readTree("{\"eventName\":\"" + eventName + "\",\"dynamodb\":{\"NewImage\":{\"type\":{\"S\":\"" + type
                + "\"},\"score\":{\"N\":\"" + n + "\"}}}}");
    }

    @Test
    void exactValuesAndNestedFieldsAreAndedAndListsOred() throws Exception {
        EventPattern p = EventPattern.parse("{\"eventName\":[\"INSERT\"],\"dynamodb\":{\"NewImage\":{\"type\":{\"S\":[\"POST\",\"EDIT\"]}}}}");
        assertThat(p.matches(record("INSERT", "POST", "1"))).isTrue();
        assertThat(p.matches(record("INSERT", "EDIT", "1"))).isTrue();
        assertThat(p.matches(record("MODIFY", "POST", "1"))).isFalse();
        assertThat(p.matches(record("INSERT", "INCIDENT", "1"))).isFalse();
    }

    @Test
    void operatorsWork() throws Exception {
        assertThat(EventPattern.parse("{\"dynamodb\":{\"NewImage\":{\"type\":{\"S\":[{\"prefix\":\"INC\"}]}}}}")
                .matches(record("INSERT", "INCIDENT", "1"))).isTrue();
        assertThat(EventPattern.parse("{\"eventName\":[{\"anything-but\":[\"REMOVE\"]}]}").matches(record("REMOVE", "X", "1"))).isFalse();
        assertThat(EventPattern.parse("{\"dynamodb\":{\"NewImage\":{\"score\":{\"N\":[{\"numeric\":[\">\",0.5,\"<=\",1]}]}}}}")
                .matches(record("INSERT", "POST", "0.75"))).isTrue();
        assertThat(EventPattern.parse("{\"dynamodb\":{\"NewImage\":{\"score\":{\"N\":[{\"numeric\":[\">\",0.5]}]}}}}")
                .matches(record("INSERT", "POST", "0.25"))).isFalse();
        assertThat(EventPattern.parse("{\"dynamodb\":{\"OldImage\":[{\"exists\":false}]}}").matches(record("INSERT", "POST", "1"))).isTrue();
        assertThat(EventPattern.parse("{\"eventName\":[{\"equals-ignore-case\":\"insert\"}]}").matches(record("INSERT", "POST", "1"))).isTrue();
    }

    @Test
    void noFilterLetsEverythingThroughAndAnyFilterMayMatch() throws Exception {
        JsonNode r = record("INSERT", "POST", "1");
        assertThat(EventPattern.anyMatches(List.of(), r)).isTrue();
        assertThat(EventPattern.anyMatches(List.of(EventPattern.parse("{\"eventName\":[\"MODIFY\"]}"),
                EventPattern.parse("{\"eventName\":[\"INSERT\"]}")), r)).isTrue();
    }
}
