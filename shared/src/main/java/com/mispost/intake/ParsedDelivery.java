package com.mispost.intake;

import java.util.List;

/**
 * What a verified delivery held: the events that could be read, and a message for each entry
 * that could not (one bad entry in a batch never drops the others).
 */
public record ParsedDelivery(List<InboundEvent> events, List<String> rejected) {
    public ParsedDelivery {
        events = List.copyOf(events);
        rejected = List.copyOf(rejected);
    }
}
