package com.mispost.functions.detect;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.mispost.config.FunctionContexts;
import com.mispost.usecase.detect.PostScreener;
import com.mispost.lambda.FunctionEvents;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Misposting detection: wakes for new posts, edits and replies on the table's stream (see FilterCriteria in template.yaml). */
public class DetectHandler extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> {

    @Inject
    PostScreener screener;

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.builder();
    }

    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        return FunctionEvents.detect(screener, event);
    }
}
