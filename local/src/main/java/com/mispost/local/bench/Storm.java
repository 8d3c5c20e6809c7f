package com.mispost.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.account.Account;
import com.mispost.incident.IncidentIds;
import com.mispost.intake.SignatureVerifier;
import com.mispost.intake.platform.XWebhook;
import com.mispost.local.LocalRuntime;
import com.mispost.local.LocalSecrets;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.PostKey;
import com.mispost.post.ReactionCounts;
import com.mispost.post.ReactionKind;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;
import com.mispost.store.dynamodb.DynamoDbPostStore;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mispost goes viral: once it has been flagged, thousands of likes and replies arrive over
 * several connections at once, each its own signed delivery in X's Account Activity format, some
 * delivered twice (as platforms redeliver). Reports deliveries per second, answer times, 5xx
 * answers, and whether the counts the table then holds are exact: every reaction once, none lost.
 *
 * <p>Each connection is its own HTTP client (one keep-alive connection each, as a platform's
 * sender holds one); each function may run as many environments as there are connections, as
 * Lambda scales out. A harness, not a test:
 * {@code ./mispost bench storm [--reactions 5000] [--connections 8] [--replies-every 5] [--redeliver-every 10]}.
 */
public final class Storm {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AccountKey BRAND = new AccountKey(Platform.X, "4400000000000000777");
    private static final String POST_ID = "1870000000000000001";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int ATTEMPTS = 3;

