package com.mispost.functions.detect;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.mispost.config.FunctionContexts;
import com.mispost.config.SnapStartPriming;
import com.mispost.config.SuiteFactory;
import com.mispost.detection.PostScreener;
import com.mispost.lambda.StreamImages;
import com.mispost.secrets.SecretSource;
import com.mispost.store.AccountRegistry;
import com.mispost.store.dynamodb.PostItems;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Misposting detection: wakes for new post items on the table's stream (see FilterCriteria in template.yaml). */
public class DetectHandler extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(DetectHandler.class);

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

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        SnapStartPriming.prime(accounts, secrets, SuiteFactory.LINK_KEY);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: the SDK clients reconnect on their own, secrets refresh on age
    }
}
