package com.mispost.local.bench.twins;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.mispost.intake.WebhookIntake;
import com.mispost.intake.WebhookRequest;
import com.mispost.intake.WebhookResponse;
import com.mispost.lambda.HttpEvents;

/** The intake function written by hand, without Micronaut: the cold-start bench's yardstick. */
public final class IntakeTwin implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final WebhookIntake intake;

    public IntakeTwin() {
        TwinWiring w = new TwinWiring();
        intake = w.suite.webhookIntake(w.clock, w.secrets(), w.accounts(), w.posts(), w.incidents());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        WebhookResponse r = intake.handle(new WebhookRequest(HttpEvents.method(event),
                HttpEvents.pathParameter(event, "platform"), HttpEvents.query(event), HttpEvents.headers(event),
                HttpEvents.body(event)));
        return HttpEvents.response(r.status(), r.contentType(), r.body());
    }
}
