package com.mispost.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A moto_server process on 127.0.0.1 and a free port: the real AWS wire protocols for DynamoDB
 * (with Streams), SNS, SQS and SSM. Started on demand, stopped on close or at JVM exit.
 *
 * <p>moto differs from DynamoDB in ways that matter here: no lock around a request, a deep copy of
 * every table a transaction touches, a stream that is never trimmed. We run moto's own server
 * entry point with those changed (moto_server.py beside this class says how and why). Where
 * python3 cannot import moto (moto_server installed apart, say), the plain {@code moto_server}
 * command is used and concurrent writes and long runs are only as safe as moto makes them.
 */
public final class MotoServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final String endpoint;
    private final Path log;

    private MotoServer(Process process, String endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** moto's server entry point with the changes moto_server.py explains (one lock per request, ...). */
    private static String patchedMoto() {
        try (var in = MotoServer.class.getResourceAsStream("moto_server.py")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("moto_server.py is missing from the class path", e);
        }
    }

    /** Starts moto_server, or fails with a message that says how to install it. */
    public static MotoServer start() {
        return start(Map.of());
    }

    /** As {@link #start()}, with more environment for moto (e.g. MISPOST_MOTO_STREAM_RECORDS). */
    static MotoServer start(Map<String, String> environment) {
        String python = System.getenv().getOrDefault("MISPOST_PYTHON", "python3");
        String command = System.getenv().getOrDefault("MISPOST_MOTO_SERVER", "moto_server");
        int port = freePort();
        List<String> argv = canImportMoto(python)
                ? List.of(python, "-c", patchedMoto(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                : List.of(command, "-H", "127.0.0.1", "-p", Integer.toString(port));
        try {
            Path log = Files.createTempFile("moto-server-", ".log");
            ProcessBuilder pb = new ProcessBuilder(argv);
            pb.environment().putAll(environment);
            Process p = pb
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            MotoServer server = new MotoServer(p, "http://127.0.0.1:" + port, log);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "moto-server-stop"));
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start '" + command + "': " + e.getMessage()
                    + ". Install it with: pip install 'moto[server]' (or set MISPOST_MOTO_SERVER to its path)", e);
        }
    }

    private static boolean canImportMoto(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import moto.server").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    /** moto's resident memory now (VmRSS), in kB; -1 where there is no /proc. */
    public long residentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited at start (code " + process.exitValue() + "); see " + log);
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(endpoint + "/moto-api/").toURL().openConnection();
                c.setConnectTimeout(200);
                c.setReadTimeout(1000);
                if (c.getResponseCode() > 0) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto_server", e);
            }
        }
        close();
        throw new IllegalStateException("moto_server did not answer within " + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on this machine", e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
