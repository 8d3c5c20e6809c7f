package com.mispost.functions.detect;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.mispost.detection.PostScreener;
import com.mispost.lambda.StreamImages;
import com.mispost.store.dynamodb.PostItems;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Misposting detection: wakes for new post items on the table's stream (see FilterCriteria in template.yaml). */
public class DetectHandler extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(DetectHandler.class);

    @Inject
    PostScreener screener;

    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        return StreamImages.process(event,
                record -> screener.screen(PostItems.fromItem(StreamImages.newImage(record))),
                e -> LOG.error("screening failed; the batch is retried from this record: {}", e.toString()));
    }
}
