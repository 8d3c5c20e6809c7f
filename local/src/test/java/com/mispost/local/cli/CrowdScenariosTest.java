package com.mispost.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.account.Account;
import com.mispost.crowd.Backlash;
import com.mispost.crowd.CrowdReading;
import com.mispost.detection.Assessment;
import com.mispost.detection.MispostDetector;
import com.mispost.detection.VoiceProfile;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.post.PostKey;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionKind;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the detector and the crowd say of the demo's scenarios, without a runtime: the post scored
 * against the voice its brand posts teach, and the scenario's replies read as detect reads them.
 * The demo prints the same crowd reading from the replies it stored ({@code ./mispost demo <scenario>}).
 */
class CrowdScenariosTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCENARIOS = Path.of("..", "events", "scenarios");
    private static final Instant AT = Instant.parse("2026-11-20T18:00:00Z");

    @Test
    void theDemosMispostAlertsFromItsWordsAndItsRepliesTurnToo() throws Exception {
        Verdicts v = measure("larkspur-coffee.json");
        assertThat(v.detectorAlerts).as("the detector flags the Friday-night post").isTrue();
        assertThat(v.crowd.alerts()).as("the demo's replies ask whether it went to the wrong account").isTrue();
    }

    @Test
    void anInnocentLookingPostThatDrawsBacklashPassesTheDetectorAndTurnsTheCrowd() throws Exception {
        Verdicts v = measure("bramblewood-backlash.json");
        assertThat(v.detectorAlerts).as("the sale post reads like the brand").isFalse();
        assertThat(v.crowd.alerts()).isTrue();
        assertThat(v.crowd.turned()).extracting(Reaction::text).noneMatch(t -> t.contains("blue camp stove"));
    }

    private record Verdicts(boolean detectorAlerts, Backlash crowd) {
    }

    private static Verdicts measure(String file) throws Exception {
        JsonNode s = JSON.readTree(SCENARIOS.resolve(file).toFile());
        Account account = null;
        for (JsonNode a : s.path("accounts")) {
            if (a.path("platform").asText().equals("x")) account = Demo.account(a);
        }
        assertThat(account).as("an X account in " + file).isNotNull();
        MispostDetector detector = new MispostDetector();
        VoiceProfile voice = VoiceProfile.empty();
        for (JsonNode p : s.path("brandPosts")) {
            Post own = post(account, p);
            voice = voice.learn(own, detector.assess(own, account, voice).score());
        }
        Post post = post(account, s.path("mispost"));
        Assessment words = detector.assess(post, account, voice);
        boolean alerts = words.alerts(voice.alertThreshold(account.policy().alertThreshold()));
        List<Reaction> newestFirst = new ArrayList<>();
        List<String> texts = Demo.replyTexts(s);
        for (int i = texts.size() - 1; i >= 0; i--) {
            newestFirst.add(new Reaction(post.key(), ReactionKind.REPLY, "r" + i, AT.plusSeconds(i), texts.get(i)));
        }
        Backlash crowd = CrowdReading.read(newestFirst.subList(0, Math.min(CrowdReading.NEWEST, newestFirst.size())), java.time.Duration.ofMinutes(10));
        System.out.printf(Locale.ROOT, "%s: detector %.2f %s (%s); crowd: %d of %d replies turned, %d voices: %s%n",
                file, words.score(), words.severity().id(), alerts ? "alerts" : "passes", crowd.turned().size(), crowd.read(),
                crowd.voices(), crowd.alerts() ? "backlash, " + crowd.severity().id() : "no backlash");
        return new Verdicts(alerts, crowd);
    }

    private static Post post(Account account, JsonNode p) {
        PostKey key = new PostKey(Platform.X, account.key().accountId(), p.path("id").asText());
        return new Post(key.platform(), key.accountId(), key.postId(), p.path("author").asText(null), p.path("text").asText(),
                AT, p.path("client").asText(null), null, null, List.of(), "en", null);
    }
}
