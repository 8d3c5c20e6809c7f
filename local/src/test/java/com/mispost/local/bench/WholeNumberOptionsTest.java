package com.mispost.local.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The harnesses' options: given values over the defaults, and a clear word for anything else. */
class WholeNumberOptionsTest {
    private final ByteArrayOutputStream said = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(said, true, StandardCharsets.UTF_8);
    private static final Map<String, Integer> DEFAULTS = Map.of("--reactions", 5000, "--connections", 8);

    @Test
    void givenValuesReplaceTheDefaultsAndTheRestStay() {
        assertThat(WholeNumberOptions.read(List.of("--connections", "12"), DEFAULTS, 1, "usage: x", err))
                .containsEntry("--connections", 12).containsEntry("--reactions", 5000);
        assertThat(said.size()).isZero();
    }

    @Test
    void belowTheFloorNotANumberUnknownOrMissingIsRefusedWithTheUsage() {
        assertThat(WholeNumberOptions.read(List.of("--reactions", "0"), DEFAULTS, 1, "usage: x", err)).isNull();
        assertThat(WholeNumberOptions.read(List.of("--reactions", "many"), DEFAULTS, 1, "usage: x", err)).isNull();
        assertThat(WholeNumberOptions.read(List.of("--bogus", "1"), DEFAULTS, 1, "usage: x", err)).isNull();
        assertThat(WholeNumberOptions.read(List.of("--connections"), DEFAULTS, 1, "usage: x", err)).isNull();
        assertThat(said.toString(StandardCharsets.UTF_8)).contains("--reactions takes a whole number of at least 1, not 0")
                .contains("not many").contains("unknown argument: --bogus").contains("--connections needs a value")
                .contains("usage: x");
        assertThat(WholeNumberOptions.read(List.of("--reactions", "0"), DEFAULTS, 0, "usage: x", err)).containsEntry("--reactions", 0);
    }
}
