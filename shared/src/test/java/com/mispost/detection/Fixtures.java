package com.mispost.detection;

import com.mispost.account.Account;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;

import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;

/** Posts written for these tests, modelled on how a brand's care team and people write. */
final class Fixtures {

    static final Account ACCOUNT = Account.watched(new AccountKey(Platform.X, "acmehelp"), "Acme Help");

    static final List<String> BRAND_HISTORY = List.of(
            "@user Sorry to hear your parcel is late. Could you DM us your order number so we can look into this? ^JS",
            "@user Thanks for reaching out, Sam! We'd be happy to help. Please send us a DM with your account email. ^KL",
            "@user We're sorry for the inconvenience. Our team is looking into the outage now; we'll update you here. ^JS",
            "@user Hi Priya, we understand. Please reach us here: https://example.com/help and we'll sort this out. ^MB",
            "@user Glad to help! Let us know if there's anything else we can do for you. ^KL",
            "@user We'd like to look into this for you. Can you confirm the email on your account via DM? ^AT",
            "@user Thanks for the feedback, Jo. We've passed this on to our product team. ^MB",
            "@user Apologies for the delay. Your refund has been processed and should show within 5 days. ^JS",
            "@user Hi there! You can change your delivery address in the app under Orders. Let us know how it goes. ^AT",
            "@user We're here to help. Please DM us the details and we'll check what happened with your order. ^KL",
            "@user Sorry about that, Chris! Please try clearing the app cache and let us know if it helps. ^MB",
            "@user Thanks for your patience. We've escalated this to our delivery team and will follow up by DM. ^AT");

    static Post post(String text) {
        return post(text, null, null);
    }

    static Post post(String text, String client, String author) {
        return new Post(Platform.X, "acmehelp", Integer.toHexString(text.hashCode()), author, text,
                Instant.parse("2026-03-02T14:00:00Z"), client, null, null, List.of(), null, null);
    }

    static VoiceProfile brandVoice() {
        VoiceProfile voice = VoiceProfile.empty();
        for (String text : BRAND_HISTORY) voice = voice.learn(post(text));
        return voice;
    }

    /** The voice after learning {@code posts} more posts, the i-th worded {@code text.apply(i)}. */
    static VoiceProfile learned(VoiceProfile from, int posts, IntFunction<String> text) {
        VoiceProfile voice = from;
        for (int i = 0; i < posts; i++) voice = voice.learn(post(text.apply(i)));
        return voice;
    }

    private Fixtures() {
    }
}
