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

    @Test
    void aLinkWorksUntilTheInstantBeforeExpAndIsRefusedAtExactlyExp() {
        String[] q = expAndSig(links.link("http://x", "inc-1", "acknowledge", now));
        Instant exp = Instant.ofEpochSecond(Long.parseLong(q[0]));
        assertThat(exp).isEqualTo(now.plus(Duration.ofHours(1)));
        assertThat(links.verify("inc-1", "acknowledge", q[0], q[1], exp.minusNanos(1))).isEqualTo(ActionLinks.Verdict.VALID);
        // Exclusive, as documented: the second named by exp is the first one refused.
        assertThat(links.verify("inc-1", "acknowledge", q[0], q[1], exp)).isEqualTo(ActionLinks.Verdict.EXPIRED);
        assertThat(links.verify("inc-1", "acknowledge", q[0], q[1], exp.plusNanos(1))).isEqualTo(ActionLinks.Verdict.EXPIRED);
    }

    @Test
    void anExpiryIsReadInTheOneFormLinksAreWrittenIn() {
        String[] q = expAndSig(links.link("http://x", "inc-1", "view", now));
        String e = q[0];
        String arabicIndic = e.chars().mapToObj(c -> String.valueOf((char) ('\u0660' + (c - '0')))).reduce("", String::concat);
        for (String other : new String[]{"+" + e, "0" + e, "00" + e, " " + e, e + " ", e + ".0", e + "\n", "-" + e,
                e.replace('0', '\uff10'), arabicIndic, e + "e0", "0x" + Long.toHexString(Long.parseLong(e))}) {
            assertThat(ActionLinks.expiry(other)).as("'%s'", other).isEmpty();
            assertThat(links.verify("inc-1", "view", other, q[1], now)).as("'%s'", other).isEqualTo(ActionLinks.Verdict.FORGED);
        }
        assertThat(ActionLinks.expiry(e)).contains(Instant.ofEpochSecond(Long.parseLong(e)));
        assertThat(ActionLinks.expiry("0")).isEmpty();
        assertThat(ActionLinks.expiry("1")).contains(Instant.ofEpochSecond(1));
        assertThat(ActionLinks.expiry(Long.toString(ActionLinks.LAST_EXPIRY))).contains(Instant.ofEpochSecond(ActionLinks.LAST_EXPIRY));
        assertThat(ActionLinks.expiry(Long.toString(ActionLinks.LAST_EXPIRY + 1))).isEmpty();
        assertThat(ActionLinks.expiry(Long.toString(Long.MAX_VALUE))).isEmpty();
        assertThat(ActionLinks.expiry("99999999999999999999")).isEmpty();
    }

    @Test
    void aSignatureIsReadInItsOneFormOnly() {
        String[] q = expAndSig(links.link("http://x", "inc-1", "view", now));
        assertThat(q[1]).hasSize(43);
        for (String other : new String[]{q[1] + "=", q[1] + " ", q[1].substring(1), q[1].replace('-', '+').replace('_', '/') + "x", ""}) {
            assertThat(links.verify("inc-1", "view", q[0], other, now)).as("'%s'", other).isEqualTo(ActionLinks.Verdict.FORGED);
        }
    }

    @Test
    void aLinkHandedOutUnderAnotherNeverOutlivesIt() {
        Instant reached = now.plus(Duration.ofMinutes(10));
        String[] q = expAndSig(links.link("http://x", "inc-1", "close", now, reached));
        assertThat(q[0]).isEqualTo(Long.toString(reached.getEpochSecond()));
        assertThat(links.verify("inc-1", "close", q[0], q[1], reached.minusSeconds(1))).isEqualTo(ActionLinks.Verdict.VALID);
        assertThat(links.verify("inc-1", "close", q[0], q[1], reached)).isEqualTo(ActionLinks.Verdict.EXPIRED);
        // A later bound does not lengthen a link beyond its own TTL either.
        String[] capped = expAndSig(links.link("http://x", "inc-1", "close", now, now.plus(Duration.ofDays(30))));
        assertThat(capped[0]).isEqualTo(Long.toString(now.plus(Duration.ofHours(1)).getEpochSecond()));
    }

    @Test
    void theSourceTagIsKeyedStableAndRevealsNoAddress() {
        String tag = links.sourceTag("203.0.113.7");
        assertThat(tag).matches("[0-9a-f]{16}").doesNotContain("203").isEqualTo(links.sourceTag("203.0.113.7"));
        assertThat(links.sourceTag("203.0.113.8")).isNotEqualTo(tag);
        assertThat(new ActionLinks(name -> Optional.of("another-key-of-enough-length"), Duration.ofHours(1)).sourceTag("203.0.113.7"))
                .isNotEqualTo(tag);
        assertThat(links.sourceTag(null)).isEqualTo("unknown");
    }
}
