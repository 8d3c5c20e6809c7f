package com.mispost.functions.apology;

import com.mispost.apology.ApologyDesk;
import com.mispost.functions.apology.bedrock.BedrockDrafter;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * When {@code MISPOST_BEDROCK_MODEL_ID} is set, the apology desk asks Bedrock first and falls
 * back to the built-in composer; the same linter judges both. Off by default.
 */
@Factory
public class BedrockWiring {

    @Singleton
    @Replaces(ApologyDesk.class)
    @Requires(property = "mispost.bedrock.model.id", pattern = ".+")
    ApologyDesk bedrockFirst() {
        return BedrockDrafter.fromEnvironment(System.getenv()).map(ApologyDesk::new).orElseGet(ApologyDesk::new);
    }
}
