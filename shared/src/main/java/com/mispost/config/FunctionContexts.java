package com.mispost.config;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;

/**
 * How each function's handler builds its Micronaut context.
 *
 * <p>Micronaut's Lambda context builder initialises every singleton eagerly, so that SnapStart
 * captures them. With one factory for the whole suite that builds every function's beans in
 * each function: intake would build an SNS client, fetch the link-signing key from SSM, and
 * fail to start for want of detect's {@code MISPOST_PUBLIC_URL}. So eager initialisation of
 * all singletons is off, and each handler's injected fields pull exactly its own object graph
 * (clients included) while the handler is constructed: still during init, still in the snapshot.
 * Eager configuration beans and environment deduction (probing for a cloud provider) are off
 * too: the functions have no configuration beans or environment-specific configuration.
 */
public final class FunctionContexts {
    private FunctionContexts() {
    }

    /**
     * Micronaut's Lambda builder (LambdaApplicationContextBuilder: environments "function" and
     * "lambda") without its eager initialisation; built afresh, because a later
     * {@code eagerInitSingletons(false)} cannot undo its {@code eagerInitSingletons(true)}.
     */
    public static ApplicationContextBuilder builder() {
        return ApplicationContext.builder()
                .environments(Environment.FUNCTION, "lambda")
                .deduceEnvironment(false);
    }
}
