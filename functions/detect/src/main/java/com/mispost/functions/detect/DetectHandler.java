package com.mispost.functions.detect;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.mispost.detection.PostScreener;
import com.mispost.lambda.StreamImages;
import com.mispost.store.dynamodb.PostItems;
import com.mispost.config.FunctionContexts;
import io.micronaut.context.ApplicationContextBuilder;
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
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.builder();
    }

    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        return StreamImages.process(event, record -> {
                    var image = StreamImages.newImage(record);
                    if (PostItems.isEdit(image)) {
                        screener.screenEdit(PostItems.fromItem(image), java.time.Instant.parse(image.get("editedAt").s()));
                    } else {
                        screener.screen(PostItems.fromItem(image));
                    }
                },
                e -> LOG.error("screening failed; the batch is retried from this record: {}", e.toString()));
    }
}
