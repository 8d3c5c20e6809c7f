package com.mispost.intake;

import java.util.List;

/**
 * What a verified delivery held: the events that could be read, a message for each entry that
 * could not (one bad entry in a batch never drops the others), and a note for each entry that was
 * read but means nothing to Mispost (a follow, a mention, an un-like): acknowledged, not stored.
 */
public record ParsedDelivery(List<InboundEvent> events, List<String> rejected, List<String> ignored) {
    public ParsedDelivery {
        events = List.copyOf(events);
        rejected = List.copyOf(rejected);
        ignored = List.copyOf(ignored);
    }

    public ParsedDelivery(List<InboundEvent> events, List<String> rejected) {
        this(events, rejected, List.of());
    }
}
