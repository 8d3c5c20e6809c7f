package com.mispost.functions.closure;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mispost.config.FunctionContexts;
import com.mispost.config.SnapStartPriming;
import com.mispost.config.SuiteFactory;
import com.mispost.incident.IncidentSweep;
import com.mispost.incident.web.IncidentPages;
import com.mispost.lambda.HttpEvents;
import com.mispost.secrets.SecretSource;
import com.mispost.store.AccountRegistry;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Incident closure: staff actions from signed links ({@code /incidents/...} on the HTTP API) and
 * the scheduled sweep (EventBridge). One function serves both, so it takes the event as JSON and
 * tells them apart by shape.
 */
public class ClosureHandler extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(ClosureHandler.class);
    private static final ObjectMapper EVENTS = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

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
        if (event.containsKey("requestContext")) return http(EVENTS.convertValue(event, APIGatewayV2HTTPEvent.class));
        if ("Scheduled Event".equals(event.get("detail-type"))) {
            IncidentSweep.Report r = sweep.run();
            if (r.total() > 0) {
                LOG.info("sweep: {} pending notices resent, {} escalations, {} authors asked, {} spikes, {} closed",
                        r.resent(), r.escalations(), r.authorQuestions(), r.spikes(), r.closed());
            }
            return Map.of("resent", r.resent(), "escalations", r.escalations(), "authorQuestions", r.authorQuestions(),
                    "spikes", r.spikes(), "closed", r.closed());
        }
        throw new IllegalArgumentException("closure takes HTTP API requests and scheduled events; got neither");
    }

    private Map<String, Object> http(APIGatewayV2HTTPEvent e) {
        String method = HttpEvents.method(e);
        Map<String, String> form = "POST".equalsIgnoreCase(method)
                ? HttpEvents.formOrQuery(new String(HttpEvents.body(e), StandardCharsets.UTF_8)) : Map.of();
        IncidentPages.Page page = pages.handle(method, HttpEvents.pathParameter(e, "id"),
                HttpEvents.pathParameter(e, "action"), HttpEvents.query(e), form);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", page.status());
        response.put("headers", Map.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-store",
                "X-Frame-Options", "DENY", "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; form-action 'self'"));
        response.put("body", page.html());
        response.put("isBase64Encoded", false);
        return response;
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
