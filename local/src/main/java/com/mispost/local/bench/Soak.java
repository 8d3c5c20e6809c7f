package com.mispost.local.bench;

import com.mispost.account.Account;
import com.mispost.local.LocalRuntime;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hours of life compressed into minutes: one local runtime, a steady rate of deliveries (likes and
 * replies to the latest misposts) and a mispost every few seconds whose alert latency is timed.
 * Prints a line a minute (deliveries, alert latency, moto's memory) and at the end whether latency
 * stayed flat and memory bounded. A harness, not a test:
 * {@code ./mispost bench soak [--minutes 30] [--rate 10] [--mispost-every 10]}.
 */
public final class Soak {
    private Soak() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Map<String, Integer> o = WholeNumberOptions.read(args, Map.of("--minutes", 30, "--rate", 10, "--mispost-every", 10), 1,
                "usage: bench soak [--minutes N (30)] [--rate DELIVERIES_PER_SECOND (10)] [--mispost-every SECONDS (10)]", err);
        if (o == null) return 2;
        int minutes = o.get("--minutes");
        int rate = o.get("--rate");
        int every = o.get("--mispost-every");
        out.printf(Locale.ROOT, "soak: %d min on one local runtime, %d deliveries/s of likes and replies, a mispost every %d s%n",
                minutes, rate, every);
        try (LocalRuntime runtime = LocalRuntime.start(new LocalRuntime.Options(Path.of("template.yaml"), 0, null,
                line -> err.println("[runtime] " + line)))) {
            return soak(runtime, minutes, rate, every, out);
        } catch (Exception e) {
            err.println("soak failed: " + e.getMessage());
            return 1;
        }
    }

    private static int soak(LocalRuntime runtime, int minutes, int rate, int every, PrintStream out) throws Exception {
        new DynamoDbAccountRegistry(runtime.aws().dynamo, runtime.aws().tableName)
                .save(Account.watched(AlertLatency.BRAND, "Bench Outfitters"));
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        runtime.inbox().onReceive(r -> {
            if (r.kind().equals("alert")) arrived.putIfAbsent(r.incidentId(), System.nanoTime());
        });
        HttpClient http = Storm.client();
        AtomicInteger fiveXx = new AtomicInteger();
        AtomicLong deliveries = new AtomicLong();
        List<String> targets = new ArrayList<>(); // the misposts so far, which the crowd reacts to
        String first = "97000000000000000000";
        AlertLatency.mispost(runtime, http, arrived, first, 0);
        targets.add(first);

        Thread crowd = new Thread(() -> {
            HttpClient connection = Storm.client();
            long pause = 1_000_000_000L / rate;
            long next = System.nanoTime();
            for (long i = 1; !Thread.currentThread().isInterrupted(); i++) {
                String post;
                synchronized (targets) {
                    post = targets.get(targets.size() - 1 - (int) (i % Math.min(3, targets.size())));
                }
                try {
                    HttpResponse<String> r = Storm.send(connection, runtime, Storm.reaction(AlertLatency.BRAND, post, i, 5));
                    deliveries.incrementAndGet();
                    if (r.statusCode() >= 500) fiveXx.incrementAndGet();
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    fiveXx.incrementAndGet();
                }
                next += pause;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "soak-crowd");
        crowd.setDaemon(true);
        crowd.start();

        long started = System.nanoTime();
        List<double[]> perMinute = new ArrayList<>();
        List<Double> thisMinute = new ArrayList<>();
        long maxRss = 0;
        int mispost = 1;
        long lastDeliveries = 0;
        for (int minute = 1; minute <= minutes; minute++) {
            long minuteEnds = started + minute * 60_000_000_000L;
            while (System.nanoTime() < minuteEnds) {
                long due = System.nanoTime() + every * 1_000_000_000L;
                String postId = String.format(Locale.ROOT, "97%018d", mispost);
                thisMinute.add(AlertLatency.mispost(runtime, http, arrived, postId, mispost++) / 1e6);
                synchronized (targets) {
                    targets.add(postId);
                }
                long wait = Math.min(due, minuteEnds) - System.nanoTime();
                if (wait > 0) Thread.sleep(wait / 1_000_000);
            }
            double[] ms = thisMinute.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            thisMinute.clear();
            perMinute.add(ms);
            long rss = runtime.motoResidentKb() / 1024;
            maxRss = Math.max(maxRss, rss);
            long total = deliveries.get();
            out.printf(Locale.ROOT, "  minute %3d: %5d deliveries (%.1f/s), alert p50 %6.1f ms, max %6.1f ms (%d misposts), moto RSS %d MB, %d 5xx%n",
                    minute, total - lastDeliveries, (total - lastDeliveries) / 60.0, Percentile.of(ms, 50), ms[ms.length - 1],
                    ms.length, rss, fiveXx.get());
            lastDeliveries = total;
        }
        crowd.interrupt();
        int window = Math.max(1, Math.min(5, minutes / 3));
        double early = Percentile.of(pooled(perMinute.subList(0, window)), 50);
        double late = Percentile.of(pooled(perMinute.subList(perMinute.size() - window, perMinute.size())), 50);
        boolean flat = late <= early * 1.5 + 50;
        out.printf(Locale.ROOT, "soak: %d min, %d deliveries and %d misposts, alert p50 %.0f ms in the first %d min and %.0f ms in the last %d (%s), "
                        + "moto RSS at most %d MB, %d 5xx%n", minutes, deliveries.get(), mispost, early, window, late, window,
                flat ? "flat" : "GREW", maxRss, fiveXx.get());
        return flat && maxRss < 1024 && fiveXx.get() == 0 ? 0 : 1;
    }

    private static double[] pooled(List<double[]> minutes) {
        return minutes.stream().flatMapToDouble(java.util.Arrays::stream).sorted().toArray();
    }
}
