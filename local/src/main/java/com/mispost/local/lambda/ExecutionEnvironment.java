package com.mispost.local.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One Lambda execution environment: a JVM of its own running AWS's runtime interface client
 * ({@code AWSLambda}) with the template's handler string, against a {@link RuntimeApi} of its own,
 * with the function's code laid out as a task root and only the environment Lambda would give it.
 * It handles one event at a time; the function's timeout is enforced by ending the process, as
 * Lambda resets an environment whose invocation timed out.
 */
public final class ExecutionEnvironment implements AutoCloseable {
    static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Lambda gives init this long on demand; with SnapStart, up to 130 s or the function's timeout. */
    private static final Duration INIT_LIMIT = Duration.ofSeconds(130);

    private final FunctionConfig config;
    private final RuntimeApi api;
    private final Process process;
    private final long startedNanos;
    private final Consumer<String> log;
    private volatile Duration initDuration;
    private volatile boolean dead;

    private ExecutionEnvironment(FunctionConfig config, RuntimeApi api, Process process, long startedNanos,
                                 Consumer<String> log) {
        this.config = config;
        this.log = log;
        this.api = api;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts the environment and waits until its init is done (the runtime client asks for its
     * first event; with SnapStart, after its before-checkpoint hooks and the restore).
     *
     * @throws FunctionError when init fails, as Lambda reports it on the invocation that caused it
     */
    public static ExecutionEnvironment start(FunctionConfig config, RuntimeLayer layer, Consumer<String> log) {
        String token = UUID.randomUUID().toString();
        RuntimeApi api;
        try {
            api = new RuntimeApi(config.snapStart() ? containerCredentials(config) : null, token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the Runtime API for " + config.name(), e);
        }
        Path taskRoot = TaskRoot.of(config.codeJar());
        List<String> command = new ArrayList<>();
        command.add(layer.java());
        command.addAll(jvmOptions(config.memoryMb()));
        command.add("-D" + RuntimeLayer.NATIVE_CLIENT_PROPERTY + "=" + layer.nativeClient());
        command.add("-cp");
        command.add(layer.classPath());
        command.add(RUNTIME_CLIENT);
        command.add(config.handler());
        ProcessBuilder pb = new ProcessBuilder(command).directory(taskRoot.toFile());
        pb.environment().clear();
        pb.environment().putAll(environment(config, api, taskRoot, token));
        Process process;
        long startedNanos = System.nanoTime();
        try {
            process = pb.start();
        } catch (IOException e) {
            api.close();
            throw new UncheckedIOException("cannot start a JVM for " + config.name() + ": " + e.getMessage(), e);
        }
        ExecutionEnvironment env = new ExecutionEnvironment(config, api, process, startedNanos, log);
        pipe(process.getInputStream(), config.name(), log);
        pipe(process.getErrorStream(), config.name(), log);
        process.onExit().thenAccept(p -> {
            env.dead = true;
            api.abandon("Runtime.ExitError", "RequestId: - Error: Runtime exited with error: exit status " + p.exitValue());
        });
        RuntimeApi.Outcome init;
        try {
            init = api.initialised.get(INIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            env.close();
            throw new FunctionError(config.name(), "Sandbox.Timedout", "init did not finish within " + INIT_LIMIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            env.close();
            throw new FunctionError(config.name(), "Runtime.Interrupted", "interrupted during init");
        } catch (ExecutionException e) {
            env.close();
            throw new IllegalStateException(e);
        }
        if (init.failed()) {
            env.close();
            throw new FunctionError(config.name(), init.errorType(), "init failed: " + init.errorMessage());
        }
        if (config.snapStart() && !api.restoreRequested.get()) {
            env.close();
            throw new FunctionError(config.name(), "Runtime.SnapStartNotSupported",
                    "the runtime asked for events without the SnapStart restore handshake");
        }
        env.initDuration = Duration.ofNanos(System.nanoTime() - startedNanos);
        return env;
    }

    /** As the java21 managed runtime sizes its JVM from the function's memory (heap 85 %, metaspace 10 %, code cache 5 %). */
    public static List<String> jvmOptions(int memoryMb) {
        long kb = memoryMb * 1024L;
        return List.of("-XX:MaxHeapSize=" + kb * 85 / 100 + "k", "-XX:MaxMetaspaceSize=" + kb * 10 / 100 + "k",
                "-XX:ReservedCodeCacheSize=" + kb * 5 / 100 + "k", "-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                // Lambda's runtime carries its own CRaC context, which org.crac finds; this names the runtime client's.
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
    }

    /** The variables Lambda defines for the runtime, then the function's own from the template. */
    private static Map<String, String> environment(FunctionConfig c, RuntimeApi api, Path taskRoot, String token) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("_HANDLER", c.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_REGION", c.region());
        env.put("AWS_DEFAULT_REGION", c.region());
        env.put("AWS_LAMBDA_FUNCTION_NAME", c.name());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(c.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", c.snapStart() ? "1" : "$LATEST");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", c.snapStart() ? "snap-start" : "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + c.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", Instant.now().toString().substring(0, 10).replace('-', '/')
                + "/[" + env.get("AWS_LAMBDA_FUNCTION_VERSION") + "]" + UUID.randomUUID().toString().replace("-", ""));
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", taskRoot.toString());
        if (c.snapStart()) {
            // A snapshot must not hold keys: SnapStart functions get theirs from a container endpoint.
            env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", api.credentialsUri());
            env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", token);
        } else {
            env.put("AWS_ACCESS_KEY_ID", c.credentials().get(0));
            env.put("AWS_SECRET_ACCESS_KEY", c.credentials().get(1));
            if (c.credentials().size() > 2 && c.credentials().get(2) != null) env.put("AWS_SESSION_TOKEN", c.credentials().get(2));
        }
        env.putAll(c.environment());
        return env;
    }

    private static String containerCredentials(FunctionConfig c) {
        StringBuilder json = new StringBuilder("{\"AccessKeyId\":\"").append(c.credentials().get(0))
                .append("\",\"SecretAccessKey\":\"").append(c.credentials().get(1)).append('"');
        if (c.credentials().size() > 2 && c.credentials().get(2) != null) json.append(",\"Token\":\"").append(c.credentials().get(2)).append('"');
        return json.append(",\"Expiration\":\"").append(Instant.now().plus(Duration.ofHours(6)).toString()).append("\"}").toString();
    }

    private static void pipe(InputStream in, String name, Consumer<String> log) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) log.accept("[" + name + "] " + line);
            } catch (IOException ignored) {
                // the process ended
            }
        }, name + "-output");
        t.setDaemon(true);
        t.start();
    }

