package com.mispost.local.bench.twins;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.mispost.usecase.apology.ApologyDrafter;
import com.mispost.config.SnapStartPriming;
import com.mispost.lambda.FunctionEvents;
import com.mispost.notify.NoticeComposer;
import com.mispost.secrets.SecretSource;
import com.mispost.store.AccountRegistry;
import com.mispost.store.IncidentStore;
import org.crac.Core;
import org.crac.Resource;

/** The apology function written by hand, without Micronaut: the cold-start bench's yardstick. */
public final class ApologyTwin implements RequestHandler<DynamodbEvent, StreamsEventResponse>, Resource {
    private final ApologyDrafter drafter;

    private final AccountRegistry accounts;
    private final SecretSource secrets;

    public ApologyTwin() {
        TwinWiring w = new TwinWiring();
        accounts = w.accounts();
        secrets = w.secrets();
        Core.getGlobalContext().register(this);
        IncidentStore incidents = w.incidents();
        NoticeComposer notices = w.notices(w.suite.actionLinks(secrets));
        drafter = w.suite.apologyDrafter(w.suite.apologyDesk(), accounts, incidents, notices,
                w.outbox(incidents, notices), w.metrics, w.clock);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return FunctionEvents.apology(drafter, event);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        SnapStartPriming.prime(accounts, secrets);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
