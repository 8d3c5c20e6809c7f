package com.mispost.intake.platform;

import com.mispost.intake.InboundEvent;
import com.mispost.intake.MalformedDeliveryException;
import com.mispost.intake.ParsedDelivery;

import java.util.ArrayList;
import java.util.List;

/** Gathers a batch entry by entry, so that one bad entry is reported and the others still count. */
final class DeliveryCollector {
    /** Reads one entry of a batch into the collector; throws when the entry cannot be read. */
    @FunctionalInterface
    interface EntryReader {
        void read(DeliveryCollector into) throws MalformedDeliveryException;
    }

    private final List<InboundEvent> events = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();
    private final List<String> ignored = new ArrayList<>();

    void entry(EntryReader reader) {
        int eventsBefore = events.size();
        int ignoredBefore = ignored.size();
        try {
            reader.read(this);
        } catch (MalformedDeliveryException bad) {
            // An entry counts whole or not at all.
            events.subList(eventsBefore, events.size()).clear();
            ignored.subList(ignoredBefore, ignored.size()).clear();
            rejected.add(bad.getMessage());
        }
    }

    void add(InboundEvent event) {
        events.add(event);
    }

    void ignore(String why) {
        ignored.add(why);
    }

    void reject(String why) {
        rejected.add(why);
    }

    ParsedDelivery build() {
        return new ParsedDelivery(events, rejected, ignored);
    }
}
