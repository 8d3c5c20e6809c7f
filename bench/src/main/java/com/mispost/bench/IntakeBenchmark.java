package com.mispost.bench;

import com.mispost.intake.MalformedDeliveryException;
import com.mispost.intake.ParsedDelivery;
import com.mispost.intake.SignatureVerifier;
import com.mispost.intake.PlatformWebhook;
import com.mispost.intake.WebhookRequest;
import com.mispost.intake.WebhookResponse;
import com.mispost.intake.platform.LinkedInWebhook;
import com.mispost.intake.platform.MastodonWebhook;
import com.mispost.intake.platform.MetaWebhook;
import com.mispost.intake.platform.PlatformWebhooks;
import com.mispost.intake.platform.XWebhook;
import com.mispost.post.Platform;
import com.mispost.secrets.SecretSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The intake path without the network: check the signature, parse the body and normalise it to
 * events, for one realistic delivery per dialect; and X's CRC answer. Throughput (ops/µs) and
 * sample time (µs/op, with percentiles: p99 is the figure to watch) in one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class IntakeBenchmark {
    private static final Map<String, String> SECRETS = Map.of(
            XWebhook.SECRET, "bench-x-secret", MetaWebhook.SECRET, "bench-meta-secret",
            MetaWebhook.VERIFY_TOKEN_SECRET, "bench-verify", LinkedInWebhook.SECRET, "bench-linkedin-secret",
            MastodonWebhook.SECRET, "bench-mastodon-secret");
    private static final SecretSource SECRET_SOURCE = name -> Optional.ofNullable(SECRETS.get(name));

    /** An own long tweet, a reply, a quote and a retweet by others: a typical Account Activity batch. */
    static final String X_BODY = "{\"for_user_id\":\"700100200300400500\",\"tweet_create_events\":["
            + "{\"created_at\":\"Tue Mar 03 21:15:07 +0000 2026\",\"id_str\":\"1900000000000000001\",\"text\":\"Big news from the team: our spring menu lands on Friday &amp; we could not be prouder of\\u2026\","
            + "\"source\":\"<a href=\\\"https://hootsuite.com\\\" rel=\\\"nofollow\\\">Hootsuite Inc.</a>\",\"truncated\":true,"
            + "\"user\":{\"id_str\":\"700100200300400500\",\"screen_name\":\"OakfieldBakery\"},"
            + "\"extended_tweet\":{\"full_text\":\"Big news from the team: our spring menu lands on Friday & we could not be prouder of the rhubarb tart, the lemon buns and the new sourdough. Come early, bring friends, and tell us which one wins. #SpringMenu\","
            + "\"extended_entities\":{\"media\":[{\"type\":\"photo\"}]}},\"lang\":\"en\",\"timestamp_ms\":\"1772572507000\"},"
            + "{\"created_at\":\"Tue Mar 03 21:20:00 +0000 2026\",\"id_str\":\"1900000000000000010\",\"text\":\"@OakfieldBakery that tart better be real\","
            + "\"in_reply_to_status_id_str\":\"1900000000000000001\",\"in_reply_to_user_id_str\":\"700100200300400500\","
            + "\"user\":{\"id_str\":\"811111111111111111\",\"screen_name\":\"crumbfan\"},\"lang\":\"en\",\"timestamp_ms\":\"1772572800000\"},"
            + "{\"created_at\":\"Tue Mar 03 21:21:00 +0000 2026\",\"id_str\":\"1900000000000000011\",\"text\":\"did a bakery just post this??\","
            + "\"quoted_status_id_str\":\"1900000000000000001\",\"quoted_status\":{\"id_str\":\"1900000000000000001\",\"user\":{\"id_str\":\"700100200300400500\"}},"
            + "\"user\":{\"id_str\":\"822222222222222222\"},\"timestamp_ms\":\"1772572860000\"},"
            + "{\"created_at\":\"Tue Mar 03 21:22:00 +0000 2026\",\"id_str\":\"1900000000000000012\",\"text\":\"RT @OakfieldBakery: Big news\","
            + "\"retweeted_status\":{\"id_str\":\"1900000000000000001\",\"user\":{\"id_str\":\"700100200300400500\"}},"
            + "\"user\":{\"id_str\":\"833333333333333333\"},\"timestamp_ms\":\"1772572920000\"}]}";

    /** The page's own status and a comment and a reaction by others. */
    static final String META_BODY = "{\"object\":\"page\",\"entry\":[{\"id\":\"222333444555\",\"time\":1772600000,\"changes\":["
            + "{\"field\":\"feed\",\"value\":{\"from\":{\"id\":\"222333444555\",\"name\":\"Oakfield Bakery\"},\"item\":\"status\",\"verb\":\"add\",\"post_id\":\"222333444555_900001\",\"published\":1,\"created_time\":1772599990,\"message\":\"Spring menu day! Doors open at 8.\"}},"
            + "{\"field\":\"feed\",\"value\":{\"from\":{\"id\":\"777000111\",\"name\":\"Dana\"},\"item\":\"comment\",\"verb\":\"add\",\"post_id\":\"222333444555_900001\",\"comment_id\":\"900001_55501\",\"created_time\":1772600005,\"message\":\"See you there!\"}},"
            + "{\"field\":\"feed\",\"value\":{\"from\":{\"id\":\"777000222\",\"name\":\"Lee\"},\"item\":\"reaction\",\"reaction_type\":\"love\",\"verb\":\"add\",\"post_id\":\"222333444555_900001\",\"created_time\":1772600007}}]}]}";

    static final String MASTODON_BODY = "{\"event\":\"status.created\",\"created_at\":\"2026-03-04T09:00:01.120Z\",\"object\":{"
            + "\"id\":\"113000000000000001\",\"created_at\":\"2026-03-04T09:00:00.950Z\",\"in_reply_to_id\":null,\"in_reply_to_account_id\":null,"
            + "\"spoiler_text\":\"\",\"visibility\":\"public\",\"language\":\"en\",\"url\":\"https://bakers.example/@oakfield/113000000000000001\",\"edited_at\":null,"
            + "\"content\":\"<p>Spring menu day &amp; the ovens are hot!<br />Lemon buns at 8:30.</p><p>Details: <a href=\\\"https://oakfield.example/spring\\\" rel=\\\"nofollow noopener noreferrer\\\"><span class=\\\"invisible\\\">https://</span><span class=\\\"\\\">oakfield.example/spring</span><span class=\\\"invisible\\\"></span></a></p>\","
            + "\"reblog\":null,\"application\":{\"name\":\"Buffer\",\"website\":\"https://buffer.com\"},"
            + "\"account\":{\"id\":\"109000000000000010\",\"username\":\"oakfield\",\"acct\":\"oakfield\"},"
            + "\"media_attachments\":[{\"id\":\"1\",\"type\":\"image\"}],\"mentions\":[],\"tags\":[],\"emojis\":[],\"card\":null,\"poll\":null}}";

    static final String LINKEDIN_BODY = "{\"notifications\":[{\"lastModifiedAt\":1772601000000,"
            + "\"decoratedSourcePost\":{\"owner\":\"urn:li:organization:4242\",\"text\":\"Our spring menu is here.\",\"entity\":\"urn:li:share:7300000000000000001\"},"
            + "\"sourcePost\":\"urn:li:activity:7300000000000000002\",\"decoratedGeneratedActivity\":{\"comment\":{\"owner\":\"urn:li:person:XyZ987\","
            + "\"text\":\"Congratulations!\",\"entity\":\"urn:li:comment:(urn:li:activity:7300000000000000002,7300000000000000003)\"}},"
            + "\"action\":\"COMMENT\",\"notificationId\":9100000001,\"organizationalEntity\":\"urn:li:organization:4242\"}]}";

    private PlatformWebhooks webhooks;
    private PlatformWebhook x;
    private PlatformWebhook meta;
    private PlatformWebhook mastodon;
    private PlatformWebhook linkedIn;
    private WebhookRequest xPost;
    private WebhookRequest metaPost;
    private WebhookRequest mastodonPost;
    private WebhookRequest linkedInPost;
    private WebhookRequest xCrc;

    @Setup
    public void setUp() throws MalformedDeliveryException {
        webhooks = PlatformWebhooks.standard();
        x = webhooks.forPlatform(Platform.X).orElseThrow();
        meta = webhooks.forPlatform(Platform.META).orElseThrow();
        mastodon = webhooks.forPlatform(Platform.MASTODON).orElseThrow();
        linkedIn = webhooks.forPlatform(Platform.LINKEDIN).orElseThrow();
        byte[] xBody = X_BODY.getBytes(StandardCharsets.UTF_8);
        byte[] metaBody = META_BODY.getBytes(StandardCharsets.UTF_8);
        byte[] mastodonBody = MASTODON_BODY.getBytes(StandardCharsets.UTF_8);
        byte[] linkedInBody = LINKEDIN_BODY.getBytes(StandardCharsets.UTF_8);
        xPost = post("x", XWebhook.SIGNATURE_HEADER, "sha256=" + Base64.getEncoder().encodeToString(
                SignatureVerifier.hmacSha256(SECRETS.get(XWebhook.SECRET), xBody)), xBody);
        metaPost = post("meta", MetaWebhook.SIGNATURE_HEADER,
                SignatureVerifier.signHex(SECRETS.get(MetaWebhook.SECRET), metaBody), metaBody);
        mastodonPost = post("mastodon", MastodonWebhook.SIGNATURE_HEADER,
                SignatureVerifier.signHex(SECRETS.get(MastodonWebhook.SECRET), mastodonBody), mastodonBody);
        linkedInPost = post("linkedin", LinkedInWebhook.SIGNATURE_HEADER,
                HexFormat.of().formatHex(LinkedInWebhook.sign(SECRETS.get(LinkedInWebhook.SECRET), linkedInBody)), linkedInBody);
        xCrc = new WebhookRequest("GET", "x", Map.of("crc_token", "bench-challenge-token"), Map.of(), null);
        // A benchmark of a path that silently refuses its input would measure nothing.
        check(x, xPost, 4);
        check(meta, metaPost, 3);
        check(mastodon, mastodonPost, 1);
        check(linkedIn, linkedInPost, 1);
    }

    private static WebhookRequest post(String platform, String header, String signature, byte[] body) {
        return new WebhookRequest("POST", platform, Map.of(), Map.of(header, signature, "content-type", "application/json"), body);
    }

    private static void check(PlatformWebhook dialect, WebhookRequest request, int events) throws MalformedDeliveryException {
        if (!dialect.verify(request, SECRET_SOURCE)) throw new IllegalStateException(dialect.platform() + ": signature refused");
        int got = dialect.parse(request.body()).events().size();
        if (got != events) throw new IllegalStateException(dialect.platform() + ": " + got + " events, expected " + events);
    }

    private static ParsedDelivery intake(PlatformWebhooks webhooks, WebhookRequest request) throws MalformedDeliveryException {
        PlatformWebhook dialect = webhooks.forId(request.platform()).orElseThrow();
        if (!dialect.verify(request, SECRET_SOURCE)) throw new IllegalStateException("signature refused");
        return dialect.parse(request.body());
    }

    @Benchmark
    public ParsedDelivery xAccountActivityBatch() throws MalformedDeliveryException {
        return intake(webhooks, xPost);
    }

    @Benchmark
    public ParsedDelivery metaPageFeedBatch() throws MalformedDeliveryException {
        return intake(webhooks, metaPost);
    }

    @Benchmark
    public ParsedDelivery mastodonStatusCreated() throws MalformedDeliveryException {
        return intake(webhooks, mastodonPost);
    }

    @Benchmark
    public ParsedDelivery linkedInComment() throws MalformedDeliveryException {
        return intake(webhooks, linkedInPost);
    }

    @Benchmark
    public WebhookResponse xCrcAnswer() {
        return x.handshake(xCrc, SECRET_SOURCE);
    }
}
