package com.mispost.local.bench;

import com.mispost.local.Moto;
import com.mispost.local.TemplateModel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The capacity model's arithmetic on writes given outright (the bench measures them from the code). */
class ViralModelTest {
    private static final TemplateModel TEMPLATE = TemplateModel.read(Moto.template());

    /** Per delivery: a like writes {@code like} WRU, a reply {@code reply}; {@code sharedFamily} is written by every reaction on one key. */
    private static ViralModel.Measured measured(double like, double reply, String sharedFamily) {
        CapacityMeter.Phase l = phase(like, sharedFamily);
        CapacityMeter.Phase r = phase(reply, sharedFamily);
        CapacityMeter.Phase count = new CapacityMeter.Phase();
        count.wru = 32;
        count.requests = 32;
        CapacityMeter.Phase none = new CapacityMeter.Phase();
        return new ViralModel.Measured(l, r, phase(1, null), none, count, 16, count, none, none, 3500, 2000,
                Map.of("DELIVERY (90 days)", 1300.0, "REACTION (30 days)", 400.0), 300);
    }

    private static CapacityMeter.Phase phase(double wruPerDelivery, String sharedFamily) {
        CapacityMeter.Phase p = new CapacityMeter.Phase();
        int n = 64;
        p.wru = wruPerDelivery * n;
        p.requests = 2 * n;
        Set<String> own = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) own.add("DELIVERY#" + i);
        p.wruByFamily.put("DELIVERY", wruPerDelivery * n - (sharedFamily == null ? 0 : n));
        p.keysByFamily.put("DELIVERY", own);
        if (sharedFamily != null) {
            p.wruByFamily.put(sharedFamily, (double) n);
            p.keysByFamily.put(sharedFamily, Set.of(sharedFamily + "#one"));
        }
        return p;
    }

    private static String run(int rate, ViralModel.Measured m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ViralModel.model(rate, 60, 0.2, 0.1, TEMPLATE, m, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void underWhatANewTableServesNothingIsRefused() {
        String out = run(1000, measured(3, 5, null));
        assertThat(out).contains("viral-model: 1000 reactions/s on one post for 60 min: 0.00% conflicts, 0.00% answered 503");
    }

    @Test
    void aboveItTheFirstHalfHourRefusesAndTheRetriesAddToTheLoad() {
        String out = run(2000, measured(3, 5, null));
        assertThat(out).contains("limited by the table's on-demand capacity in minutes 0-30");
        // 2,000 reactions at 3.4 WRU is ~7,000 WRU/s without retries; with them the peak is higher still.
        double peak = Double.parseDouble(out.replaceAll("(?s).*answered 503, (\\d+) WRU/s peak.*", "$1"));
        assertThat(peak).isGreaterThan(7500);
        assertThat(out).doesNotContain("0.00% answered 503");
    }

    @Test
    void aKeyEveryReactionWritesIsTheFirstLimitWhenItIsHot() {
        String out = run(1200, measured(2, 3, "HOT"));
        assertThat(out).contains("limited by HOT partition");
        assertThat(out).contains("hottest partition key 1200 WRU/s of 1000");
    }
}
