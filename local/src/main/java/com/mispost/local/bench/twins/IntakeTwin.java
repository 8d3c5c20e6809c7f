package com.mispost.local.bench.twins;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.mispost.config.SnapStartPriming;
import com.mispost.usecase.intake.WebhookIntake;
import com.mispost.lambda.FunctionEvents;
import com.mispost.secrets.SecretSource;
import com.mispost.store.AccountRegistry;
import org.crac.Core;
import org.crac.Resource;

/** The intake function written by hand, without Micronaut: the cold-start bench's yardstick. */
public final class IntakeTwin implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    private final WebhookIntake intake;

    private final AccountRegistry accounts;
    private final SecretSource secrets;

    public IntakeTwin() {
        TwinWiring w = new TwinWiring();
        accounts = w.accounts();
        secrets = w.secrets();
        Core.getGlobalContext().register(this);
        intake = w.suite.webhookIntake(w.clock, secrets, accounts, w.posts(), w.incidents(), w.deliveryWatch());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return FunctionEvents.intake(intake, event);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        SnapStartPriming.prime(accounts, secrets);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
