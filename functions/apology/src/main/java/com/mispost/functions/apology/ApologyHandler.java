package com.mispost.functions.apology;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.mispost.apology.ApologyDrafter;
import com.mispost.lambda.StreamImages;
import com.mispost.store.dynamodb.IncidentItems;
import com.mispost.config.FunctionContexts;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Apology drafting: wakes for newly opened incidents on the table's stream. */
public class ApologyHandler extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(ApologyHandler.class);

    @Inject
    ApologyDrafter drafter;

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.builder();
    }

    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        return StreamImages.process(event,
                record -> drafter.draftFor(IncidentItems.fromItem(StreamImages.newImage(record))),
                e -> LOG.error("drafting failed; the batch is retried from this record: {}", e.toString()));
    }
}
