package com.mispost.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's Chromium, headless, driven over the Chrome DevTools protocol (a WebSocket): open a
 * page with a phone's viewport, run a line of script in it (to read or to click), take a
 * screenshot. Started with the flags this machine needs (no sandbox as root, no background
 * networking on a closed network) and a fresh profile, and stopped on close.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    /** The browser to use, or a failure that says how to install it: a browser test never passes without one. */
    static Path executable() {
        String override = System.getenv("MISPOST_CHROMIUM");
        if (override != null && Files.isExecutable(Path.of(override))) return Path.of(override);
        for (String c : CANDIDATES) if (Files.isExecutable(Path.of(c))) return Path.of(c);
        throw new IllegalStateException("Chromium is not installed, so the incident page cannot be tested in a browser: "
                + "apt-get install -y chromium (Debian's package; .ci/run installs it when missing), "
                + "or set MISPOST_CHROMIUM to a Chromium binary");
    }

    HeadlessChromium(int width, int height) throws IOException, InterruptedException {
        profile = Files.createTempDirectory("mispost-chromium");
        process = new ProcessBuilder(executable().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--window-size=" + width + "," + height, "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        Instant deadline = Instant.now().plusSeconds(30);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Chromium did not start: " + Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(50);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        String pageSocket = null;
        for (JsonNode t : targets) if (t.path("type").asText().equals("page")) pageSocket = t.path("webSocketDebuggerUrl").asText();
        if (pageSocket == null) throw new IllegalStateException("Chromium has no page to drive: " + targets);
        socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new Listener()).join();
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 2,
                "mobile", true));
        call("Page.enable", Map.of());
    }

    /** Opens a URL and waits until its document has loaded. */
    void open(String url) {
        call("Page.navigate", Map.of("url", url));
        waitFor("document.readyState === 'complete' && location.href !== 'about:blank'");
    }

    /** The value of a script expression in the page. */
    JsonNode eval(String expression) {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (r.has("exceptionDetails")) throw new IllegalStateException("script failed: " + r.path("exceptionDetails"));
        return r.path("result").path("value");
    }

    /** Waits (up to 15 s) until a script expression is true in the page. */
    void waitFor(String condition) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (eval(condition).asBoolean(false)) return;
            } catch (IllegalStateException navigating) {
                // the page is being replaced; ask again
            }
            sleep(50);
        }
        throw new IllegalStateException("the page never satisfied: " + condition + " (at " + eval("location.href") + ")");
    }

    /** A PNG of the whole page, as wide as the viewport. */
    byte[] screenshot() {
        JsonNode r = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        return Base64.getDecoder().decode(r.path("data").asText());
    }

    private JsonNode call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        ObjectNode msg = JSON.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", JSON.valueToTree(params));
        socket.sendText(msg.toString(), true).join();
        try {
            JsonNode r = answer.get(20, TimeUnit.SECONDS);
            if (r.has("error")) throw new IllegalStateException(method + " failed: " + r.path("error"));
            return r.path("result");
        } catch (Exception e) {
            if (e instanceof IllegalStateException ise) throw ise;
            throw new IllegalStateException(method + " got no answer from Chromium", e);
        } finally {
            waiting.remove(id);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode msg = JSON.readTree(partial.toString());
                    CompletableFuture<JsonNode> f = msg.has("id") ? waiting.get(msg.get("id").asInt()) : null;
                    if (f != null) f.complete(msg);
                } catch (IOException ignored) {
                    // not ours to read: events we did not ask about
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        socket.abort();
        // Chromium's helper processes (network, GPU, renderers) write into the profile too: stop them with it.
        List<ProcessHandle> helpers = process.descendants().toList();
        helpers.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            for (ProcessHandle helper : helpers) helper.onExit().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            helpers.forEach(ProcessHandle::destroyForcibly);
        }
        // A helper still removing its own temporary file may make one vanish mid-walk: walk again.
        for (int attempt = 0; attempt < 3 && Files.exists(profile); attempt++) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (UncheckedIOException | NoSuchFileException vanished) {
                // walked over a file that went away; the next pass deletes what is left
            }
        }
    }
}
