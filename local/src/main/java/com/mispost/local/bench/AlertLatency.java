package com.mispost.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.account.Account;
import com.mispost.incident.IncidentIds;
import com.mispost.intake.GenericWebhook;
import com.mispost.intake.SignatureVerifier;
import com.mispost.local.LocalRuntime;
import com.mispost.local.LocalSecrets;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.PostKey;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long a mispost takes to reach staff, end to end on the local runtime: from the start of
 * the signed webhook POST to the alert arriving in the staff inbox queue (intake, the table,
 * the stream to detect, the incident, the outbox, SNS, the SQS subscription). One mispost at a
 * time, each a distinct post, so every figure is one alert's own latency, not a queue's.
 *
 * <p>All misposts go through one local runtime by default (the local moto no longer copies the
 * table on every transaction, see moto_server.py); {@code --per-runtime N} spreads them over fresh
 * runtimes instead. The last line gives moto's resident memory at the end of the run.
 *
 * <p>A harness, not a test: {@code ./mispost bench alert-latency [--count N] [--warmup N] [--per-runtime N]}.
 */
public final class AlertLatency {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final AccountKey BRAND = new AccountKey(Platform.X, "4400000000000000999");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String[] STAGES = {
            "POST sent -> post stored (intake)",
            "post stored -> incident opened (stream, detect)",
            "incident opened -> alert published (outbox, SNS)",
            "alert published -> in the staff inbox (SNS to SQS, poll)",
    };
    private static final String[] TEXTS = {
            "ugh my boss is such a jerk, this damn job. beers tonight? #%d",
            "I hate mondays so much, shit traffic and my boss again (%d)",
            "finally friday!! my boss kept me late again, who's up for beers tonight? I need like %d",
            "my damn car broke down again and I am so done with this shit week, beers tonight? %d",
    };

