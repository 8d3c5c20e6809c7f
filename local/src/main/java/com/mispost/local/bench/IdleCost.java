package com.mispost.local.bench;

import com.mispost.local.LocalRuntime;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./mispost bench idle [--settle S] [--seconds S]}: what an idle local runtime costs. Starts
 * the local runtime as {@code ./mispost local} does, lets it settle, then reads the CPU time of
 * this JVM (the HTTP API, the stream pollers, the inbox), moto and every function's JVM from /proc
 * before and after a quiet spell, and prints the share of one core they used.
 */
public final class IdleCost {
    private static final String USAGE = "usage: ./mispost bench idle [--settle S (15)] [--seconds S (30)]";

    private IdleCost() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        int settle = 15;
        int seconds = 30;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--settle" -> settle = Integer.parseInt(args.get(++i));
                case "--seconds" -> seconds = Integer.parseInt(args.get(++i));
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    err.println(USAGE);
                    return 2;
                }
            }
        }
        try (LocalRuntime rt = LocalRuntime.start(new LocalRuntime.Options(Path.of("template.yaml"), 0, null, line -> { }))) {
            Thread.sleep(Duration.ofSeconds(settle).toMillis());
            List<Long> pids = new ArrayList<>(rt.processIds());
            pids.add(0, ProcessHandle.current().pid());
            long[] before = pids.stream().mapToLong(IdleCost::cpuTicks).toArray();
            Thread.sleep(Duration.ofSeconds(seconds).toMillis());
            long[] after = pids.stream().mapToLong(IdleCost::cpuTicks).toArray();
            long total = 0;
            for (int i = 0; i < pids.size(); i++) {
                String what = i == 0 ? "local runtime (HTTP API, pollers, inbox)" : i == 1 ? "moto" : "function environment";
                out.printf(Locale.ROOT, "  %-42s pid %-7d %5.1f%% of a core%n", what, pids.get(i), share(after[i] - before[i], seconds));
                total += after[i] - before[i];
            }
            out.printf(Locale.ROOT, "idle: %.1f%% of a core over %d s, %d processes%n", share(total, seconds), seconds, pids.size());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException e) {
            err.println("bench idle failed: " + e.getMessage());
            return 1;
        }
    }

    /** Percent of one core, from clock ticks of 10 ms. */
    private static double share(long ticks, int seconds) {
        return ticks * 10.0 / (seconds * 1000.0) * 100;
    }

    /** The CPU time a process has used, in clock ticks (1/100 s); 0 when it cannot be read. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
