package com.mispost.functions.intake;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.mispost.config.FunctionContexts;
import com.mispost.config.SnapStartPriming;
import com.mispost.intake.GenericWebhook;
import com.mispost.intake.WebhookIntake;
import com.mispost.lambda.FunctionEvents;
import com.mispost.secrets.SecretSource;
import com.mispost.store.AccountRegistry;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.crac.Core;
import org.crac.Resource;

/** Webhook intake: {@code GET|POST /webhooks/{platform}} on the HTTP API. */
public class IntakeHandler extends MicronautRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> implements Resource {

    @Inject
    WebhookIntake intake;

    @Inject
    AccountRegistry accounts;

    @Inject
    SecretSource secrets;

    public IntakeHandler() {
        Core.getGlobalContext().register(this);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.builder();
    }

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        return FunctionEvents.intake(intake, event);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        SnapStartPriming.prime(accounts, secrets, GenericWebhook.SECRET);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: the SDK clients reconnect on their own, secrets refresh on age
    }
}
