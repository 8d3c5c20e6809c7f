package com.mispost.functions.closure;

import com.mispost.config.FunctionContexts;
import com.mispost.usecase.closure.IncidentSweep;
import com.mispost.usecase.closure.IncidentPages;
import com.mispost.lambda.FunctionEvents;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * Incident closure: staff actions from signed links ({@code /incidents/...} on the HTTP API) and
 * the scheduled sweep (EventBridge). One function serves both, so it takes the event as JSON and
 * tells them apart by shape.
 */
public class ClosureHandler extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {

    @Inject
    IncidentPages pages;

    @Inject
    IncidentSweep sweep;

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.builder();
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> event) {
        return FunctionEvents.closure(pages, sweep, event);
    }
}
