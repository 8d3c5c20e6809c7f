package com.mispost.local.bench.twins;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.mispost.config.SnapStartPriming;
import com.mispost.config.SuiteFactory;
import com.mispost.detection.PostScreener;
import com.mispost.lambda.StreamImages;
import com.mispost.secrets.SecretSource;
import com.mispost.store.AccountRegistry;
import com.mispost.store.IncidentStore;
import com.mispost.store.dynamodb.PostItems;
import org.crac.Core;
import org.crac.Resource;

import java.time.Instant;

/** The detect function written by hand, without Micronaut: the cold-start bench's yardstick. */
public final class DetectTwin implements RequestHandler<DynamodbEvent, StreamsEventResponse>, Resource {
    private final PostScreener screener;

    private final AccountRegistry accounts;
    private final SecretSource secrets;

    public DetectTwin() {
        TwinWiring w = new TwinWiring();
        accounts = w.accounts();
        secrets = w.secrets();
        Core.getGlobalContext().register(this);
        IncidentStore incidents = w.incidents();
        screener = w.suite.postScreener(accounts, w.posts(), incidents,
                w.notices(w.suite.actionLinks(secrets)), w.outbox(incidents),
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

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        SnapStartPriming.prime(accounts, secrets, SuiteFactory.LINK_KEY);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
