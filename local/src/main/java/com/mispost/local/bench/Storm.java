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
                "--replies-every", 5, "--redeliver-every", 10), 1, "usage: bench storm [--reactions N (5000)] [--connections N (8)] "
                + "[--replies-every N (5)] [--redeliver-every N (10)]", err);
        if (o == null) return 2;
        int reactions = o.get("--reactions");
        int connections = o.get("--connections");
        out.printf(Locale.ROOT, "storm: %d reactions (every %dth a reply with words, every %dth delivered twice) to one "
                        + "flagged post, over %d connections, on the local runtime (%d environments per function)%n",
                reactions, o.get("--replies-every"), o.get("--redeliver-every"), connections, connections);
        LocalRuntime.Options options = new LocalRuntime.Options(Path.of("template.yaml"), 0, null,
                line -> err.println("[runtime] " + line)).withConcurrency(connections);
        try (LocalRuntime runtime = LocalRuntime.start(options)) {
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
        String verdict = verdict(runtime, likes, replies);
        out.printf(Locale.ROOT, "  %d deliveries (%d redelivered) in %.1f s; answers p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                ms.length, (reactions + redeliverEvery - 1) / redeliverEvery, seconds,
                Percentile.of(ms, 50), Percentile.of(ms, 90), Percentile.of(ms, 99), ms[ms.length - 1]);
        out.printf(Locale.ROOT, "  expected %d likes and %d replies; intake environments %d; moto RSS %d MB%n",
                likes, replies, runtime.function("IntakeFunction").environments(), runtime.motoResidentKb() / 1024);
        problems.forEach(p -> out.println("  problem: " + p));
        out.printf(Locale.ROOT, "storm: %d reactions over %d connections, %.0f deliveries/s, p50 %.0f ms, p99 %.0f ms, %d 5xx%s, %s%n",
                reactions, connections, ms.length / seconds, Percentile.of(ms, 50), Percentile.of(ms, 99), fiveXx.get(),
                otherFailures.get() == 0 ? "" : ", " + otherFailures.get() + " other failures", verdict);
        return fiveXx.get() == 0 && otherFailures.get() == 0 && verdict.equals("counts exact") ? 0 : 1;
    }

    /** The counts as staff would read them, against what was sent; every answer was in before this is asked. */
    private static String verdict(LocalRuntime runtime, long likes, long replies) {
        ReactionCounts counts = new DynamoDbPostStore(runtime.aws().dynamo, runtime.aws().tableName, Clock.systemUTC())
                .reactionCounts(new PostKey(Platform.X, BRAND.accountId(), POST_ID));
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
        Map<String, Object> like = Map.of("id", "fav-" + postId + "-" + i, "timestamp_ms", Long.toString(at.toEpochMilli()),
                "favorited_status", Map.of("id_str", postId, "user", Map.of("id_str", brand.accountId())),
                "user", Map.of("id_str", person, "screen_name", "fan" + i));
        return Map.of("for_user_id", brand.accountId(), "favorite_events", List.of(like));
    }

    private static Map<String, Object> tweet(String id, String text, String author, String replyTo, long atMillis) {
        Map<String, Object> t = new HashMap<>(Map.of("id_str", id, "text", text,
                "timestamp_ms", Long.toString(atMillis == 0 ? System.currentTimeMillis() : atMillis),
                "user", Map.of("id_str", author, "screen_name", "user" + author)));
        if (replyTo != null) t.put("in_reply_to_status_id_str", replyTo);
        return t;
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
