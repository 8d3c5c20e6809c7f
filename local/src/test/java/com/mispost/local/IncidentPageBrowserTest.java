package com.mispost.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.account.Account;
import com.mispost.incident.IncidentState;
import com.mispost.intake.GenericWebhook;
import com.mispost.intake.SignatureVerifier;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;
import com.mispost.store.dynamodb.DynamoDbIncidentStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident page in a real browser on a phone-sized screen (390 × 844, as an iPhone 14):
 * headless Chromium opens the link from the alert, reads the page, taps Acknowledge, fills in the
 * confirmation form and submits it, comes back to the incident, and takes a screenshot
 * (local/target/incident-page-phone.png). Without Chromium the test fails and says how to install it.
 */
class IncidentPageBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AccountKey BRAND = new AccountKey(Platform.X, "4400000000000000777");
    private static final int WIDTH = 390;
    private static final int HEIGHT = 844;
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        HeadlessChromium.executable(); // fail first, and clearly, when there is no browser
        Moto.endpoint();
        runtime = LocalRuntime.start(new LocalRuntime.Options(Moto.template(), 0, Duration.ofSeconds(1), System.err::println));
        new DynamoDbAccountRegistry(runtime.aws().dynamo, runtime.aws().tableName)
                .save(Account.watched(BRAND, "Fernhill Outfitters"));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) runtime.close();
    }

    @Test
    void onAPhoneStaffReadTheIncidentAcknowledgeItThroughTheFormAndSeeItAcknowledged() throws Exception {
        String postId = "9900000000000000777";
        String text = "ugh my boss is such a jerk, this damn job. beers tonight at Rosie's? I need like five #fridayfeeling";
        deliver(Map.of("type", "post", "platform", "x", "account", BRAND.accountId(),
                "post", Map.of("id", postId, "text", text, "client", "Twitter for Android", "author", "lee.social",
                        "url", "https://x.com/i/web/status/" + postId)));
        List<Object> reactions = new ArrayList<>();
        String[] kinds = {"reply", "like", "share", "quote", "like"};
        for (int i = 0; i < 24; i++) {
            reactions.add(Map.of("type", "reaction", "platform", "x", "account", BRAND.accountId(), "reaction",
                    Map.of("id", "r" + i, "kind", kinds[i % kinds.length], "post_id", postId,
                            "at", Instant.now().minus(Duration.ofMinutes(i % 4)).toString())));
        }
        var alert = runtime.inbox().await(n -> n.kind().equals("alert") && n.body().contains("beers tonight"),
                Duration.ofSeconds(20));
        deliver(Map.of("events", reactions));
        runtime.inbox().await(n -> n.kind().equals("drafts-ready") && n.incidentId().equals(alert.incidentId()),
                Duration.ofSeconds(20));
        String pageLink = linkAfter(alert.body(), "Incident page:");

        try (HeadlessChromium chromium = new HeadlessChromium(WIDTH, HEIGHT)) {
            chromium.open(pageLink);
            save(chromium.screenshot(), "incident-page-phone-open.png"); // kept for people to look at, even if a check fails
            assertThat(chromium.eval("document.getElementById('post').textContent").asText()).isEqualTo(text);
            assertThat(chromium.eval("document.getElementById('state').textContent").asText()).isEqualTo("open");
            assertThat(chromium.eval("document.querySelectorAll('.draft').length").asInt()).isEqualTo(3);
            assertThat(chromium.eval("document.querySelectorAll('svg rect').length").asInt()).as("a bar per minute").isGreaterThan(1);
            assertPhoneLayout(chromium);

            chromium.eval("document.getElementById('action-acknowledge').click()");
            chromium.waitFor("!!document.getElementById('confirm')");
            assertPhoneLayout(chromium);
            assertThat(state(alert.incidentId())).as("opening the form changes nothing").isEqualTo(IncidentState.OPEN);
            chromium.eval("document.querySelector('input[name=actor]').value = 'Ana Pereira'; "
                    + "document.getElementById('confirm').click()");
            chromium.waitFor("document.body.textContent.includes('Done: acknowledge')");
            chromium.eval("document.querySelector('a.button').click()");
            chromium.waitFor("!!document.getElementById('state') && document.getElementById('state').textContent === 'acknowledged'");
            assertThat(chromium.eval("!!document.getElementById('action-acknowledge')").asBoolean())
                    .as("acknowledge is no longer offered").isFalse();
            assertPhoneLayout(chromium);

            byte[] png = chromium.screenshot();
            assertThat(save(png, "incident-page-phone.png")).exists();
            assertThat(png.length).as("a real picture, not a blank page").isGreaterThan(30_000);
            ByteBuffer header = ByteBuffer.wrap(png);
            assertThat(header.getLong(0)).as("PNG signature").isEqualTo(0x89504E470D0A1A0AL);
            assertThat(header.getInt(16)).as("width in device pixels").isEqualTo(WIDTH * 2);
            assertThat(header.getInt(20)).as("the whole page, longer than one screen").isGreaterThan(HEIGHT * 2);
        }
        assertThat(state(alert.incidentId())).isEqualTo(IncidentState.ACKNOWLEDGED);
        var ack = runtime.inbox().await(n -> n.kind().equals("acknowledged") && n.incidentId().equals(alert.incidentId()),
                Duration.ofSeconds(10));
        assertThat(ack.body()).contains("acknowledged by Ana Pereira");
    }

    /** Nothing wider than the phone, and every button big enough for a thumb. */
    private static void assertPhoneLayout(HeadlessChromium chromium) {
        assertThat(chromium.eval("document.documentElement.scrollWidth").asInt()).as("no sideways scrolling").isLessThanOrEqualTo(WIDTH);
        assertThat(chromium.eval("[...document.querySelectorAll('button, .button')]"
                + ".filter(b => b.getBoundingClientRect().height < 44).map(b => b.textContent)").toString())
                .as("buttons shorter than 44 px").isEqualTo("[]");
        assertThat(chromium.eval("parseFloat(getComputedStyle(document.body).fontSize)").asDouble()).isGreaterThanOrEqualTo(16);
    }

    private static Path save(byte[] png, String name) throws java.io.IOException {
        Path shot = Path.of("target", name);
        Files.createDirectories(shot.getParent());
        return Files.write(shot, png);
    }

    private static IncidentState state(String incidentId) {
        return new DynamoDbIncidentStore(runtime.aws().dynamo, runtime.aws().tableName).find(incidentId).orElseThrow().state();
    }

    private static void deliver(Object event) throws Exception {
        String body = JSON.writeValueAsString(event);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.apiUrl() + "/webhooks/generic"))
                .header("Content-Type", "application/json")
                .header(GenericWebhook.SIGNATURE_HEADER, SignatureVerifier.signHex(LocalSecrets.value(GenericWebhook.SECRET),
                        body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static String linkAfter(String body, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s*(https?://\\S+)").matcher(body);
        assertThat(m.find()).as("a link after '" + label + "'").isTrue();
        return m.group(1);
    }
}
