package com.mispost.usecase.detect;

import com.mispost.account.Account;
import com.mispost.incident.Incident;
import com.mispost.incident.TimelineEvent;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeKind;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Screening on in-memory ports: one incident and one alert per mispost, learning from the brand's own posts. */
class PostScreenerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T22:14:05Z"), ZoneOffset.UTC);
    private static final AccountKey BRAND = new AccountKey(Platform.X, "42");

    private final ScreeningOnMemory detect = new ScreeningOnMemory(CLOCK);

    {
        detect.accounts.save(Account.watched(BRAND, "Larkspur Coffee"));
    }

    private Post stored(String id, String text) {
        Post post = new Post(Platform.X, BRAND.accountId(), id, "dana.social", text, CLOCK.instant(), "Twitter for iPhone",
                null, null, List.of(), "en", null);
        detect.posts.savePost(post, "{}");
        return post;
    }

    @Test
    void aMispostOpensOneIncidentWithOneAlertHoweverOftenItIsScreened() {
        Post post = stored("7", "ugh my boss is such an idiot, getting absolutely wasted tonight lol");
        Optional<Incident> first = detect.screener.screen(post);
        assertThat(first).isPresent();
        assertThat(detect.screener.screen(post)).map(Incident::id).isEqualTo(first.map(Incident::id));
        assertThat(detect.sns.published()).extracting(n -> n.kind()).containsExactly(NoticeKind.ALERT);
        assertThat(detect.posts.assessment(post.key())).isPresent();
    }

    @Test
    void theBrandsOwnVoiceIsLearnedAndNotFlagged() {
        Post post = stored("8", "Our winter menu is here: try the new maple oat latte at your local Larkspur.");
        assertThat(detect.screener.screen(post)).isEmpty();
        assertThat(detect.accounts.voice(BRAND).posts()).isEqualTo(1);
        assertThat(detect.sns.published()).isEmpty();
    }

    @Test
    void anAlertSnsRefusesStaysInTheOutbox() {
        detect.sns.refuse(true);
        Post post = stored("9", "ugh my boss is such an idiot, getting absolutely wasted tonight lol");
        assertThat(detect.screener.screen(post)).isPresent();
        assertThat(detect.incidents.pendingNotices()).extracting(n -> n.kind()).containsExactly(NoticeKind.ALERT);
    }

    @Test
    void anEditOfAFlaggedPostGoesOnItsIncidentAndTellsStaffWithoutASecondIncident() {
        Post post = stored("10", "ugh my boss is such an idiot, getting absolutely wasted tonight lol");
        Incident incident = detect.screener.screen(post).orElseThrow();
        Instant editedAt = CLOCK.instant().plusSeconds(30);
        Post edited = new Post(Platform.X, BRAND.accountId(), "10", "dana.social", "Sorry, wrong account!", editedAt,
                "Twitter for iPhone", null, null, List.of(), "en", null);

        assertThat(detect.screener.screenEdit(edited, editedAt)).map(Incident::id).contains(incident.id());

        assertThat(detect.incidents.timeline(incident.id())).filteredOn(e -> e.event() == TimelineEvent.POST_EDITED)
                .singleElement().satisfies(e -> {
                    assertThat(e.at()).isEqualTo(editedAt);
                    assertThat(e.detail()).contains("the edited text scores");
                });
        assertThat(detect.sns.published()).extracting(Notice::kind).containsExactly(NoticeKind.ALERT, NoticeKind.POST_EDITED);
        assertThat(detect.incidents.active()).hasSize(1);
    }

    @Test
    void anEditIntoAMispostOpensAnIncidentAndABenignEditTeachesNothing() {
        Post post = stored("11", "Our winter menu is here: try the new maple oat latte at your local Larkspur.");
        assertThat(detect.screener.screen(post)).isEmpty();
        Instant editedAt = CLOCK.instant().plusSeconds(60);
        Post benign = new Post(Platform.X, BRAND.accountId(), "11", null,
                "Our winter menu is here: try the new maple oat latte at every Larkspur.", editedAt, null, null, null, List.of(), "en", null);
        assertThat(detect.screener.screenEdit(benign, editedAt)).isEmpty();
        assertThat(detect.accounts.voice(BRAND).posts()).as("edits do not teach the voice").isEqualTo(1);

        Post personal = new Post(Platform.X, BRAND.accountId(), "11", null,
                "ugh my boss is such an idiot, getting absolutely wasted tonight lol", editedAt.plusSeconds(1), null, null, null,
                List.of(), "en", null);
        Incident opened = detect.screener.screenEdit(personal, editedAt.plusSeconds(1)).orElseThrow();
        assertThat(detect.incidents.timeline(opened.id())).first().satisfies(e -> assertThat(e.detail()).startsWith("after an edit"));
        assertThat(detect.sns.published()).extracting(Notice::kind).containsExactly(NoticeKind.ALERT);
    }
}