    private Storm() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Map<String, Integer> o = WholeNumberOptions.read(args, Map.of("--reactions", 5000, "--connections", 8,
                "--replies-every", 5, "--redeliver-every", 10, "--retry-batch-every", 5), 0, "usage: bench storm [--reactions N (5000)] "
                + "[--connections N (8)] [--replies-every N (5)] [--redeliver-every N (10)] [--retry-batch-every N (5; 0: never)]", err);
        if (o == null) return 2;
        int reactions = o.get("--reactions");
        int connections = o.get("--connections");
        if (reactions < 1 || connections < 1 || o.get("--replies-every") < 1 || o.get("--redeliver-every") < 1) {
            err.println("--reactions, --connections, --replies-every and --redeliver-every take a whole number of at least 1");
            return 2;
        }
        out.printf(Locale.ROOT, "storm: %d reactions (every %dth a reply with words, every %dth delivered twice) to one "
                        + "flagged post, over %d connections, on the local runtime (%d environments per function); every %dth "
                        + "stream batch delivered again whole%n",
                reactions, o.get("--replies-every"), o.get("--redeliver-every"), connections, connections, o.get("--retry-batch-every"));
        LocalRuntime.Options options = new LocalRuntime.Options(Path.of("template.yaml"), 0, null,
                line -> err.println("[runtime] " + line)).withConcurrency(connections)
                // DynamoDB keeps stream records for 24 hours; the local moto keeps its newest 10,000 unless told, which
                // a storm outruns while detect is still counting on this 2-core machine: keep them all here.
                .withEnvironment(Map.of("MISPOST_MOTO_STREAM_RECORDS", Integer.toString(Math.max(10_000, reactions * 10))));
        try (LocalRuntime runtime = LocalRuntime.start(options)) {
            // As Lambda does when a batch's answer is lost after its writes: counting must add nothing twice.
            runtime.retryWholeStreamBatchesEvery(o.get("--retry-batch-every"));
            return storm(runtime, reactions, connections, o.get("--replies-every"), o.get("--redeliver-every"), out);
        } catch (Exception e) {
            err.println("storm failed: " + e.getMessage());
            return 1;
        }
    }

    private static int storm(LocalRuntime runtime, int reactions, int connections, int repliesEvery, int redeliverEvery,
                             PrintStream out) throws Exception {
        new DynamoDbAccountRegistry(runtime.aws().dynamo, runtime.aws().tableName).save(Account.watched(BRAND, "Storm Outfitters"));
        HttpClient first = client();
        Map<String, Object> mispost = Map.of("for_user_id", BRAND.accountId(), "tweet_create_events", List.of(tweet(POST_ID,
                "ugh my boss kept me late again, this damn job. beers tonight?? who's in", BRAND.accountId(), null, 0)));
        expect200(send(first, runtime, mispost));
        String incident = IncidentIds.forPost(new PostKey(Platform.X, BRAND.accountId(), POST_ID));
        runtime.inbox().await(r -> r.kind().equals("alert") && r.incidentId().equals(incident), WAIT);
        out.println("  the post is flagged (alert received); warming " + connections + " environments of intake");
        warm(runtime, connections);

        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<Long> answers = new ConcurrentLinkedQueue<>();
        AtomicInteger fiveXx = new AtomicInteger();
        AtomicInteger otherFailures = new AtomicInteger();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(connections);
        long started = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            Thread t = new Thread(() -> {
                HttpClient http = client();
                try {
                    for (int i; (i = next.getAndIncrement()) < reactions; ) {
                        Map<String, Object> delivery = reaction(BRAND, POST_ID, i, repliesEvery);
                        int times = i % redeliverEvery == 0 ? 2 : 1;
                        for (int k = 0; k < times; k++) {
                            for (int attempt = 1; ; attempt++) {
                                long sent = System.nanoTime();
                                HttpResponse<String> r = send(http, runtime, delivery);
                                answers.add(System.nanoTime() - sent);
                                if (r.statusCode() == 200) break;
                                if (r.statusCode() >= 500) fiveXx.incrementAndGet();
                                else otherFailures.incrementAndGet();
                                if (problems.size() < 5) problems.add(r.statusCode() + " " + r.body());
                                if (r.statusCode() < 500 || attempt == ATTEMPTS) break;
                            }
                        }
                    }
                } catch (Exception e) {
                    problems.add(e.toString());
                    otherFailures.incrementAndGet();
                } finally {
                    done.countDown();
                }
            }, "storm-" + c);
            t.start();
        }
        done.await();
        double seconds = (System.nanoTime() - started) / 1e9;
        double[] ms = answers.stream().mapToDouble(n -> n / 1e6).sorted().toArray();
        long replies = (reactions + repliesEvery - 1) / repliesEvery;
        long likes = reactions - replies;
        long answered = System.nanoTime();
        long[] complete = new long[1];
        String verdict = verdict(runtime, likes, replies, complete);
        double countedAfter = (complete[0] - answered) / 1e9;
        out.printf(Locale.ROOT, "  %d deliveries (%d redelivered) in %.1f s; answers p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                ms.length, (reactions + redeliverEvery - 1) / redeliverEvery, seconds,
                Percentile.of(ms, 50), Percentile.of(ms, 90), Percentile.of(ms, 99), ms[ms.length - 1]);
        out.printf(Locale.ROOT, "  expected %d likes and %d replies; intake environments %d; moto RSS %d MB%n",
                likes, replies, runtime.function("IntakeFunction").environments(), runtime.motoResidentKb() / 1024);
        out.printf(Locale.ROOT, "  counts (from the stream) complete %.1f s after the last answer%n", countedAfter);
        problems.forEach(p -> out.println("  problem: " + p));
        out.printf(Locale.ROOT, "storm: %d reactions over %d connections, %.0f deliveries/s, p50 %.0f ms, p99 %.0f ms, %d 5xx%s, %s%n",
                reactions, connections, ms.length / seconds, Percentile.of(ms, 50), Percentile.of(ms, 99), fiveXx.get(),
                otherFailures.get() == 0 ? "" : ", " + otherFailures.get() + " other failures", verdict);
        return fiveXx.get() == 0 && otherFailures.get() == 0 && verdict.equals("counts exact") ? 0 : 1;
    }

    /**
     * The counts as staff would read them, against what was sent, once they have stopped changing:
     * every answer is in, and the counts follow from the table's stream within seconds (too many is
     * wrong at once; too few is wrong if they stay so for {@link #WAIT}).
     */
    private static String verdict(LocalRuntime runtime, long likes, long replies, long[] completeAt) throws InterruptedException {
        DynamoDbPostStore store = new DynamoDbPostStore(runtime.aws().dynamo, runtime.aws().tableName, Clock.systemUTC());
        PostKey post = new PostKey(Platform.X, BRAND.accountId(), POST_ID);
        long deadline = System.nanoTime() + WAIT.toNanos();
        ReactionCounts counts = store.reactionCounts(post);
        while (counts.total() < likes + replies && System.nanoTime() < deadline) {
            Thread.sleep(100);
            counts = store.reactionCounts(post);
        }
        completeAt[0] = System.nanoTime();
        Thread.sleep(2000); // anything still to come (a batch delivered again) would show as too many
        counts = store.reactionCounts(post);
        List<String> wrong = new ArrayList<>();
        if (counts.of(ReactionKind.LIKE) != likes) wrong.add("likes " + counts.of(ReactionKind.LIKE) + " (sent " + likes + ")");
        if (counts.of(ReactionKind.REPLY) != replies) wrong.add("replies " + counts.of(ReactionKind.REPLY) + " (sent " + replies + ")");
        if (counts.total() != likes + replies) wrong.add("total " + counts.total() + " (sent " + (likes + replies) + ")");
        long perMinute = counts.perMinute().values().stream().mapToLong(Long::longValue).sum();
        if (perMinute != likes + replies) wrong.add("minutes sum to " + perMinute);
        return wrong.isEmpty() ? "counts exact" : "counts WRONG: " + String.join(", ", wrong);
    }

    /** X's CRC check from every connection at once, so that each environment has started before the storm. */
    private static void warm(LocalRuntime runtime, int connections) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread t = new Thread(() -> {
                HttpClient http = client();
                for (int i = 0; i < 3; i++) {
                    try {
                        http.send(HttpRequest.newBuilder(URI.create(runtime.apiUrl() + "/webhooks/x?crc_token=warm" + i)).GET().build(),
                                HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        return; // the storm itself reports what fails
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) t.join();
    }

    /**
     * Reaction {@code i} to a brand's post: a like, or every {@code repliesEvery}th a reply with
     * words; one per delivery, as X sends them.
     */
    static Map<String, Object> reaction(AccountKey brand, String postId, long i, int repliesEvery) {
        Instant at = Instant.now();
        String person = Long.toString(8_200_000_000L + i);
        if (i % repliesEvery == 0) {
            Map<String, Object> reply = tweet(Long.toString(1_880_000_000_000_000_000L + i),
                    "@brand is this the right account? " + i, person, postId, at.toEpochMilli());
            reply.put("in_reply_to_user_id_str", brand.accountId());
            return Map.of("for_user_id", brand.accountId(), "tweet_create_events", List.of(reply));
        }
        Map<String, Object> favorited = tweet(postId, "ugh my boss kept me late again, this damn job. beers tonight?? who's in",
                brand.accountId(), null, at.toEpochMilli() - 600_000);
        Map<String, Object> like = Map.of("id", "fav-" + postId + "-" + i, "created_at", "Mon Dec 07 21:00:00 +0000 2026",
                "timestamp_ms", Long.toString(at.toEpochMilli()), "favorited_status", favorited, "user", user(person));
        return Map.of("for_user_id", brand.accountId(), "favorite_events", List.of(like));
    }

    /**
     * A post as X's Account Activity API sends it: the whole v1.1 status object with its author's
     * user object, which is what makes a real delivery several KB (and its raw body several write units).
     */
    static Map<String, Object> tweet(String id, String text, String author, String replyTo, long atMillis) {
        Map<String, Object> t = new HashMap<>();
        t.put("created_at", "Mon Dec 07 20:50:00 +0000 2026");
        t.put("id", Long.parseLong(id));
        t.put("id_str", id);
        t.put("text", text);
        t.put("source", "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>");
        t.put("truncated", false);
        t.put("in_reply_to_status_id", replyTo == null ? null : Long.parseLong(replyTo));
        t.put("in_reply_to_status_id_str", replyTo);
        t.put("in_reply_to_user_id", null);
        t.put("in_reply_to_user_id_str", null);
        t.put("in_reply_to_screen_name", null);
        t.put("user", user(author));
        t.put("geo", null);
        t.put("coordinates", null);
        t.put("place", null);
        t.put("contributors", null);
        t.put("is_quote_status", false);
        t.put("quote_count", 0);
        t.put("reply_count", 0);
        t.put("retweet_count", 0);
        t.put("favorite_count", 0);
        t.put("entities", Map.of("hashtags", List.of(), "urls", List.of(), "user_mentions", List.of(), "symbols", List.of()));
        t.put("favorited", false);
        t.put("retweeted", false);
        t.put("filter_level", "low");
        t.put("lang", "en");
        t.put("timestamp_ms", Long.toString(atMillis == 0 ? System.currentTimeMillis() : atMillis));
        return t;
    }

    /** A v1.1 user object with the fields X documents for it, values made up. */
    private static Map<String, Object> user(String id) {
        Map<String, Object> u = new HashMap<>();
        u.put("id", Long.parseLong(id));
        u.put("id_str", id);
        u.put("name", "Someone " + id.substring(id.length() - 4));
        u.put("screen_name", "user" + id);
        u.put("location", "Somewhere, Earth");
        u.put("url", "https://example.com/" + id);
        u.put("description", "Coffee first. Opinions my own. Likes long walks and short queues.");
        u.put("translator_type", "none");
        u.put("protected", false);
        u.put("verified", false);
        u.put("followers_count", 1234);
        u.put("friends_count", 567);
        u.put("listed_count", 8);
        u.put("favourites_count", 9012);
        u.put("statuses_count", 3456);
        u.put("created_at", "Wed Mar 04 10:00:00 +0000 2015");
        u.put("utc_offset", null);
        u.put("time_zone", null);
        u.put("geo_enabled", false);
        u.put("lang", null);
        u.put("contributors_enabled", false);
        u.put("is_translator", false);
        u.put("profile_background_color", "F5F8FA");
        u.put("profile_background_image_url", "");
        u.put("profile_background_image_url_https", "");
        u.put("profile_background_tile", false);
        u.put("profile_link_color", "1DA1F2");
        u.put("profile_sidebar_border_color", "C0DEED");
        u.put("profile_sidebar_fill_color", "DDEEF6");
        u.put("profile_text_color", "333333");
        u.put("profile_use_background_image", true);
        u.put("profile_image_url", "http://pbs.twimg.com/profile_images/" + id + "/avatar_normal.jpg");
        u.put("profile_image_url_https", "https://pbs.twimg.com/profile_images/" + id + "/avatar_normal.jpg");
        u.put("profile_banner_url", "https://pbs.twimg.com/profile_banners/" + id + "/1600000000");
        u.put("default_profile", true);
        u.put("default_profile_image", false);
        u.put("following", null);
        u.put("follow_request_sent", null);
        u.put("notifications", null);
        return u;
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A delivery in X's format, signed as X signs it. */
    static HttpResponse<String> send(HttpClient http, LocalRuntime runtime, Map<String, Object> delivery) throws Exception {
        byte[] body = JSON.writeValueAsBytes(delivery);
        String signature = "sha256=" + Base64.getEncoder().encodeToString(
                SignatureVerifier.hmacSha256(LocalSecrets.value(XWebhook.SECRET), body));
        return http.send(HttpRequest.newBuilder(URI.create(runtime.apiUrl() + "/webhooks/x"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(XWebhook.SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect200(HttpResponse<String> r) {
        if (r.statusCode() != 200) throw new IllegalStateException("intake answered " + r.statusCode() + ": " + r.body());
    }
}
