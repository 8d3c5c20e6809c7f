package com.mispost.config;

import com.mispost.intake.GenericWebhook;
import com.mispost.links.ActionLinks;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.secrets.SecretSource;
import com.mispost.store.AccountRegistry;
import io.micronaut.context.annotation.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a function does just before its SnapStart snapshot (CRaC {@code beforeCheckpoint}):
 * one read through the table client and reads through the secrets client, so that the SDK's
 * request pipeline (signing, marshalling, the HTTP connection classes, unmarshalling) is loaded
 * and run in the snapshot instead of on the first event after a restore. Reads only: nothing
 * is written or published, and a secret read here is fetched again once its cache ages out.
 *
 * <p>A context bean, so every function's context creates it and registers it with CRaC (which
 * holds resources weakly; the context holds this one) without the handlers doing anything.
 */
@Context
public final class SnapStartPriming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
    /** An account no one registers: reading it finds nothing and changes nothing. */
    static final AccountKey NOBODY = new AccountKey(Platform.X, "snapstart-priming");
    /** Intake reads the first for every generic delivery; the other three sign links with the second. */
    static final String[] SECRETS = {GenericWebhook.SECRET, ActionLinks.KEY};

    private final AccountRegistry accounts;
    private final SecretSource secrets;

    public SnapStartPriming(AccountRegistry accounts, SecretSource secrets) {
        this.accounts = accounts;
        this.secrets = secrets;
        Core.getGlobalContext().register(this);
    }

    /** The priming itself; also called by the cold-start bench's plain-Java twins. */
    public static void prime(AccountRegistry accounts, SecretSource secrets) {
        accounts.find(NOBODY);
        accounts.findAll(java.util.List.of(NOBODY)); // intake's batched read (BatchGetItem), asked on every delivery
        for (String name : SECRETS) secrets.secret(name);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        long start = System.nanoTime();
        prime(accounts, secrets);
        LOG.info("SnapStart priming done before the snapshot in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: the SDK clients reconnect on their own, secrets refresh on age
        LOG.info("SnapStart restore: resumed from the snapshot");
    }
}
