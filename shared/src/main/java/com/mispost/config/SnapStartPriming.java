package com.mispost.config;

import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.secrets.SecretSource;
import com.mispost.store.AccountRegistry;

/**
 * What a function does just before its SnapStart snapshot (CRaC {@code beforeCheckpoint}):
 * one read through the table client and one through the secrets client, so that the SDK's
 * request pipeline (signing, marshalling, the HTTP connection classes, unmarshalling) is loaded
 * and run in the snapshot instead of on the first event after a restore. Reads only: nothing
 * is written or published, and a secret read here is fetched again once its cache ages out.
 */
public final class SnapStartPriming {
    /** An account no one registers: reading it finds nothing and changes nothing. */
    static final AccountKey NOBODY = new AccountKey(Platform.X, "snapstart-priming");

    private SnapStartPriming() {
    }

    public static void prime(AccountRegistry accounts, SecretSource secrets, String secretName) {
        accounts.find(NOBODY);
        secrets.secret(secretName);
    }
}
