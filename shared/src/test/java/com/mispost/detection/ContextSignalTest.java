package com.mispost.detection;

import com.mispost.account.Account;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ContextSignalTest {

    private final MispostDetector detector = new MispostDetector();

    @Test
    void aClientTheAccountNeverUsesIsAReason() {
        VoiceProfile voice = VoiceProfile.empty();
        for (String text : Fixtures.BRAND_HISTORY) voice = voice.learn(Fixtures.post(text, "Hootsuite", null));

        Assessment usual = detector.assess(Fixtures.post("@user Thanks, Sam! ^JS", "Hootsuite", null), Fixtures.ACCOUNT, voice);
        Assessment unusual = detector.assess(Fixtures.post("@user Thanks, Sam! ^JS", "Twitter for iPhone", null), Fixtures.ACCOUNT, voice);

        assertThat(usual.reasons()).extracting(Reason::signal).doesNotContain("context.unusual-client");
        assertThat(unusual.reasons()).extracting(Reason::signal).contains("context.unusual-client");
        assertThat(unusual.score()).isGreaterThan(usual.score());
    }

    @Test
    void anAuthorNotOnTheTeamIsAReason() {
        Account account = new Account(Fixtures.ACCOUNT.key(), "Acme Help", null, null, null, null,
                Set.of("care-seat-1", "care-seat-2"), null);

        Assessment team = detector.assess(Fixtures.post("@user Thanks, Sam! ^JS", null, "care-seat-1"), account, Fixtures.brandVoice());
        Assessment stranger = detector.assess(Fixtures.post("@user Thanks, Sam! ^JS", null, "dave.personal"), account, Fixtures.brandVoice());

        assertThat(team.reasons()).extracting(Reason::signal).doesNotContain("context.unknown-author");
        assertThat(stranger.reasons()).extracting(Reason::signal).contains("context.unknown-author");
    }

    @Test
    void aMediaOnlyPostFromAPhoneIsAReason() {
        Post photo = new Post(Platform.X, "acmehelp", "p1", null, "", Instant.parse("2026-03-02T14:00:00Z"),
                "Twitter for Android", null, null, List.of("photo"), null, null);

        Assessment a = detector.assess(photo, Fixtures.ACCOUNT, Fixtures.brandVoice());

        assertThat(a.reasons()).extracting(Reason::signal).contains("context.mobile-media-only");
    }

    @Test
    void anHourTheAccountNeverPostsAtOutsideBusinessHoursIsAReason() {
        VoiceProfile voice = VoiceProfile.empty();
        for (int i = 0; i < 60; i++) {
            voice = voice.learn(new Post(Platform.X, "acmehelp", "h" + i, null, Fixtures.BRAND_HISTORY.get(i % 12),
                    Instant.parse("2026-03-02T10:00:00Z").plusSeconds(3600L * (i % 8)), null, null, null, null, null, null));
        }
        Post night = new Post(Platform.X, "acmehelp", "n", null, "@user Thanks, Sam! ^JS",
                Instant.parse("2026-03-03T02:30:00Z"), null, null, null, null, null, null);
        Post day = new Post(Platform.X, "acmehelp", "d", null, "@user Thanks, Sam! ^JS",
                Instant.parse("2026-03-03T11:30:00Z"), null, null, null, null, null, null);

        assertThat(detector.assess(night, Fixtures.ACCOUNT, voice).reasons()).extracting(Reason::signal).contains("context.off-hours");
        assertThat(detector.assess(day, Fixtures.ACCOUNT, voice).reasons()).extracting(Reason::signal).doesNotContain("context.off-hours");
    }
}
