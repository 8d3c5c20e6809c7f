package com.mispost.functions.closure;

import com.mispost.config.FunctionContexts;
import com.mispost.config.SnapStartPriming;
import com.mispost.config.SuiteFactory;
import com.mispost.incident.IncidentSweep;
import com.mispost.incident.web.IncidentPages;
import com.mispost.lambda.FunctionEvents;
import com.mispost.secrets.SecretSource;
import com.mispost.store.AccountRegistry;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.crac.Core;
import org.crac.Resource;

import java.util.Map;

/**
 * Incident closure: staff actions from signed links ({@code /incidents/...} on the HTTP API) and
 * the scheduled sweep (EventBridge). One function serves both, so it takes the event as JSON and
 * tells them apart by shape.
 */
public class ClosureHandler extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> implements Resource {

    @Inject
    IncidentPages pages;

    @Inject
    IncidentSweep sweep;

    @Inject
    AccountRegistry accounts;

    @Inject
    SecretSource secrets;

    public ClosureHandler() {
        Core.getGlobalContext().register(this);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.builder();
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> event) {
        return FunctionEvents.closure(pages, sweep, event);
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
