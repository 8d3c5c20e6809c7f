package com.mispost.links;

import com.mispost.secrets.SecretSource;
import com.mispost.secrets.SecretUnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActionLinksTest {
    private static final Pattern QUERY = Pattern.compile("\\?exp=(\\d+)&sig=([A-Za-z0-9_-]+)$");
    /** What Parameter Store holds right now; a test rotates keys by changing it. */
    private final Map<String, String> stored = new HashMap<>(Map.of(ActionLinks.KEY, "a-test-key-of-enough-length"));
    private final SecretSource secrets = name -> Optional.ofNullable(stored.get(name));
    private final ActionLinks links = new ActionLinks(secrets, Duration.ofHours(1));
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
        SecretSource other = name -> Optional.of("another-key-of-enough-length");
        String[] q = expAndSig(new ActionLinks(other, Duration.ofHours(1)).link("http://x", "inc-1", "view", now));
        assertThat(links.verify("inc-1", "view", q[0], q[1], now)).isEqualTo(ActionLinks.Verdict.FORGED);
    }

    @Test
    void theKeyRotatesWithoutANewInstanceAndOldLinksLiveAsLongAsThePreviousKeyIsKept() {
        String[] old = expAndSig(links.link("http://x", "inc-1", "view", now));
        stored.put(ActionLinks.PREVIOUS_KEY, stored.get(ActionLinks.KEY));
        stored.put(ActionLinks.KEY, "the-rotated-key-of-enough-length");
        String[] fresh = expAndSig(links.link("http://x", "inc-1", "view", now));
        assertThat(fresh[1]).isNotEqualTo(old[1]);
        assertThat(links.verify("inc-1", "view", fresh[0], fresh[1], now)).isEqualTo(ActionLinks.Verdict.VALID);
        assertThat(links.verify("inc-1", "view", old[0], old[1], now)).isEqualTo(ActionLinks.Verdict.VALID);
        stored.remove(ActionLinks.PREVIOUS_KEY);
        assertThat(links.verify("inc-1", "view", old[0], old[1], now)).isEqualTo(ActionLinks.Verdict.FORGED);
    }

    @Test
    void aShortOrMissingKeyIsUnavailableNotAnError() {
        stored.put(ActionLinks.KEY, "tiny-key");
        assertThatThrownBy(() -> links.link("http://x", "inc-1", "view", now)).isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining("16 characters").hasMessageNotContaining("tiny-key");
        stored.clear();
        assertThatThrownBy(() -> links.verify("inc-1", "view", "1", "sig", now)).isInstanceOf(SecretUnavailableException.class);
    }
}
