package com.mispost.local.bench;

import com.mispost.local.LambdaInvoker;
import com.mispost.config.SnapStartPriming;
import io.micronaut.function.aws.MicronautRequestHandler;
import org.crac.Resource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The child JVM of {@link ColdStart}: constructs one handler, decodes the sample event with the
 * Lambda runtime's own serialization library (as the runtime does), invokes it once and prints
 * what that took. Its class path is the function's artifact, this launcher and
 * aws-lambda-java-serialization: what a Lambda instance has, with this launcher in place of the
 * runtime interface client.
 *
 * <pre>
 * FunctionLauncher HANDLER_CLASS EVENT.json [WARM_COUNT [OFFLINE_EVENT.json | domain:detect | domain:apology]]
 * </pre>
 * With WARM_COUNT, the CRaC {@code beforeCheckpoint} hooks (SnapStart priming) runs before the
 * first event, and the launcher then invokes the same event that many times more (each with its AWS round
 * trips) and, when given, times a path that makes no network call: another event for the same
 * handler, or the function's pure domain path ({@link DomainPaths}).
 * Output: one {@code key=value} line (times, peak RSS, CPU time, classes loaded), then halts (no shutdown hooks: Lambda freezes, it does not exit).
 */
public final class FunctionLauncher {
    private FunctionLauncher() {
    }

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        String eventJson = Files.readString(Path.of(args[1]));
        LambdaInvoker fn = new LambdaInvoker("bench", args[0]);
        long constructed = System.nanoTime();
        boolean warm = args.length > 2;
        // Warm runs stand in for SnapStart too: the before-snapshot hooks registered with CRaC run
        // (priming), and the first event after them is what a restored snapshot would answer first.
        if (warm) {
            try {
                // org.crac refuses a direct call on its global context, so each side's hook is found
                // where it lives: the twins are Resources; the Micronaut handlers' is a context bean.
                Resource hook = fn.handler() instanceof MicronautRequestHandler<?, ?> m
                        ? m.getApplicationContext().getBean(SnapStartPriming.class) : (Resource) fn.handler();
                hook.beforeCheckpoint(null);
            } catch (Exception e) {
                throw new IllegalStateException("priming failed", e);
            }
        }
        long primed = System.nanoTime();
        String answer = fn.invoke(eventJson);
        long answered = System.nanoTime();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "init_ms=%.1f prime_ms=%.1f first_ms=%.1f", ms(constructed - start),
                ms(primed - constructed), ms(answered - primed)));
        if (warm) {
            int count = Integer.parseInt(args[2]);
            out.append(stats(" net", time(count, () -> fn.invoke(eventJson))));
            if (args.length > 3) {
                Runnable offline = offline(fn, args[3], eventJson);
                time(count, () -> { offline.run(); return null; });      // its own warm-up
                out.append(stats(" offline", time(count, () -> { offline.run(); return null; })));
            }
        }
        out.append(" rss_kb=").append(peakRssKb());
        out.append(" cpu_ms=").append(cpuMs());
        out.append(" classes=").append(ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        out.append(" answer=").append(answer.replaceAll("\\s+", " "));
        System.out.println(out);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static Runnable offline(LambdaInvoker fn, String spec, String eventJson) throws IOException {
        if (spec.startsWith("domain:")) return DomainPaths.forFunction(spec.substring("domain:".length()), eventJson);
        String other = Files.readString(Path.of(spec));
        fn.invoke(other);
        return () -> fn.invoke(other);
    }

    private static long[] time(int n, Supplier<?> call) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            call.get();
            t[i] = System.nanoTime() - s;
        }
        Arrays.sort(t);
        return t;
    }

    private static String stats(String name, long[] sorted) {
        return String.format(Locale.ROOT, "%s_p50_ms=%.2f%s_p99_ms=%.2f", name, ms(percentile(sorted, 50)), name,
                ms(percentile(sorted, 99)));
    }

    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /**
     * CPU time of the whole process so far (user + system, all threads: JIT and GC included), from
     * /proc/self/stat in clock ticks of 10 ms; -1 where there is none. On a busy machine it moves
     * far less than wall time.
     */
    private static long cpuMs() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The process's peak resident set (VmHWM), as the kernel counts it; -1 where there is no /proc. */
    private static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
