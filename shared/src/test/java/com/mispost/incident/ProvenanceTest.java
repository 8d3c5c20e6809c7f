package com.mispost.incident;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProvenanceTest {
    @Test
    void aUserAgentKeepsItsPrintableTextOnlyBoundedAndWithoutSplittingACharacter() {
        assertThat(new Provenance(false, null, null).userAgent()).isEmpty();
        assertThat(new Provenance(false, " ", null).source()).isEqualTo("unknown");
        String agent = "curl/8\r\nX-Forged: 1\u0085\u2028\u2029\u200e\u202e\u2066\ufeff\u0000\u001b[31m\ud800 ok";
        assertThat(new Provenance(false, "tag", agent).userAgent()).isEqualTo("curl/8 X-Forged: 1 [31m ok");
        // A character outside the BMP straddling the bound is left out whole, never cut in half.
        String astral = "a".repeat(Provenance.USER_AGENT_LIMIT - 1) + "\ud83d\ude00";
        assertThat(new Provenance(false, "tag", astral).userAgent()).isEqualTo("a".repeat(Provenance.USER_AGENT_LIMIT - 1));
        assertThat(new Provenance(false, "tag", "b".repeat(5000)).userAgent()).hasSize(Provenance.USER_AGENT_LIMIT);
    }

    @Test
    void aTypedNameIsBoundedAndPlainButOtherwiseAsTyped() {
        assertThat(new StaffAction(IncidentAction.ACKNOWLEDGE, "  Ana\u202e <b>B</b>\u2028", null, null, null).actor())
                .isEqualTo("Ana <b>B</b>");
        assertThat(new StaffAction(IncidentAction.ACKNOWLEDGE, "\u200b\u0000", null, null, null).actor()).isEqualTo("staff");
        assertThat(new StaffAction(IncidentAction.ACKNOWLEDGE, "z".repeat(500), null, null, null).actor()).hasSize(StaffAction.NAME_LIMIT);
    }
}
