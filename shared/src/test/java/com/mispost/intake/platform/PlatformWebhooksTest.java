package com.mispost.intake.platform;

import com.mispost.intake.GenericWebhook;
import com.mispost.intake.PlatformWebhook;
import com.mispost.post.Platform;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformWebhooksTest {
    private final PlatformWebhooks webhooks = PlatformWebhooks.standard();

    @Test
    void everyPlatformHasItsDialect() {
        for (Platform p : Platform.values()) {
            assertThat(webhooks.forPlatform(p)).get().extracting(PlatformWebhook::platform).isEqualTo(p);
        }
        assertThat(webhooks.forId("x")).get().isInstanceOf(XWebhook.class);
        assertThat(webhooks.forId("meta")).get().isInstanceOf(MetaWebhook.class);
        assertThat(webhooks.forId("linkedin")).get().isInstanceOf(LinkedInWebhook.class);
        assertThat(webhooks.forId("mastodon")).get().isInstanceOf(MastodonWebhook.class);
        assertThat(webhooks.forId("generic")).get().isInstanceOf(GenericWebhook.class);
    }

    @Test
    void unknownPathSegmentsHaveNone() {
        assertThat(webhooks.forId("myspace")).isEmpty();
        assertThat(webhooks.forId(null)).isEmpty();
    }

    @Test
    void twoDialectsForOnePlatformAreRefused() {
        assertThatThrownBy(() -> new PlatformWebhooks(List.of(new XWebhook(), new XWebhook())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x");
    }
}
