package com.mispost.local.bench.twins;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mispost.config.SnapStartPriming;
import com.mispost.config.SuiteFactory;
import com.mispost.incident.IncidentDesk;
import com.mispost.incident.IncidentSweep;
import com.mispost.incident.web.IncidentPages;
import com.mispost.lambda.HttpEvents;
import com.mispost.links.ActionLinks;
import com.mispost.notify.NoticeComposer;
import com.mispost.notify.Outbox;
import com.mispost.secrets.SecretSource;
import com.mispost.store.AccountRegistry;
import com.mispost.store.IncidentStore;
import com.mispost.store.PostStore;
import org.crac.Core;
import org.crac.Resource;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The closure function written by hand, without Micronaut: the cold-start bench's yardstick. */
public final class ClosureTwin implements RequestHandler<Map<String, Object>, Map<String, Object>>, Resource {
    private static final ObjectMapper EVENTS = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final IncidentPages pages;
    private final IncidentDesk desk;
    private final IncidentSweep sweep;

    private final AccountRegistry accounts;
    private final SecretSource secrets;

    public ClosureTwin() {
        TwinWiring w = new TwinWiring();
        accounts = w.accounts();
        secrets = w.secrets();
        Core.getGlobalContext().register(this);
        IncidentStore incidents = w.incidents();
        PostStore posts = w.posts();
        ActionLinks links = w.suite.actionLinks(secrets);
        Outbox outbox = w.outbox(incidents);
        NoticeComposer notices = w.notices(links);
        desk = w.suite.incidentDesk(incidents, posts, accounts, w.suite.apologyDesk(), notices, outbox, w.clock);
        pages = w.suite.incidentPages(incidents, posts, accounts, desk, links, w.clock);
        sweep = w.suite.incidentSweep(incidents, posts, accounts, notices, outbox, desk,
                w.suite.lifecyclePolicy("", 3, "", ""), w.clock);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if (event.containsKey("requestContext")) return http(EVENTS.convertValue(event, APIGatewayV2HTTPEvent.class));
        if ("Scheduled Event".equals(event.get("detail-type"))) {
            IncidentSweep.Report r = sweep.run();
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
    }
}
