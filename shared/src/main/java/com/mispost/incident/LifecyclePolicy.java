package com.mispost.incident;

import com.mispost.detection.Severity;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The clock of an incident's life: when an unacknowledged incident escalates and how often, how
 * long one spike notice covers, and how long a post must stay quiet after the apology before the
 * incident closes by itself. Durations read as {@code 5m}, {@code 90s}, {@code 2h} or ISO-8601
 * ({@code PT5M}), so a local run can use seconds where production uses minutes.
 *
 * @param escalateAfter    per severity: unacknowledged this long → an escalation, and again after as long
 * @param escalationLimit  at most this many escalations per incident
 * @param spikeWindow      at most one spike notice per incident within this time
 * @param closeWhenQuiet   no reactions for this long after the apology → the incident closes
 */
public record LifecyclePolicy(Map<Severity, Duration> escalateAfter, int escalationLimit, Duration spikeWindow,
                              Duration closeWhenQuiet) {

    public static final String DEFAULT_ESCALATE_AFTER = "critical=5m,high=10m,medium=30m,low=2h";

    public static final LifecyclePolicy DEFAULT = new LifecyclePolicy(parseEscalation(DEFAULT_ESCALATE_AFTER), 3,
            Duration.ofMinutes(10), Duration.ofMinutes(30));

    public LifecyclePolicy {
        Objects.requireNonNull(spikeWindow, "spikeWindow");
        Objects.requireNonNull(closeWhenQuiet, "closeWhenQuiet");
        if (escalationLimit < 0) throw new IllegalArgumentException("escalationLimit must not be negative");
        EnumMap<Severity, Duration> all = new EnumMap<>(Severity.class);
        all.putAll(escalateAfter);
        for (Severity s : Severity.values()) {
            if (!all.containsKey(s)) {
                // A severity not named escalates like the nearest milder one that is (NONE and LOW: the slowest).
                all.put(s, nearestMilder(all, s));
            }
        }
        escalateAfter = Map.copyOf(all);
    }

    public Duration escalateAfter(Severity severity) {
        return escalateAfter.get(severity);
    }

    /** Reads the policy from configuration text; blanks take the defaults. */
    public static LifecyclePolicy of(String escalateAfter, int escalationLimit, String spikeWindow, String closeWhenQuiet) {
        return new LifecyclePolicy(
                parseEscalation(blank(escalateAfter) ? DEFAULT_ESCALATE_AFTER : escalateAfter),
                escalationLimit,
                blank(spikeWindow) ? DEFAULT.spikeWindow() : duration(spikeWindow),
                blank(closeWhenQuiet) ? DEFAULT.closeWhenQuiet() : duration(closeWhenQuiet));
    }

    /** {@code critical=5m,high=10m,...} */
    static Map<Severity, Duration> parseEscalation(String spec) {
        Map<Severity, Duration> out = new EnumMap<>(Severity.class);
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) throw new IllegalArgumentException("escalation times read severity=duration, not '" + part + "'");
            Severity s = Severity.fromId(kv[0].trim())
                    .orElseThrow(() -> new IllegalArgumentException("unknown severity '" + kv[0].trim() + "'"));
            out.put(s, duration(kv[1]));
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no escalation times in '" + spec + "'");
        return out;
    }

    /** {@code 90s}, {@code 5m}, {@code 2h}, {@code 250ms} or ISO-8601 ({@code PT5M}). */
    public static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (t.startsWith("p")) d = Duration.parse(t.toUpperCase(Locale.ROOT));
            else if (t.endsWith("ms")) d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            else {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> throw new IllegalArgumentException("unit");
                };
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (write 90s, 5m, 2h or PT5M)", e);
        }
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("a duration must be positive: '" + text + "'");
        return d;
    }

    private static Duration nearestMilder(Map<Severity, Duration> given, Severity s) {
        for (int i = s.ordinal() - 1; i >= 0; i--) {
            Duration d = given.get(Severity.values()[i]);
            if (d != null) return d;
        }
        return given.values().stream().max(Duration::compareTo).orElseThrow();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
