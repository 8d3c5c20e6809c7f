package com.mispost.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrainCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return TrainCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String[] files() throws Exception {
        StringBuilder history = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            history.append("{\"id\":\"h").append(i).append("\",\"platform\":\"x\",\"account\":\"AcmeHelp\",\"created_at\":null,")
                    .append("\"text\":\"@user Sorry for the trouble, please DM us your order number and we'll sort it. ^JS\"}\n");
        }
        StringBuilder replies = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            replies.append("{\"id\":\"r").append(i).append("\",\"platform\":\"x\",\"account\":\"AcmeHelp\",\"created_at\":null,")
                    .append("\"text\":\"@AcmeHelp ugh my parcel is late again, honestly fed up ").append(i).append("\"}\n");
        }
        Path h = Files.writeString(dir.resolve("h.jsonl"), history);
        Path r = Files.writeString(dir.resolve("r.jsonl"), replies);
        return new String[]{"--history", h.toString(), "--replies", r.toString()};
    }

    @Test
    void printsWhatEachAccountLearnedAndThatNothingShips() throws Exception {
        assertThat(run(files())).isZero();

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("x/AcmeHelp: 30 own posts, 40 replies, threshold 0.50 (from 10 held-out scores)")
                .contains("Nothing learned ships in the artifact");
        assertThat(printed).containsPattern("words of its own voice: +.*sorry");
        assertThat(printed).containsPattern("words nearer the public's: +.*(ugh|fed|late)");
    }

    @Test
    void jsonSaysTheSame() throws Exception {
        String[] args = files();
        assertThat(run(args[0], args[1], args[2], args[3], "--json")).isZero();

        JsonNode printed = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(printed.get("ships").asText()).isEqualTo("nothing");
        assertThat(printed.get("accounts").get(0).get("replies").asInt()).isEqualTo(40);
    }

    @Test
    void explainsItsUsageAndAnUnknownAccount() throws Exception {
        assertThat(run("--history")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: mispost train");
        String[] args = files();
        assertThat(run(args[0], args[1], args[2], args[3], "--account", "Nobody")).isEqualTo(1);
    }
}
