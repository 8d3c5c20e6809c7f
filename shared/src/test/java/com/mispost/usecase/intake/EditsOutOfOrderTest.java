package com.mispost.usecase.intake;

import com.mispost.account.Account;
import com.mispost.incident.Incident;
import com.mispost.incident.IncidentIds;
import com.mispost.incident.TimelineEvent;
import com.mispost.inmemory.InMemoryHeartbeats;
import com.mispost.inmemory.InMemoryPostStore;
import com.mispost.intake.SignatureVerifier;
import com.mispost.intake.WebhookRequest;
import com.mispost.intake.WebhookResponse;
import com.mispost.intake.platform.PlatformWebhooks;
import com.mispost.metrics.MetricsRecorder;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeKind;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.post.PostKey;
import com.mispost.usecase.detect.ScreeningOnMemory;
import com.mispost.watch.SilencePolicy;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edits arrive in any order with their posts: what arrived is kept and screened, and no older
 * version ever replaces a newer one. Intake and detect on in-memory ports, the stream played by
 * screening what was stored since the last delivery, in the order it was stored.
 */
class EditsOutOfOrderTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T10:00:00Z"), ZoneOffset.UTC);
    private static final String SECRET = "mastodon-edits-secret";
    private static final AccountKey BRAND = new AccountKey(Platform.MASTODON, "109000000000000010");
    private static final PostKey POST = new PostKey(Platform.MASTODON, BRAND.accountId(), "113000000000000001");
    private static final String PERSONAL = "ugh my boss is such an idiot, getting absolutely wasted tonight lol";
    private static final String BRAND_VOICE = "Our spring menu is here: try the new lemon buns at your local Oakfield.";

    private final ScreeningOnMemory detect = new ScreeningOnMemory(CLOCK);
    private final InMemoryPostStore posts = detect.posts;
    private final WebhookIntake intake = new WebhookIntake(PlatformWebhooks.standard(CLOCK),
            name -> Optional.ofNullable(Map.of("webhook/mastodon", SECRET).get(name)), detect.accounts, posts,
            detect.incidents, new DeliveryWatch(new InMemoryHeartbeats(), MetricsRecorder.NONE, SilencePolicy.of(null, null), CLOCK));
    private int postsScreened;
    private int editsScreened;
    private final Set<PostKey> screenedAsNew = new HashSet<>();

    {
        detect.accounts.save(Account.watched(BRAND, "Oakfield Bakery"));
    }

    @Test
    void anEditBeforeItsPostIsStoredInItsEditedVersionAndScreened() {
        assertThat(deliver(edited("2026-03-04T09:09:58Z", PERSONAL)).body()).startsWith("{\"accepted\":1,");
        assertThat(posts.findPost(POST)).map(Post::text).contains(PERSONAL);
        stream();
        assertThat(screenedAsNew).containsExactly(POST);
        assertThat(detect.incidents.find(IncidentIds.forPost(POST))).isPresent();
        assertThat(detect.sns.published()).extracting(Notice::kind).containsExactly(NoticeKind.ALERT);
    }

    @Test
    void thePostArrivingAfterItsEditChangesNothing() {
        deliver(edited("2026-03-04T09:09:58Z", BRAND_VOICE));
        stream();
        assertThat(deliver(created(PERSONAL)).body()).startsWith("{\"accepted\":0,\"duplicates\":1,");
        assertThat(posts.findPost(POST)).map(Post::text).contains(BRAND_VOICE);
        stream();
        assertThat(postsScreened + editsScreened).as("the original is not screened over the newer text").isEqualTo(1);
    }

    @Test
    void anOlderEditAfterANewerOneChangesNothing() {
        deliver(created(BRAND_VOICE));
        deliver(edited("2026-03-04T09:20:00Z", BRAND_VOICE.replace("lemon", "rye")));
        stream();
        assertThat(deliver(edited("2026-03-04T09:10:00Z", PERSONAL)).body()).startsWith("{\"accepted\":0,\"duplicates\":0,\"ignored\":1,");
        stream();
        assertThat(posts.edits()).extracting(InMemoryPostStore.Edit::editedAt).containsExactly(Instant.parse("2026-03-04T09:20:00Z"));
        assertThat(detect.incidents.find(IncidentIds.forPost(POST))).as("the older, personal text is never screened").isEmpty();
    }

    @Test
    void anOlderEditAfterANewerOneThatArrivedBeforeThePostChangesNothing() {
        deliver(edited("2026-03-04T09:20:00Z", BRAND_VOICE));
        assertThat(deliver(edited("2026-03-04T09:10:00Z", PERSONAL)).body()).contains("\"ignored\":1");
        assertThat(deliver(created(PERSONAL)).body()).contains("\"duplicates\":1");
        assertThat(posts.findPost(POST)).map(Post::text).contains(BRAND_VOICE);
        assertThat(posts.edits()).isEmpty();
    }

    @Test
    void aRedeliveredEditIsADuplicate() {
        deliver(created(BRAND_VOICE));
        String edit = edited("2026-03-04T09:20:00Z", BRAND_VOICE.replace("lemon", "rye"));
        assertThat(deliver(edit).body()).startsWith("{\"accepted\":1,");
        assertThat(deliver(edit).body()).startsWith("{\"accepted\":0,\"duplicates\":1,");
        assertThat(posts.edits()).hasSize(1);
        // Redelivered before its post, too.
        PostKey other = new PostKey(Platform.MASTODON, BRAND.accountId(), "113000000000000009");
        String first = edited("113000000000000009", "2026-03-04T09:30:00Z", BRAND_VOICE);
        assertThat(deliver(first).body()).startsWith("{\"accepted\":1,");
        assertThat(deliver(first).body()).startsWith("{\"accepted\":0,\"duplicates\":1,");
        assertThat(posts.findPost(other)).isPresent();
    }

    @Test
    void anEditOfAPostWithAnOpenIncidentIsNotedOnItAndStaffAreTold() {
        deliver(created(PERSONAL));
        stream();
        Incident incident = detect.incidents.find(IncidentIds.forPost(POST)).orElseThrow();
        deliver(edited("2026-03-04T09:20:00Z", BRAND_VOICE));
        stream();
        assertThat(detect.incidents.timeline(incident.id())).anySatisfy(e -> {
            assertThat(e.event()).isEqualTo(TimelineEvent.POST_EDITED);
            assertThat(e.at()).isEqualTo(Instant.parse("2026-03-04T09:20:00Z"));
        });
        assertThat(detect.sns.published()).extracting(Notice::kind).containsExactly(NoticeKind.ALERT, NoticeKind.POST_EDITED);
        assertThat(posts.findPost(POST)).as("the post as it first went out is the evidence").map(Post::text).contains(PERSONAL);
    }

    @Test
    void anEditOnAnAccountNobodyWatchesStoresNothing() {
        String body = edited("2026-03-04T09:09:58Z", PERSONAL).replace(BRAND.accountId(), "109000000000000099");
        assertThat(deliver(body).body()).startsWith("{\"accepted\":0,\"duplicates\":0,\"ignored\":1,");
        assertThat(posts.stored()).isEmpty();
    }

    /** Plays detect's stream: new posts are screened as posts, recorded edits as edits, each once, in order. */
    private void stream() {
        for (Post post : posts.stored()) {
            if (screenedAsNew.add(post.key())) {
                detect.screener.screen(post);
                postsScreened++;
            }
        }
        var edits = posts.edits();
        for (int i = editsScreened; i < edits.size(); i++) {
            detect.screener.screenEdit(edits.get(i).post(), edits.get(i).editedAt());
        }
        editsScreened = edits.size();
    }

    private WebhookResponse deliver(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        WebhookResponse r = intake.handle(new WebhookRequest("POST", "mastodon", Map.of(), Map.of("Content-Type", "application/json",
                "X-Hub-Signature", SignatureVerifier.signHex(SECRET, body)), body));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static String created(String text) {
        return status("status.created", POST.postId(), null, text);
    }

    private static String edited(String editedAt, String text) {
        return edited(POST.postId(), editedAt, text);
    }

    private static String edited(String id, String editedAt, String text) {
        return status("status.updated", id, editedAt, text);
    }

    private static String status(String event, String id, String editedAt, String text) {
        return """
                {"event":"%s","created_at":"%s","object":{"id":"%s","created_at":"2026-03-04T09:00:00.000Z",%s
                 "content":"<p>%s</p>","account":{"id":"%s","username":"oakfield"}}}"""
                .formatted(event, editedAt == null ? "2026-03-04T09:00:00.000Z" : editedAt, id,
                        editedAt == null ? "" : "\"edited_at\":\"" + editedAt + "\",", text, BRAND.accountId());
    }
}
