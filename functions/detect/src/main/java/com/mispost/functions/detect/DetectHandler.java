package com.mispost.functions.detect;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.mispost.config.FunctionContexts;
import com.mispost.config.SnapStartPriming;
import com.mispost.config.SuiteFactory;
import com.mispost.detection.PostScreener;
import com.mispost.lambda.FunctionEvents;
import com.mispost.secrets.SecretSource;
import com.mispost.store.AccountRegistry;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.crac.Core;
import org.crac.Resource;

/** Misposting detection: wakes for new post items on the table's stream (see FilterCriteria in template.yaml). */
public class DetectHandler extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> implements Resource {

    @Inject
    PostScreener screener;

    @Inject
    AccountRegistry accounts;

    @Inject
    SecretSource secrets;

    public DetectHandler() {
        Core.getGlobalContext().register(this);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.builder();
    }

    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        return FunctionEvents.detect(screener, event);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        SnapStartPriming.prime(accounts, secrets, SuiteFactory.LINK_KEY);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: the SDK clients reconnect on their own, secrets refresh on age
    }
}
