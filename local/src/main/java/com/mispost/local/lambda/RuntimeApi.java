package com.mispost.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Lambda Runtime API ({@code /2018-06-01/runtime/...}) for one execution environment, as the
 * Lambda service serves it to the runtime interface client: {@code invocation/next} hands out one
 * event at a time with its request id, deadline, function ARN and trace id;
 * {@code invocation/{id}/response} and {@code /error} answer it; {@code init/error} reports a
 * failed init; {@code restore/next} and {@code restore/error} are the SnapStart handshake. For
 * SnapStart environments it also serves the container credentials endpoint, as Lambda does
 * instead of putting keys in the environment of a function whose memory is snapshotted.
 */
final class RuntimeApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/2018-06-01/runtime/";

    static {
        // The JDK's server writes headers and body separately; with Nagle's algorithm and the peer's
        // delayed ACK each answer then waits ~40 ms (measured: 90 ms an invocation, 3-5 ms without).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One event on its way through the runtime client. */
    record Invocation(String requestId, String event, long deadlineMs, String functionArn, String traceId,
                      CompletableFuture<Outcome> outcome) {
    }

    /** What the runtime client answered: a response body, or an error (type and message). */
    record Outcome(String response, String errorType, String errorMessage) {
        boolean failed() {
            return errorType != null;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "runtime-api");
        t.setDaemon(true);
        return t;
    });
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    /** Completes when the runtime first asks for an event (init is done), or with the init error it reported. */
    final CompletableFuture<Outcome> initialised = new CompletableFuture<>();
    /** SnapStart: set when the runtime asked to be restored (its beforeCheckpoint hooks have run). */
    final AtomicBoolean restoreRequested = new AtomicBoolean();
    private final String credentialsJson;
    private final String credentialsToken;

    /**
     * @param credentialsJson  the container credentials document to serve at {@code /credentials}, or null
     * @param credentialsToken the authorization token the caller must present for them
     */
    RuntimeApi(String credentialsJson, String credentialsToken) throws IOException {
        this.credentialsJson = credentialsJson;
        this.credentialsToken = credentialsToken;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
    }

    /** host:port, as {@code AWS_LAMBDA_RUNTIME_API} gives it. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String credentialsUri() {
        return "http://" + address() + "/credentials";
    }

    void submit(Invocation invocation) {
        inFlight.put(invocation.requestId(), invocation);
        pending.add(invocation);
    }

    /** The runtime went away: whatever it was handed or would be handed fails with this error. */
    void abandon(String errorType, String message) {
        Outcome gone = new Outcome(null, errorType, message);
        initialised.complete(gone);
        inFlight.values().forEach(i -> i.outcome().complete(gone));
        inFlight.clear();
        pending.clear();
    }

    private void serve(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            String method = x.getRequestMethod();
            if (path.equals("/credentials") && credentialsJson != null) {
                boolean allowed = credentialsToken.equals(x.getRequestHeaders().getFirst("Authorization"));
                send(x, allowed ? 200 : 403, allowed ? credentialsJson : "{\"message\":\"bad token\"}", Map.of());
                return;
            }
            if (!path.startsWith(PREFIX)) {
                send(x, 404, "{\"errorMessage\":\"not a Runtime API path\"}", Map.of());
                return;
            }
            String rest = path.substring(PREFIX.length());
            byte[] body = x.getRequestBody().readAllBytes();
            if (method.equals("GET") && rest.equals("invocation/next")) {
                next(x);
            } else if (method.equals("GET") && rest.equals("restore/next")) {
                restoreRequested.set(true);
                send(x, 200, "", Map.of());
            } else if (method.equals("POST") && (rest.equals("init/error") || rest.equals("restore/error"))) {
                JsonNode e = errorBody(body);
                initialised.complete(new Outcome(null, errorType(x, e), e.path("errorMessage").asText("")));
                send(x, 202, "{\"status\":\"OK\"}", Map.of());
            } else if (method.equals("POST") && rest.startsWith("invocation/")) {
                String[] parts = rest.split("/");
                Invocation i = parts.length == 3 ? inFlight.remove(parts[1]) : null;
                if (i == null) {
                    send(x, 400, "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}", Map.of());
                    return;
                }
                if (parts[2].equals("response")) {
                    i.outcome().complete(new Outcome(new String(body, StandardCharsets.UTF_8), null, null));
                } else {
                    JsonNode e = errorBody(body);
                    i.outcome().complete(new Outcome(null, errorType(x, e), e.path("errorMessage").asText("")));
                }
                send(x, 202, "{\"status\":\"OK\"}", Map.of());
            } else {
                send(x, 404, "{\"errorMessage\":\"unknown Runtime API call\"}", Map.of());
            }
        }
    }

    private void next(HttpExchange x) throws IOException {
        initialised.complete(new Outcome(null, null, null));
        Invocation i;
        try {
            i = pending.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        send(x, 200, i.event(), Map.of(
                "Lambda-Runtime-Aws-Request-Id", i.requestId(),
                "Lambda-Runtime-Deadline-Ms", Long.toString(i.deadlineMs()),
                "Lambda-Runtime-Invoked-Function-Arn", i.functionArn(),
                "Lambda-Runtime-Trace-Id", i.traceId()));
    }

    private static JsonNode errorBody(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("errorMessage", new String(body, StandardCharsets.UTF_8));
        }
    }

    private static String errorType(HttpExchange x, JsonNode e) {
        String header = x.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return e.hasNonNull("errorType") ? e.get("errorType").asText() : header != null ? header : "Unknown";
    }

    private static void send(HttpExchange x, int status, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> x.getResponseHeaders().add(k, v));
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
