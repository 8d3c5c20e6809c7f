package com.mispost.local.bench.twins;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.mispost.config.SnapStartPriming;
import com.mispost.usecase.detect.PostScreener;
import com.mispost.lambda.FunctionEvents;
import com.mispost.secrets.SecretSource;
import com.mispost.store.AccountRegistry;
import com.mispost.store.IncidentStore;
import org.crac.Core;
import org.crac.Resource;

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
        com.mispost.notify.NoticeComposer notices = w.notices(w.suite.actionLinks(secrets));
        screener = w.suite.postScreener(accounts, w.posts(), incidents, notices, w.outbox(incidents, notices),
                TwinWiring.env("MISPOST_PUBLIC_URL", null), w.metrics, w.clock);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return FunctionEvents.detect(screener, event);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        SnapStartPriming.prime(accounts, secrets);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
