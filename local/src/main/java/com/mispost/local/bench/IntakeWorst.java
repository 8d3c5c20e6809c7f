package com.mispost.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.account.Account;
import com.mispost.intake.GenericWebhook;
import com.mispost.intake.SignatureVerifier;
import com.mispost.local.LocalRuntime;
import com.mispost.local.LocalSecrets;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;
import com.mispost.usecase.intake.WebhookIntake;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The worst deliveries intake promises to take (1 MB, 5,000 events), shaped to cost the most
 * round trips: every event on an account nobody watches, likes for posts we do not store, replies
 * with words, posts spread over many watched accounts, deletions of posts we do not store. Each is
 * sent signed through the local HTTP API to intake under AWS's runtime client (its 15 s timeout
 * enforced), then sent again byte for byte, as a platform retries, each once moto is quiet. Prints
 * each answer and its time, and what accounts nobody watches left in the table.
 *
 * <p>A harness, not a test: {@code ./mispost bench intake-worst [--events N (5000)] [--accounts N (1000)]}.
 */
public final class IntakeWorst {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WATCHED = "5100000000";
    private static final String UNWATCHED = "7700000000";
    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
    /** Tries of one delivery while it is answered 5xx: platforms retry a few times (Meta and X for hours, with backoff). */
    private static final int ATTEMPTS = 5;

