package com.mispost.links;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActionLinksTest {
    private static final Pattern QUERY = Pattern.compile("\\?exp=(\\d+)&sig=([A-Za-z0-9_-]+)$");
    private final ActionLinks links = new ActionLinks("a-test-key-of-enough-length", Duration.ofHours(1));
    private final Instant now = Instant.parse("2026-11-20T10:00:00Z");

    private String[] expAndSig(String link) {
        Matcher m = QUERY.matcher(link);
        assertThat(m.find()).as(link).isTrue();
        return new String[]{m.group(1), m.group(2)};
    }

    @Test
    void aLinkItIssuedIsValidUntilItExpires() {
        String link = links.link("https://api.example/", "inc-1", "acknowledge", now);
        assertThat(link).startsWith("https://api.example/incidents/inc-1/actions/acknowledge?exp=");
        String[] q = expAndSig(link);
        assertThat(links.verify("inc-1", "acknowledge", q[0], q[1], now)).isEqualTo(ActionLinks.Verdict.VALID);
        assertThat(links.verify("inc-1", "acknowledge", q[0], q[1], now.plus(Duration.ofHours(2))))
                .isEqualTo(ActionLinks.Verdict.EXPIRED);
    }

    @Test
    void anAlteredIncidentActionOrExpiryIsForged() {
        String[] q = expAndSig(links.link("http://x", "inc-1", "acknowledge", now));
        assertThat(links.verify("inc-2", "acknowledge", q[0], q[1], now)).isEqualTo(ActionLinks.Verdict.FORGED);
        assertThat(links.verify("inc-1", "close", q[0], q[1], now)).isEqualTo(ActionLinks.Verdict.FORGED);
        long later = Long.parseLong(q[0]) + 86_400;
        assertThat(links.verify("inc-1", "acknowledge", Long.toString(later), q[1], now)).isEqualTo(ActionLinks.Verdict.FORGED);
        assertThat(links.verify("inc-1", "acknowledge", "not-a-number", q[1], now)).isEqualTo(ActionLinks.Verdict.FORGED);
        assertThat(links.verify("inc-1", "acknowledge", null, null, now)).isEqualTo(ActionLinks.Verdict.MISSING);
    }

    @Test
    void aLinkFromAnotherKeyIsForged() {
        String[] q = expAndSig(new ActionLinks("another-key-of-enough-length", Duration.ofHours(1)).link("http://x", "inc-1", "view", now));
        assertThat(links.verify("inc-1", "view", q[0], q[1], now)).isEqualTo(ActionLinks.Verdict.FORGED);
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new ActionLinks("short", Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
