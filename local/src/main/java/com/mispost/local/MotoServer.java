package com.mispost.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A moto_server process on 127.0.0.1 and a free port: the real AWS wire protocols for DynamoDB
 * (with Streams), SNS, SQS and SSM. Started on demand, stopped on close or at JVM exit.
 *
 * <p>moto's server handles requests on many threads without a lock, so two concurrent
 * transactions can both pass their conditions, or crash copying a table the other is changing
 * ("dictionary changed size during iteration"). DynamoDB makes each request atomic; to keep that
 * promise locally we run moto's own server entry point with one lock around each request. It also
 * checks a transaction's conditions before writing, instead of moto's deep copy of the whole table
 * per item of the transaction (seconds per transaction on a table of a few thousand items, where
 * DynamoDB takes milliseconds): see moto_server.py.
 * Where python3 cannot import moto (moto_server installed apart, say), the plain
 * {@code moto_server} command is used and concurrent writes are only as safe as moto makes them.
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

    /** moto's server entry point with the changes in moto_server.py (see the class comment). */
    private static String serialMoto() {
        try (var in = MotoServer.class.getResourceAsStream("moto_server.py")) {
            return new String(Objects.requireNonNull(in, "moto_server.py is packaged with this class").readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read moto_server.py", e);
        }
    }

    /** Starts moto_server, or fails with a message that says how to install it. */
    public static MotoServer start() {
        String python = System.getenv().getOrDefault("MISPOST_PYTHON", "python3");
        String command = System.getenv().getOrDefault("MISPOST_MOTO_SERVER", "moto_server");
        int port = freePort();
        List<String> argv = canImportMoto(python)
                ? List.of(python, "-c", serialMoto(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                : List.of(command, "-H", "127.0.0.1", "-p", Integer.toString(port));
        try {
            Path log = Files.createTempFile("moto-server-", ".log");
            Process p = new ProcessBuilder(argv)
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