    public long pid() {
        return process.pid();
    }

    boolean alive() {
        return !dead && process.isAlive();
    }

    /** Process start to the runtime client's first request for an event: Lambda's "Init Duration". */
    public Duration initDuration() {
        return initDuration;
    }

    /** Whether the runtime asked to be restored from a snapshot before its first event (SnapStart). */
    public boolean restored() {
        return api.restoreRequested.get();
    }

    /**
     * One event through the runtime client. A timeout ends the environment (Lambda resets it),
     * so the caller must not use it again; see {@link #alive()}.
     */
    public String invoke(String event) {
        if (!alive()) throw new FunctionError(config.name(), "Runtime.ExitError", "the runtime exited before this event");
        long deadline = System.currentTimeMillis() + config.timeout().toMillis();
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<RuntimeApi.Outcome> outcome = new CompletableFuture<>();
        api.submit(new RuntimeApi.Invocation(requestId, event, deadline, config.arn(),
                "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + requestId.replace("-", "").substring(0, 24)
                        + ";Sampled=0", outcome));
        RuntimeApi.Outcome o;
        long handedOut = System.nanoTime();
        try {
            o = outcome.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            close();
            throw new FunctionError(config.name(), "Sandbox.Timedout", String.format(Locale.ROOT,
                    "RequestId: %s Error: Task timed out after %.2f seconds", requestId, config.timeout().toMillis() / 1000.0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new FunctionError(config.name(), "Runtime.Interrupted", "interrupted while waiting for " + requestId);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        double ms = (System.nanoTime() - handedOut) / 1e6;
        // Lambda's own line after every invocation, so that where time goes can be read from the log as on CloudWatch.
        log.accept(String.format(Locale.ROOT, "[%s] REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB",
                config.name(), requestId, ms, (long) Math.ceil(ms), config.memoryMb()));
        if (o.failed()) throw new FunctionError(config.name(), o.errorType(), o.errorMessage());
        return o.response();
    }

    @Override
    public void close() {
        dead = true;
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        api.close();
    }
}
