package com.mispost.usecase.detect;

import com.mispost.account.Account;
import com.mispost.crowd.CrowdReading;
import com.mispost.time.SettableClock;
import com.mispost.detection.Severity;
import com.mispost.incident.Incident;
import com.mispost.incident.IncidentIds;
import com.mispost.incident.TimelineEvent;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeKind;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crowd as a second detector, on in-memory ports: a post whose words pass draws replies that
 * turn against it, and staff get one alert with the replies as evidence.
 */
class CrowdScreeningTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-21T15:02:00Z"));
    private static final AccountKey BRAND = new AccountKey(Platform.X, "42");
    /** An innocent-looking post: the brand's voice, the brand's client, business hours. */
    private static final String INNOCENT = "Our new winter blend is here: dark chocolate, orange peel and a little spice. "
            + "Find it in every store from Monday.";
    private static final List<String> HOSTILE = List.of(
            "@brand wrong account?? pretty sure that was meant for your personal",
            "who approved this",
            "um... delete this before it spreads",
            "were you hacked or is this real",
            "yikes. screenshotted, the internet is forever",
            "this is so unprofessional, unfollowing");

    private final ScreeningOnMemory detect = new ScreeningOnMemory(clock);
    private int replies;

    {
        detect.accounts.save(Account.watched(BRAND, "Larkspur Coffee"));
    }

    private Post posted(String id, String text) {
        Post post = new Post(Platform.X, BRAND.accountId(), id, "team.larkspur", text, clock.instant(), null,
                null, null, List.of(), "en", null);
        detect.posts.savePost(post, "{}");
        return post;
    }

    /** A reply from a relay that does not say who wrote it. */
    private void reply(Post post, String text) {
        reply(post, text, null);
    }

    private void reply(Post post, String text, String author) {
        replies++;
        detect.posts.recordReaction(new Reaction(post.key(), ReactionKind.REPLY, "r" + replies, clock.instant().plusSeconds(replies),
                text, author));
    }

    @Test
    void anInnocentPostThatDrawsBacklashOpensOneIncidentWithTheRepliesAsEvidence() {
        Post post = posted("100", INNOCENT);
        assertThat(detect.screener.screen(post)).as("the detector lets the post through").isEmpty();
        reply(post, "looks delicious!");
        HOSTILE.forEach(text -> reply(post, text));

        Optional<Incident> opened = detect.screener.screenCrowd(post.key());

        assertThat(opened).isPresent();
        assertThat(opened.get().assessment().severity()).isEqualTo(Severity.MEDIUM);
        assertThat(opened.get().assessment().reasons().get(0).signal()).isEqualTo("crowd.backlash");
        assertThat(opened.get().assessment().reasons().get(0).explanation()).startsWith("6 of the 7 newest replies");
        assertThat(detect.sns.published()).extracting(Notice::kind).containsExactly(NoticeKind.ALERT);
        Notice alert = detect.sns.published().get(0);
        assertThat(alert.subject()).contains("Replies turned against a post on Larkspur Coffee");
        assertThat(alert.body()).contains("drew replies that turned against it", INNOCENT);
        long quoted = HOSTILE.stream().filter(h -> alert.body().contains("\"" + h + "\"")).count();
        assertThat(quoted).as("replies quoted in the alert").isEqualTo(3);
        assertThat(alert.body()).doesNotContain("looks delicious");
        // The incident page lists every reason: all six hostile replies are there, under how they turn.
        assertThat(opened.get().assessment().reasons().stream().flatMap(r -> r.evidence().stream())
                .map(e -> e.excerpt()).distinct()).hasSize(6);
        assertThat(detect.incidents.timeline(opened.get().id())).singleElement()
                .satisfies(e -> {
                    assertThat(e.event()).isEqualTo(TimelineEvent.OPENED);
                    assertThat(e.actor()).isEqualTo("crowd");
                });
    }

    @Test
    void aCrowdThatTurnedFastIsHighAndSaysHowFast() {
        Post post = posted("107", INNOCENT);
        HOSTILE.forEach(text -> reply(post, text));
        for (int i = 0; i < 20; i++) {
            detect.posts.recordReaction(new Reaction(post.key(), ReactionKind.LIKE, "like" + i, clock.instant()));
        }
        Incident incident = detect.screener.screenCrowd(post.key()).orElseThrow();
        assertThat(incident.assessment().severity()).isEqualTo(Severity.HIGH);
        assertThat(incident.assessment().reasons()).extracting(r -> r.signal()).contains("crowd.pace");
    }

    @Test
    void moreRepliesToAPostWithAnIncidentSendNoSecondAlert() {
        Post post = posted("101", INNOCENT);
        HOSTILE.forEach(text -> reply(post, text));
        assertThat(detect.screener.screenCrowd(post.key())).isPresent();
        reply(post, "delete this now, who approved it");
        assertThat(detect.screener.screenCrowd(post.key())).isEmpty();
        assertThat(detect.sns.published()).hasSize(1);
    }

    @Test
    void aMispostTheDetectorAlertedOnGetsNoSecondAlertFromItsReplies() {
        Post post = posted("102", "ugh my boss is such an idiot, getting absolutely wasted tonight lol");
        assertThat(detect.screener.screen(post)).isPresent();
        HOSTILE.forEach(text -> reply(post, text));
        assertThat(detect.screener.screenCrowd(post.key())).isEmpty();
        assertThat(detect.sns.published()).extracting(Notice::kind).containsExactly(NoticeKind.ALERT);
        assertThat(detect.incidents.find(IncidentIds.forPost(post.key())).orElseThrow().assessment().reasons())
                .noneMatch(r -> r.signal().startsWith("crowd."));
    }

    @Test
    void oneTrollRepeatingThemselvesIsOneVoice() {
        Post post = posted("103", INNOCENT);
        for (int i = 0; i < 8; i++) reply(post, "DELETE THIS!!! who approved this garbage");
        assertThat(detect.screener.screenCrowd(post.key())).isEmpty();
        assertThat(detect.sns.published()).isEmpty();
    }

    @Test
    void onePersonWritingDifferentHostileRepliesOnAQuietPostIsOneVoice() {
        Post post = posted("108", INNOCENT);
        HOSTILE.forEach(text -> reply(post, text, "8100000001"));
        assertThat(detect.screener.screenCrowd(post.key())).isEmpty();
        assertThat(detect.sns.published()).isEmpty();
    }

    @Test
    void fourPeopleTurningAgainstAPostAreABacklash() {
        Post post = posted("109", INNOCENT);
        for (int i = 0; i < 4; i++) reply(post, HOSTILE.get(i), "810000000" + i);
        reply(post, "and another thing: delete this", "8100000000");
        Incident incident = detect.screener.screenCrowd(post.key()).orElseThrow();
        assertThat(incident.assessment().reasons().get(0).explanation()).startsWith("5 of the 5 newest replies (4 of 4 voices)");
        assertThat(detect.sns.published()).extracting(Notice::kind).containsExactly(NoticeKind.ALERT);
    }

    @Test
    void friendlyRepliesDoNotAlert() {
        Post post = posted("104", INNOCENT);
        for (String text : List.of("looks delicious!", "can't wait to try it lol", "omg yes, the orange one is my favourite",
                "finally! see you Monday", "is it also in decaf?", "great job on the packaging, nice one",
                "oh no my wallet lol", "I can't believe it's back", "screenshot saved so I remember to order it",
                "need this right now")) {
            reply(post, text);
        }
        assertThat(detect.screener.screenCrowd(post.key())).isEmpty();
        assertThat(detect.sns.published()).isEmpty();
    }

    @Test
    void aFewHostileRepliesAmongManyFriendlyOnesDoNotAlert() {
        Post post = posted("105", INNOCENT);
        for (int i = 0; i < 20; i++) reply(post, "looks delicious! table for " + i + " please");
        HOSTILE.subList(0, 4).forEach(text -> reply(post, text));
        assertThat(detect.screener.screenCrowd(post.key())).isEmpty();
    }

    @Test
    void anAccountRaisesABoundedNumberOfCrowdAlertsAnHourAndTheRestAreGrouped() {
        List<Post> driven = new java.util.ArrayList<>();
        for (int p = 0; p < 6; p++) {
            Post post = posted("20" + p, INNOCENT);
            driven.add(post);
            for (int i = 0; i < 4; i++) reply(post, HOSTILE.get(i), "troll" + i);
        }
        List<Optional<Incident>> opened = new java.util.ArrayList<>();
        for (Post post : driven) {
            clock.advance(java.time.Duration.ofMinutes(1));
            opened.add(detect.screener.screenCrowd(post.key()));
        }
        assertThat(opened.stream().filter(Optional::isPresent)).hasSize(CrowdReading.ALERTS_PER_WINDOW);
        assertThat(detect.sns.published()).hasSize(CrowdReading.ALERTS_PER_WINDOW);
        Incident latest = opened.get(CrowdReading.ALERTS_PER_WINDOW - 1).orElseThrow();
        reply(driven.get(5), "who approved this, seriously", "troll9");
        assertThat(detect.screener.screenCrowd(driven.get(5).key())).as("screened again").isEmpty();
        assertThat(detect.incidents.timeline(latest.id())).filteredOn(e -> e.event() == TimelineEvent.CROWD_GROUPED)
                .extracting(e -> e.detail().substring(0, e.detail().indexOf(' ', 5)))
                .containsExactly("post 203", "post 204", "post 205");
        assertThat(detect.sns.published()).hasSize(CrowdReading.ALERTS_PER_WINDOW);

        clock.advance(CrowdReading.ALERT_WINDOW.plusMinutes(1));
        assertThat(detect.screener.screenCrowd(driven.get(3).key())).as("the next hour").isPresent();
    }

    @Test
    void aCrowdTurningOnAnOldPostIsNoIncidentInProgress() {
        Post old = new Post(Platform.X, BRAND.accountId(), "300", "team.larkspur", INNOCENT,
                clock.instant().minus(java.time.Duration.ofDays(730)), null, null, null, List.of(), "en", null);
        detect.posts.savePost(old, "{}");
        for (int i = 0; i < 12; i++) reply(old, "were you hacked?? who approved this " + i, "p" + i);
        assertThat(detect.screener.screenCrowd(old.key())).isEmpty();
        assertThat(detect.sns.published()).isEmpty();
    }

    @Test
    void repliesToAPostWeDoNotStoreOrAnAccountWeDoNotWatchAreLeftAlone() {
        Post post = posted("106", INNOCENT);
        HOSTILE.forEach(text -> reply(post, text));
        detect.accounts.remove(BRAND);
        assertThat(detect.screener.screenCrowd(post.key())).isEmpty();
        assertThat(detect.sns.published()).isEmpty();
    }
}
