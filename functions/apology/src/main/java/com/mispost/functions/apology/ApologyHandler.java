package com.mispost.functions.apology;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.mispost.usecase.apology.ApologyDrafter;
import com.mispost.config.FunctionContexts;
import com.mispost.lambda.FunctionEvents;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Apology drafting: wakes for newly opened incidents on the table's stream. */
public class ApologyHandler extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> {

    @Inject
    ApologyDrafter drafter;

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.builder();
    }

    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        return FunctionEvents.apology(drafter, event);
    }
}
