package com.mispost.apology;

import java.util.List;

/** An approval was asked for words the linter still objects to, without a reason to accept them. */
public final class UnresolvedFindingsException extends RuntimeException {

    private final List<LintFinding> findings;

    public UnresolvedFindingsException(List<LintFinding> findings) {
        super("The draft has " + findings.size() + " linter finding(s); fix them or give a reason to approve anyway: "
                + String.join("; ", findings.stream().map(LintFinding::line).toList()));
        this.findings = List.copyOf(findings);
    }

    public List<LintFinding> findings() {
        return findings;
    }
}