    private IntakeWorst() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Map<String, Integer> o = WholeNumberOptions.read(args, Map.of("--events", WebhookIntake.MAX_EVENTS, "--accounts", 1000), 1,
                "usage: bench intake-worst [--events N (5000)] [--accounts N (1000)]", err);
        if (o == null) return 2;
        LocalRuntime.Options options = new LocalRuntime.Options(Path.of("template.yaml"), 0, null,
                line -> {
                    // Only what went wrong: a timed-out or failed invocation.
                    if (line.contains("failed") || line.contains("Timedout")) err.println("[runtime] " + line);
                });
        try (LocalRuntime runtime = LocalRuntime.start(options)) {
            return bench(runtime, o.get("--events"), o.get("--accounts"), out);
        } catch (Exception e) {
            err.println("intake-worst failed: " + e);
            return 1;
        }
    }

    private static int bench(LocalRuntime runtime, int events, int accounts, PrintStream out) throws Exception {
        DynamoDbAccountRegistry registry = new DynamoDbAccountRegistry(runtime.aws().dynamo, runtime.aws().tableName);
        AccountKey brand = watched(0);
        for (int a = 0; a < accounts; a++) registry.save(Account.watched(watched(a), "Watched " + a));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        // The posts the replies answer, stored first (and the environment warmed by it).
        int repliedPosts = 100;
        Answer seeded = send(http, runtime, delivery(repliedPosts, i -> post(brand, "replied-" + i)));
        out.printf(Locale.ROOT, "intake-worst: %d watched accounts; %d posts stored for the replies (%s); load average %s%n",
                accounts, repliedPosts, seeded, loadAverage());

        Map<String, byte[]> shapes = new LinkedHashMap<>();
        shapes.put(events + " posts, each on its own account nobody watches",
                delivery(events, i -> post(new AccountKey(Platform.X, UNWATCHED + i), "u-" + i)));
        shapes.put(events + " likes, each to its own post we do not store",
                delivery(events, i -> like(brand, "unknown-" + i, "like-" + i)));
        shapes.put(events + " deletions of posts we do not store",
                delivery(events, i -> Map.of("type", "delete", "platform", "x", "account", brand.accountId(),
                        "post_id", "gone-" + i, "at", AT.toString())));
        shapes.put(events + " replies with words to " + repliedPosts + " stored posts, over " + (events / 60 + 1) + " minutes",
                delivery(events, i -> reply(brand, "replied-" + (i % repliedPosts), "r" + i, i)));
        shapes.put(events + " posts over " + accounts + " watched accounts",
                delivery(events, i -> post(watched(i % accounts), "spread-" + i)));
        boolean allStored = true;
        for (Map.Entry<String, byte[]> shape : shapes.entrySet()) {
            byte[] body = shape.getValue();
            if (body.length > WebhookIntake.MAX_BODY_BYTES) throw new IllegalStateException(shape.getKey() + " is over 1 MB");
            // As a platform does: the same bytes again after a 5xx, a few times; then once more after a 200.
            List<Answer> tries = new ArrayList<>();
            do {
                settle(runtime);
                tries.add(send(http, runtime, body));
            } while (tries.get(tries.size() - 1).status >= 500 && tries.size() < ATTEMPTS);
            settle(runtime);
            Answer again = send(http, runtime, body);
            out.printf(Locale.ROOT, "  %s (%d KB): %s; then again: %s; delivery body kept: %s%n", shape.getKey(),
                    body.length / 1024, tries.stream().map(Answer::toString).collect(java.util.stream.Collectors.joining(", then ")),
                    again, deliveryKept(runtime, body));
            allStored &= tries.get(tries.size() - 1).status == 200 && again.status == 200;
        }
        out.printf(Locale.ROOT, "intake-worst: load average at the end %s%n", loadAverage());
        long strangers = itemsOf(runtime, UNWATCHED);
        out.printf(Locale.ROOT, "intake-worst: items left by accounts nobody watches: %d%n", strangers);
        return allStored && strangers == 0 ? 0 : 1;
    }

    /**
     * Waits (up to two minutes) until moto is quiet: the stream's consumers screening what the last
     * delivery stored share moto's one Python process with intake, which DynamoDB's own capacity
     * would not. A platform's retry comes seconds to minutes later, too.
     */
    private static void settle(LocalRuntime runtime) throws InterruptedException {
        long moto = runtime.processIds().get(0);
        long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < until) {
            long before = IdleCost.cpuTicks(moto);
            Thread.sleep(1000);
            if (IdleCost.cpuTicks(moto) - before < 10) return; // under a tenth of a core
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static AccountKey watched(int a) {
        return new AccountKey(Platform.X, WATCHED + a);
    }

    private static byte[] delivery(int events, IntFunction<Map<String, Object>> event) throws Exception {
        List<Map<String, Object>> list = new ArrayList<>(events);
        for (int i = 0; i < events; i++) list.add(event.apply(i));
        return JSON.writeValueAsBytes(Map.of("events", list));
    }

    private static Map<String, Object> post(AccountKey account, String id) {
        return Map.of("type", "post", "platform", "x", "account", account.accountId(),
                "post", Map.of("id", id, "text", "Our spring menu is here: " + id, "created_at", AT.toString()));
    }

    private static Map<String, Object> like(AccountKey account, String postId, String id) {
        return Map.of("type", "reaction", "platform", "x", "account", account.accountId(),
                "reaction", Map.of("id", id, "kind", "like", "post_id", postId, "at", AT.toString()));
    }

    private static Map<String, Object> reply(AccountKey account, String postId, String id, int i) {
        return Map.of("type", "reaction", "platform", "x", "account", account.accountId(),
                "reaction", Map.of("id", id, "kind", "reply", "post_id", postId, "at", AT.plusSeconds(i).toString(),
                        "text", "wrong account? " + i, "author", "a" + i));
    }

    private record Answer(int status, long millis, String summary) {
        @Override
        public String toString() {
            return status + " in " + millis + " ms" + (summary.isEmpty() ? "" : " " + summary);
        }
    }

    private static Answer send(HttpClient http, LocalRuntime runtime, byte[] body) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(runtime.apiUrl() + "/webhooks/generic"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header(GenericWebhook.SIGNATURE_HEADER, SignatureVerifier.signHex(LocalSecrets.value(GenericWebhook.SECRET), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        String summary = "";
        if (r.statusCode() == 200) {
            JsonNode a = JSON.readTree(r.body());
            summary = "(accepted " + a.path("accepted").asInt() + ", duplicates " + a.path("duplicates").asInt()
                    + ", ignored " + a.path("ignored").asInt() + ")";
        }
        return new Answer(r.statusCode(), millis, summary);
    }

    private static String deliveryKept(LocalRuntime runtime, byte[] body) throws Exception {
        String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        try {
            Map<String, AttributeValue> item = runtime.aws().dynamo.getItem(g -> g.tableName(runtime.aws().tableName)
                    .key(Map.of("PK", AttributeValue.fromS("DELIVERY#" + id), "SK", AttributeValue.fromS("CHUNK#000")))).item();
            return item != null && !item.isEmpty() ? "yes" : "no";
        } catch (RuntimeException busy) {
            return "unknown (" + busy.getClass().getSimpleName() + ")";
        }
    }

    /** Items whose key names an account id starting with {@code prefix}. */
    private static long itemsOf(LocalRuntime runtime, String prefix) {
        ScanRequest scan = ScanRequest.builder().tableName(runtime.aws().tableName)
                .filterExpression("contains(PK, :p)").expressionAttributeValues(Map.of(":p", AttributeValue.fromS(prefix))).build();
        long n = 0;
        for (var page : runtime.aws().dynamo.scanPaginator(scan)) n += page.count();
        return n;
    }
}
