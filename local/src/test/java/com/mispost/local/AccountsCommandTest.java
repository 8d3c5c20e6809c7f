package com.mispost.local;

import com.mispost.local.cli.AccountsCommandAccess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccountsCommandTest {
    @Test
    void usageErrorsExitTwoWithAMessage() {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int rc = com.mispost.local.cli.AccountsCommand.run(java.util.List.of("add", "--platform"), new java.io.PrintStream(out),
                new java.io.PrintStream(err));
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("expected --option value");
    }

    @Test
    void anAccountIsBuiltFromOptions() {
        var a = AccountsCommandAccess.account("--platform", "x", "--id", "42", "--name", "Fernhill", "--tz", "Europe/Dublin",
                "--hours", "09:00-17:30", "--clients", "Hootsuite, Sprout Social", "--threshold", "0.7");
        assertThat(a.displayName()).isEqualTo("Fernhill");
        assertThat(a.usualClients()).containsExactlyInAnyOrder("Hootsuite", "Sprout Social");
        assertThat(a.closesAt()).hasToString("17:30");
        assertThat(a.policy().alertThreshold()).isEqualTo(0.7);
    }
}
