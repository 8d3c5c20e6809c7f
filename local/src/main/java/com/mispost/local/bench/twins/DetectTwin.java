package com.mispost.local.bench.twins;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.mispost.detection.PostScreener;
import com.mispost.lambda.StreamImages;
import com.mispost.store.IncidentStore;
import com.mispost.store.dynamodb.PostItems;

import java.time.Instant;

/** The detect function written by hand, without Micronaut: the cold-start bench's yardstick. */
public final class DetectTwin implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final PostScreener screener;

    public DetectTwin() {
        TwinWiring w = new TwinWiring();
        IncidentStore incidents = w.incidents();
        screener = w.suite.postScreener(w.accounts(), w.posts(), incidents,
                w.notices(w.suite.actionLinks(w.secrets())), w.outbox(incidents),
                TwinWiring.env("MISPOST_PUBLIC_URL", null), w.clock);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamImages.process(event, record -> {
                    var image = StreamImages.newImage(record);
                    if (PostItems.isEdit(image)) {
                        screener.screenEdit(PostItems.fromItem(image), Instant.parse(image.get("editedAt").s()));
                    } else {
                        screener.screen(PostItems.fromItem(image));
                    }
                },
                e -> System.err.println("screening failed; the batch is retried from this record: " + e));
    }
}
