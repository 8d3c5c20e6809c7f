package com.mispost.local.cli;

import com.mispost.account.Account;

import java.util.List;

/** Test access to the package-private option parsing of AccountsCommand. */
public final class AccountsCommandAccess {
    private AccountsCommandAccess() {
    }

    public static Account account(String... args) {
        return AccountsCommand.account(AccountsCommand.options(List.of(args)));
    }
}
