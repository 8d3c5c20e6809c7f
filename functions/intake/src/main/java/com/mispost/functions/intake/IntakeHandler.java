package com.mispost.functions.intake;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.mispost.config.FunctionContexts;
import com.mispost.usecase.intake.WebhookIntake;
import com.mispost.lambda.FunctionEvents;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Webhook intake: {@code GET|POST /webhooks/{platform}} on the HTTP API. */
public class IntakeHandler extends MicronautRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    WebhookIntake intake;

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.builder();
    }

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        return FunctionEvents.intake(intake, event);
    }
}
