package com.mispost.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The local HTTP API's connections, as slow, stalled and odd clients use them, over real sockets. */
class HttpApiServerTest {
    /** Stalled requests time out after this; a normal request must be answered well before it. */
    private static final Duration STALL = Duration.ofSeconds(5);
    /** As many workers as the JDK server had threads: the stalled connections outnumber them. */
    private static final int WORKERS = 8;
    private static final BoundedHttpServer.Limits LIMITS = new BoundedHttpServer.Limits(STALL, STALL, Duration.ofSeconds(20),
            2048, 64 * 1024, WORKERS, 128);

    private final List<String> log = new ArrayList<>();
    private HttpApiServer api;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        api = new HttpApiServer(0, log::add, LIMITS);
        api.localEndpoint("/local/inbox", () -> "{\"notices\":[]}");
        api.start();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) s.close();
        api.close();
    }

    private Socket connect() throws IOException {
        URI url = URI.create(api.url());
        Socket s = new Socket();
        s.connect(new InetSocketAddress(url.getHost(), url.getPort()), 2000);
        s.setSoTimeout((int) STALL.multipliedBy(3).toMillis());
        sockets.add(s);
        return s;
    }

    private Socket send(String raw) throws IOException {
        Socket s = connect();
        s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        return s;
    }

    /** Everything the server writes until it closes the connection. */
    private static String readToClose(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) out.write(buf, 0, n);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open; it had sent: " + out.toString(StandardCharsets.ISO_8859_1));
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads until {@code count} answers have arrived, each headers plus its Content-Length. */
    private static List<String> readAnswers(Socket s, int count) throws IOException {
        InputStream in = s.getInputStream();
        List<String> answers = new ArrayList<>();
        StringBuilder head = new StringBuilder();
        while (answers.size() < count) {
            int b = in.read();
            if (b < 0) throw new AssertionError("closed after " + answers);
            head.append((char) b);
            if (head.toString().endsWith("\r\n\r\n")) {
                String h = head.toString();
                int at = h.toLowerCase().indexOf("content-length: ");
                int length = Integer.parseInt(h.substring(at + 16, h.indexOf("\r\n", at)).trim());
                answers.add(h + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1));
                head.setLength(0);
            }
        }
        return answers;
    }

    @Test
    void stalledClientsNeitherStopOtherRequestsNorStayOpen() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < WORKERS * 2; i++) {
            // Half trickle headers that never end; half announce a body and send a tenth of it.
            stalled.add(i % 2 == 0
                    ? send("POST /webhooks/generic HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a")
                    : send("POST /webhooks/generic HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n0123456789"));
        }
        Thread.sleep(200); // let the server take them all in before the normal request

        // Answered while every stalled connection is still open: the HTTP client gives up well before they time out.
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<String> normal = http.send(HttpRequest.newBuilder(URI.create(api.url() + "/local/inbox"))
                .timeout(STALL.dividedBy(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(normal.statusCode()).isEqualTo(200);
        assertThat(normal.body()).isEqualTo("{\"notices\":[]}");
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(api.url() + "/nowhere"))
                .timeout(STALL.dividedBy(3)).POST(HttpRequest.BodyPublishers.ofString("x".repeat(5000))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(404);
        for (Socket s : stalled) assertThat(s.getInputStream().available()).as("answered before its time was up").isZero();

        for (Socket s : stalled) {
            String answer = readToClose(s);
            assertThat(answer).startsWith("HTTP/1.1 408 Request Timeout\r\n").contains("Connection: close");
        }
    }

    @Test
    void connectionsHeldOpenUpToTheBoundDoNotLockOthersOut() throws Exception {
        api.close();
        api = new HttpApiServer(0, log::add, new BoundedHttpServer.Limits(STALL.multipliedBy(10), STALL.multipliedBy(10),
                Duration.ofSeconds(60), 2048, 64 * 1024, 2, 4));
        api.localEndpoint("/local/inbox", () -> "{\"notices\":[]}");
        api.start();
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) held.add(send("POST /webhooks/generic HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 9\r\n\r\nabc"));
        Thread.sleep(200);

        HttpResponse<String> normal = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.url() + "/local/inbox"))
                .timeout(STALL).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(normal.statusCode()).isEqualTo(200);
        // The one that waited longest made room, long before its own timeout.
        assertThat(readToClose(held.get(0))).startsWith("HTTP/1.1 408 ");
        for (Socket s : held.subList(1, 4)) assertThat(s.getInputStream().available()).isZero();
    }

    @Test
    void headersPastTheBoundAreRefusedWith431AndTheConnectionClosed() throws IOException {
        String answer = readToClose(send("GET /local/inbox HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(4000) + "\r\n\r\n"));
        assertThat(answer).startsWith("HTTP/1.1 431 ");
    }

    @Test
    void aBodyAnnouncedPastTheLimitIsRefusedBeforeItIsSent() throws IOException {
        String answer = readToClose(send("POST /webhooks/generic HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                + (64 * 1024 + 1) + "\r\n\r\n"));
        assertThat(answer).startsWith("HTTP/1.1 413 ");
    }

    @Test
    void framingThatTwoReadersCouldReadTwoWaysIsRefused() throws IOException {
        for (String head : List.of("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "Content-Length: 5\r\nContent-Length: 6\r\n",
                "Content-Length: +5\r\n", "Content-Length: 5 5\r\n", "Transfer-Encoding: gzip, chunked\r\n")) {
            String answer = readToClose(send("POST /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\n" + head + "\r\nhello"));
            assertThat(answer).as(head).matches("(?s)HTTP/1\\.1 (400|501) .*");
        }
        assertThat(readToClose(send("GET /local/inbox HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bad: a\u0001b\r\n\r\n"))).startsWith("HTTP/1.1 400 ");
        assertThat(readToClose(send("GET /local/inbox HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n"))).startsWith("HTTP/1.1 505 ");
    }

    @Test
    void keptAliveConnectionsTakePipelinedAndChunkedRequestsInOrder() throws IOException {
        Socket s = send("GET /local/inbox HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                + "POST /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n"
                + "GET /local/inbox HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        List<String> answers = readAnswers(s, 3);
        assertThat(answers.get(0)).startsWith("HTTP/1.1 200 ").endsWith("{\"notices\":[]}");
        assertThat(answers.get(1)).startsWith("HTTP/1.1 404 ");
        assertThat(answers.get(2)).startsWith("HTTP/1.1 200 ").endsWith("{\"notices\":[]}");
        // HTTP/1.0 and "Connection: close" end the connection after the answer.
        assertThat(readToClose(send("GET /local/inbox HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")))
                .startsWith("HTTP/1.1 200 ").endsWith("{\"notices\":[]}");
    }
}
