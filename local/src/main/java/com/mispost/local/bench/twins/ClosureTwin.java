package com.mispost.local.bench.twins;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.mispost.config.SnapStartPriming;
import com.mispost.usecase.closure.IncidentDesk;
import com.mispost.usecase.closure.IncidentSweep;
import com.mispost.usecase.closure.IncidentPages;
import com.mispost.lambda.FunctionEvents;
import com.mispost.links.ActionLinks;
import com.mispost.notify.NoticeComposer;
import com.mispost.usecase.Outbox;
import com.mispost.secrets.SecretSource;
import com.mispost.store.AccountRegistry;
import com.mispost.store.IncidentStore;
import com.mispost.store.PostStore;
import org.crac.Core;
import org.crac.Resource;

import java.util.Map;

/** The closure function written by hand, without Micronaut: the cold-start bench's yardstick. */
public final class ClosureTwin implements RequestHandler<Map<String, Object>, Map<String, Object>>, Resource {

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
        NoticeComposer notices = w.notices(links);
        Outbox outbox = w.outbox(incidents, notices);
        desk = w.suite.incidentDesk(incidents, posts, accounts, w.suite.apologyDesk(), notices, outbox, w.metrics, w.clock);
        pages = w.suite.incidentPages(incidents, posts, accounts, desk, links, w.clock);
        sweep = w.suite.incidentSweep(incidents, posts, accounts, notices, outbox, desk,
                w.suite.lifecyclePolicy("", 3, "", ""), w.watchdog(accounts), w.metrics, w.clock);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return FunctionEvents.closure(pages, sweep, event);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        SnapStartPriming.prime(accounts, secrets);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