    private AlertLatency() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Map<String, Integer> options = WholeNumberOptions.read(args, Map.of("--count", 200, "--warmup", 5, "--per-runtime", 0), 0,
                "usage: bench alert-latency [--count N (200)] [--warmup N (5 per runtime)] [--per-runtime N (all in one)]", err);
        if (options == null) return 2;
        int count = options.get("--count");
        int warmup = options.get("--warmup");
        int perRuntime = options.get("--per-runtime") == 0 ? count : options.get("--per-runtime");
        if (count < 1) {
            err.println("--count must be at least 1");
            return 2;
        }
        out.printf(Locale.ROOT, "alert latency, webhook POST -> alert in the staff inbox queue, on the local runtime: "
                + "%d misposts one at a time, %d per fresh runtime after %d warm-up each%n", count, perRuntime, warmup);
        long[] latencies = new long[count];
        long[][] stages = new long[STAGES.length][count];
        long startedAll = System.nanoTime();
        long motoKb = -1;
        for (int done = 0, round = 0; done < count; round++) {
            int n = Math.min(perRuntime, count - done);
            try (LocalRuntime runtime = LocalRuntime.start(new LocalRuntime.Options(Path.of("template.yaml"), 0, null,
                    line -> err.println("[runtime] " + line)))) {
                long[][] measured = measure(runtime, round, n, warmup);
                System.arraycopy(measured[0], 0, latencies, done, n);
                for (int st = 0; st < STAGES.length; st++) System.arraycopy(measured[st + 1], 0, stages[st], done, n);
                motoKb = runtime.motoResidentKb();
                done += n;
                err.printf(Locale.ROOT, "  %d/%d%n", done, count);
            } catch (Exception e) {
                err.println("alert-latency failed: " + e.getMessage());
                return 1;
            }
        }
        double[] ms = Arrays.stream(latencies).mapToDouble(AlertLatency::ms).sorted().toArray();
        out.printf(Locale.ROOT, "  p50 %7.1f ms%n  p90 %7.1f ms%n  p99 %7.1f ms%n  min %7.1f ms   max %.1f ms   mean %.1f ms%n",
                Percentile.of(ms, 50), Percentile.of(ms, 90), Percentile.of(ms, 99),
                ms[0], ms[count - 1], Arrays.stream(ms).average().orElse(0));
        out.println("  where the time goes (median of each stage, from the table's own timestamps):");
        for (int st = 0; st < STAGES.length; st++) {
            double[] stage = Arrays.stream(stages[st]).mapToDouble(AlertLatency::ms).sorted().toArray();
            out.printf(Locale.ROOT, "    %-58s p50 %6.1f ms   p90 %6.1f ms%n", STAGES[st], Percentile.of(stage, 50), Percentile.of(stage, 90));
        }
        out.printf(Locale.ROOT, "  took %.1f s in all%n", (System.nanoTime() - startedAll) / 1e9);
        out.printf(Locale.ROOT, "moto RSS %d MB%n", motoKb < 0 ? -1 : motoKb / 1024);
        return 0;
    }

    /**
     * One runtime's share: {@code warmup} misposts not counted, then {@code count} measured ones;
     * their latencies, then each stage's share (from the times the post, incident and notice items record).
     */
    private static long[][] measure(LocalRuntime runtime, int round, int count, int warmup) throws Exception {
        new DynamoDbAccountRegistry(runtime.aws().dynamo, runtime.aws().tableName).save(Account.watched(BRAND, "Bench Outfitters"));
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        Map<String, Instant> arrivedAt = new ConcurrentHashMap<>();
        runtime.inbox().onReceive(r -> {
            if (r.kind().equals("alert")) {
                arrived.putIfAbsent(r.incidentId(), System.nanoTime());
                arrivedAt.putIfAbsent(r.incidentId(), r.receivedAt());
            }
        });
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long[][] measured = new long[STAGES.length + 1][count];
        for (int i = 0; i < warmup + count; i++) {
            String postId = String.format(Locale.ROOT, "99%03d%014d", round, i);
            String incident = IncidentIds.forPost(new PostKey(Platform.X, BRAND.accountId(), postId));
            Instant sentAt = Instant.now();
            long took = mispost(runtime, http, arrived, postId, i);
            if (i >= warmup) {
                measured[0][i - warmup] = took;
                Instant[] marks = {sentAt, recorded(runtime, "POST#" + new PostKey(Platform.X, BRAND.accountId(), postId), "POST", "receivedAt"),
                        recorded(runtime, "INCIDENT#" + incident, "INCIDENT", "openedAt"),
                        recorded(runtime, "INCIDENT#" + incident, "NOTICE#alert", "sentAt"), arrivedAt.get(incident)};
                for (int st = 0; st < STAGES.length; st++) {
                    measured[st + 1][i - warmup] = Duration.between(marks[st], marks[st + 1]).toNanos();
                }
            }
        }
        return measured;
    }

    private static Instant recorded(LocalRuntime runtime, String pk, String sk, String attribute) {
        Map<String, AttributeValue> item = runtime.aws().dynamo.getItem(g -> g.tableName(runtime.aws().tableName)
                .key(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk))).consistentRead(true)).item();
        if (item == null || !item.containsKey(attribute)) throw new IllegalStateException(pk + " " + sk + " has no " + attribute);
        return Instant.parse(item.get(attribute).s());
    }

    /**
     * Posts mispost {@code postId} (the {@code i}th text) to intake as the brand, signed, and waits
     * for its alert to reach the staff inbox; the nanoseconds that took.
     */
    static long mispost(LocalRuntime runtime, HttpClient http, Map<String, Long> arrived, String postId, int i) throws Exception {
        String body = JSON.writeValueAsString(Map.of("type", "post", "platform", "x", "account", BRAND.accountId(),
                "post", Map.of("id", postId, "text", String.format(Locale.ROOT, TEXTS[i % TEXTS.length], i),
                        "client", "Twitter for Android")));
        String incident = IncidentIds.forPost(new PostKey(Platform.X, BRAND.accountId(), postId));
        long sent = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(runtime.apiUrl() + "/webhooks/generic"))
                .header("Content-Type", "application/json")
                .header(GenericWebhook.SIGNATURE_HEADER, SignatureVerifier.signHex(LocalSecrets.value(GenericWebhook.SECRET),
                        body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("mispost " + postId + ": intake answered " + r.statusCode() + ": " + r.body());
        }
        Long at = awaitAlert(arrived, incident, sent);
        if (at == null) {
            throw new IllegalStateException("mispost " + postId + ": no alert reached the staff inbox within "
                    + TIMEOUT.toSeconds() + " s (was it scored below the alert threshold?)");
        }
        return at - sent;
    }

    private static Long awaitAlert(Map<String, Long> arrived, String incident, long sent) throws InterruptedException {
        long deadline = sent + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Long at = arrived.get(incident);
            if (at != null) return at;
            Thread.sleep(1);
        }
        return null;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
