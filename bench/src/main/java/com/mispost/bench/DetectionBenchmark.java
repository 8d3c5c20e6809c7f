package com.mispost.bench;

import com.mispost.account.Account;
import com.mispost.detection.Assessment;
import com.mispost.detection.DeploymentPrior;
import com.mispost.detection.MispostDetector;
import com.mispost.detection.PublicVoice;
import com.mispost.detection.VoiceProfile;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Scoring speed of the detection engine on one thread: one {@code assess} per operation, over a
 * mix of brand replies and personal posts (some disguised profanity, hashtags, emoji), against
 * an account whose voice profile has learned a few hundred posts. With {@code replies=256} its
 * public's voice is a full sample, so the learned contrast runs on every post; with
 * {@code replies=0} it is left out, which shows what the contrast costs. The deployment's sample of
 * its accounts' own posts stands behind the account's side of the contrast, as in the detect
 * function. Target: 20,000 posts/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class DetectionBenchmark {

    private static final String[] BRAND = {
            "@user Sorry to hear your parcel is late. Could you DM us your order number so we can look into this? ^JS",
            "@user Thanks for reaching out, Sam! We'd be happy to help. Please send us a DM with your account email. ^KL",
            "@user We're sorry for the inconvenience. Our team is looking into the outage now; we'll update you here. ^JS",
            "@user Hi Priya, we understand. Please reach us here: https://example.com/help and we'll sort this out. ^MB",
            "@user Glad to help! Let us know if there's anything else we can do for you. ^KL",
            "@user Apologies for the delay. Your refund has been processed and should show within 5 days. ^JS",
            "New this week: order ahead in the app and skip the queue. Find your nearest store at https://example.com/stores"};
    private static final String[] PERSONAL = {
            "omg my boss just cancelled my day off, guess I'm stuck in traffic all weekend lol",
            "can't wait for the game tonight with my brother, beers on me 🍺🍺",
            "this f*cking printer hates me #MondayMotivation #NotToday",
            "@user @user haha sooo true, see you at 8!!",
            "Honestly the worst customer service ever, still waiting for a refund after three weeks. Never again.",
            "I HATE mornings. coffee first, people later 😩",
            "Voting for the candidate who actually cares about climate, finally #Election"};

    private static final String[] REPLIES = {
            "@acmehelp my parcel still hasn't arrived and nobody answers the phone",
            "@acmehelp been waiting 3 weeks for a refund, ridiculous",
            "@acmehelp lol the app crashed again right when I was paying",
            "@acmehelp thanks, got it sorted!",
            "@acmehelp my card was charged twice?? I need my money back",
            "@acmehelp the driver left my parcel in the rain, great",
            "@acmehelp I just want to talk to a real person",
            "@acmehelp my kids are so excited for their presents, hope they arrive"};

    @Param({"256", "0"})
    public int replies;

    private MispostDetector detector;
    private PublicVoice people;
    private DeploymentPrior deployment;
    private Account account;
    private VoiceProfile voice;
    private List<Post> posts;
    private int next;

    @Setup
    public void setUp() {
        detector = new MispostDetector();
        account = Account.watched(new AccountKey(Platform.X, "acmehelp"), "Acme Help");
        VoiceProfile learned = VoiceProfile.empty();
        for (int i = 0; i < 300; i++) learned = learned.learn(post(i, BRAND[i % BRAND.length] + " " + i));
        voice = VoiceProfile.decode(learned.encode());
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < replies; i++) sample.add(REPLIES[i % REPLIES.length] + " #" + i);
        people = PublicVoice.of(sample);
        List<String> deployment = new ArrayList<>();
        for (int i = 0; i < PublicVoice.SAMPLE_SIZE; i++) deployment.add(BRAND[i % BRAND.length] + " " + i);
        this.deployment = DeploymentPrior.empty().withOwnPosts(PublicVoice.of(deployment));
        posts = new ArrayList<>();
        for (int i = 0; i < BRAND.length; i++) {
            posts.add(post(1000 + i, BRAND[i]));
            posts.add(post(2000 + i, PERSONAL[i]));
        }
    }

    private static Post post(int id, String text) {
        return new Post(Platform.X, "acmehelp", "p" + id, null, text, Instant.parse("2026-03-02T14:00:00Z"),
                "Hootsuite", null, null, List.of(), null, null);
    }

    @Benchmark
    public Assessment assess() {
        Post post = posts.get(next);
        next = next + 1 == posts.size() ? 0 : next + 1;
        return detector.assess(post, account, voice, people, deployment);
    }
}
