package com.mispost.local.bench.twins;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.mispost.apology.ApologyDrafter;
import com.mispost.lambda.StreamImages;
import com.mispost.store.IncidentStore;
import com.mispost.store.dynamodb.IncidentItems;

/** The apology function written by hand, without Micronaut: the cold-start bench's yardstick. */
public final class ApologyTwin implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final ApologyDrafter drafter;

    public ApologyTwin() {
        TwinWiring w = new TwinWiring();
        IncidentStore incidents = w.incidents();
        drafter = w.suite.apologyDrafter(w.accounts(), incidents, w.notices(w.suite.actionLinks(w.secrets())),
                w.outbox(incidents), w.clock);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamImages.process(event,
                record -> drafter.draftFor(IncidentItems.fromItem(StreamImages.newImage(record))),
                e -> System.err.println("drafting failed; the batch is retried from this record: " + e));
    }
}
