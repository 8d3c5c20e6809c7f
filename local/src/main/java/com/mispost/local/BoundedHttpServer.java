package com.mispost.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 on 127.0.0.1 for the local runtime, on NIO: one thread reads every connection without
 * blocking, and only a request that has fully arrived goes to one of a fixed number of workers. A
 * client that trickles its headers or never finishes the body it announced holds a buffer, never a
 * thread; when its time is up it is answered 408 and closed. Headers have a size bound (431), bodies
 * API Gateway's (413), connections a count: at the count, a new connection ends the one that has
 * waited longest for its client (408), so holding connections open cannot lock others out.
 *
 * <p>Why not the JDK's HttpServer: it reads headers and body on its worker threads with no read
 * timeout, so as many stalled connections as workers froze the whole API.
 */
final class BoundedHttpServer implements AutoCloseable {
    /**
     * @param headerTimeout  from a request's first byte to the end of its headers
     * @param bodyTimeout    from the end of the headers to the end of the body; also for writing the answer
     * @param idleTimeout    how long a kept-alive connection may wait for its next request
     * @param maxHeaderBytes request line and headers together
     * @param maxBodyBytes   a body, after de-chunking
     * @param workers        threads that handle complete requests
     * @param maxConnections open connections at once
     */
    record Limits(Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, int maxHeaderBytes,
                  int maxBodyBytes, int workers, int maxConnections) {
        /** API Gateway's own limit on a request payload is 10 MB; 16 KiB of headers is more than browsers and platforms send. */
        static final Limits DEFAULT = new Limits(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30),
                16 * 1024, 10 * 1024 * 1024, 8, 256);
    }

    /** A request that has fully arrived. Header names are lower case; each keeps its values in order. */
    record Request(String method, String rawPath, String rawQuery, String protocol, Map<String, List<String>> headers,
                   byte[] body, String sourceIp) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    record Response(int status, Map<String, String> headers, byte[] body) {
    }

    interface Handler {
        Response handle(Request request) throws Exception;
    }

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    private static final long TICK_MS = 100;

    private final Limits limits;
    private final Handler handler;
    private final Consumer<String> log;
    private final Selector selector;
    private final ServerSocketChannel listener;
    private final ExecutorService workers;
    private final Queue<Connection> answered = new ConcurrentLinkedQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private final Thread loop;
    private volatile boolean open = true;
    private int connections;

    BoundedHttpServer(int port, Limits limits, Handler handler, Consumer<String> log) throws IOException {
        this.limits = limits;
        this.handler = handler;
        this.log = log;
        selector = Selector.open();
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress("127.0.0.1", port), 64);
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        workers = Executors.newFixedThreadPool(limits.workers(), r -> {
            Thread t = new Thread(r, "http-api-worker");
            t.setDaemon(true);
            return t;
        });
        loop = new Thread(this::run, "http-api-io");
        loop.setDaemon(true);
    }

    void start() {
        loop.start();
    }

    int port() {
        return listener.socket().getLocalPort();
    }

    private enum Phase { IDLE, HEADERS, BODY, CHUNKED, HANDLING, WRITING }

    private final class Connection {
        final SocketChannel channel;
        final String sourceIp;
        SelectionKey key;
        byte[] in = new byte[8192];
        int inLength;
        Phase phase = Phase.IDLE;
        /** When the current phase runs out (System.nanoTime): a started request gets 408, an idle connection is closed. */
        long deadline;
        /** When the connection last started waiting for its client (accepted, a request begun, an answer sent). */
        long since;
        String method;
        String rawPath;
        String rawQuery;
        String protocol;
        Map<String, List<String>> headers;
        int bodyStart;
        long contentLength;
        boolean keepAlive;
        int scan;
        ByteArrayOutputStream chunks;
        int consumed;
        volatile byte[] pending;
        boolean closeAfterWrite;
        ByteBuffer out;

        Connection(SocketChannel channel, String sourceIp) {
            this.channel = channel;
            this.sourceIp = sourceIp;
        }
    }

    private void run() {
        while (open) {
            try {
                selector.select(TICK_MS);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) continue;
                    if (key.isAcceptable()) {
                        accept();
                        continue;
                    }
                    Connection c = (Connection) key.attachment();
                    try {
                        if (key.isReadable()) read(c);
                        if (key.isValid() && key.isWritable()) write(c);
                    } catch (IOException e) {
                        close(c);
                    }
                }
                selector.selectedKeys().clear();
                for (Connection c; (c = answered.poll()) != null; ) startWriting(c);
                expire(System.nanoTime());
            } catch (IOException | RuntimeException e) {
                if (open) log.accept("HTTP API: " + e);
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = listener.accept()) != null) {
            channel.configureBlocking(false);
            channel.socket().setTcpNoDelay(true);
            if (connections >= limits.maxConnections() && !evictOneWaiting()) {
                // Every connection is being answered. Best effort: the answer fits an empty send buffer.
                channel.write(ByteBuffer.wrap(encode(plain(503, "Too many connections"), false, false)));
                channel.close();
                continue;
            }
            Connection c = new Connection(channel, ((InetSocketAddress) channel.getRemoteAddress()).getAddress().getHostAddress());
            c.key = channel.register(selector, SelectionKey.OP_READ, c);
            // A connection that never sends a request is held no longer than a request's headers may take.
            c.since = System.nanoTime();
            c.deadline = c.since + limits.headerTimeout().toNanos();
            connections++;
        }
    }

    /**
     * Makes room for a new connection by ending the one that has waited longest for its client
     * (idle, or a request still arriving), so that holding many connections open cannot lock
     * others out; connections being answered are never ended.
     */
    private boolean evictOneWaiting() {
        Connection oldest = null;
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection c && key.isValid() && c.phase != Phase.HANDLING && c.phase != Phase.WRITING
                    && (oldest == null || c.since - oldest.since < 0)) {
                oldest = c;
            }
        }
        if (oldest == null) return false;
        if (oldest.phase == Phase.IDLE) {
            close(oldest);
        } else {
            fail(oldest, 408, "Request Timeout: the request did not arrive in time");
        }
        return true;
    }

    private void read(Connection c) throws IOException {
        readBuffer.clear();
        int n = c.channel.read(readBuffer);
        if (n < 0) {
            close(c);
            return;
        }
        if (n == 0) return;
        long cap = (long) limits.maxHeaderBytes() + 2L * limits.maxBodyBytes() + readBuffer.capacity();
        if ((long) c.inLength + n > cap) {
            fail(c, 413, "Request Entity Too Large");
            return;
        }
        if (c.inLength + n > c.in.length) c.in = Arrays.copyOf(c.in, Math.max(c.in.length * 2, c.inLength + n));
        readBuffer.flip();
        readBuffer.get(c.in, c.inLength, n);
        c.inLength += n;
        advance(c);
    }

    /** Moves a connection's request on as far as the bytes it has sent allow. */
    private void advance(Connection c) throws IOException {
        if (c.phase == Phase.IDLE) {
            if (c.inLength == 0) return;
            c.phase = Phase.HEADERS;
            c.deadline = System.nanoTime() + limits.headerTimeout().toNanos();
        }
        if (c.phase == Phase.HEADERS) {
            int end = indexOf(c.in, 0, Math.min(c.inLength, limits.maxHeaderBytes()), "\r\n\r\n");
            if (end < 0) {
                if (c.inLength >= limits.maxHeaderBytes()) fail(c, 431, "Request Header Fields Too Large");
                return;
            }
            String problem = parseHead(c, new String(c.in, 0, end, StandardCharsets.ISO_8859_1));
            if (problem != null) return;
            c.bodyStart = end + 4;
            c.deadline = System.nanoTime() + limits.bodyTimeout().toNanos();
            if ("100-continue".equalsIgnoreCase(c.headers.getOrDefault("expect", List.of("")).get(0))
                    && c.inLength == c.bodyStart && (c.phase == Phase.CHUNKED || c.contentLength > 0)) {
                ByteBuffer interim = ByteBuffer.wrap(CONTINUE);
                c.channel.write(interim);
                if (interim.hasRemaining()) {
                    close(c);
                    return;
                }
            }
        }
        if (c.phase == Phase.BODY) {
            if (c.inLength - c.bodyStart < c.contentLength) return;
            c.consumed = c.bodyStart + (int) c.contentLength;
            dispatch(c, Arrays.copyOfRange(c.in, c.bodyStart, c.consumed));
        } else if (c.phase == Phase.CHUNKED) {
            dechunk(c);
        }
    }

    /** Reads the request line and headers; on a fault answers it and returns why. */
    private String parseHead(Connection c, String head) {
        String[] lines = head.split("\r\n", -1);
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || !TOKEN.matcher(requestLine[0]).matches() || !requestLine[1].startsWith("/")) {
            return fail(c, 400, "Bad Request: the request line is not METHOD /path HTTP/1.1");
        }
        if (!requestLine[2].equals("HTTP/1.1") && !requestLine[2].equals("HTTP/1.0")) {
            return fail(c, 505, "HTTP Version Not Supported");
        }
        URI uri;
        try {
            uri = new URI("http://127.0.0.1" + requestLine[1]);
        } catch (URISyntaxException e) {
            return fail(c, 400, "Bad Request: the path is not a valid URI");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches()) {
                return fail(c, 400, "Bad Request: a header line is not name: value");
            }
            String value = line.substring(colon + 1).strip();
            if (value.chars().anyMatch(ch -> (ch < 0x20 && ch != '\t') || ch == 0x7f)) {
                return fail(c, 400, "Bad Request: a header value holds a control character");
            }
            headers.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
        }
        c.method = requestLine[0].toUpperCase(Locale.ROOT);
        c.rawPath = uri.getRawPath();
        c.rawQuery = uri.getRawQuery();
        c.protocol = requestLine[2];
        c.headers = headers;
        String connection = String.join(",", headers.getOrDefault("connection", List.of())).toLowerCase(Locale.ROOT);
        c.keepAlive = c.protocol.equals("HTTP/1.1") && !connection.contains("close");
        List<String> lengths = headers.get("content-length");
        List<String> encodings = headers.get("transfer-encoding");
        // Both, or lengths that disagree, is how requests are smuggled past one reader to another.
        if (lengths != null && encodings != null) return fail(c, 400, "Bad Request: both Content-Length and Transfer-Encoding");
        if (encodings != null) {
            if (encodings.size() != 1 || !encodings.get(0).equalsIgnoreCase("chunked")) {
                return fail(c, 501, "Not Implemented: only chunked transfer encoding");
            }
            c.phase = Phase.CHUNKED;
            c.scan = -1;
            c.chunks = new ByteArrayOutputStream();
            return null;
        }
        if (lengths != null) {
            String first = lengths.get(0);
            if (!DIGITS.matcher(first).matches() || lengths.stream().anyMatch(v -> !v.equals(first))) {
                return fail(c, 400, "Bad Request: Content-Length is not one decimal number");
            }
            c.contentLength = Long.parseLong(first);
            if (c.contentLength > limits.maxBodyBytes()) return fail(c, 413, "Request Entity Too Large");
        } else {
            c.contentLength = 0;
        }
        c.phase = Phase.BODY;
        return null;
    }

    /** Decodes as many whole chunks as have arrived; dispatches when the last one and the trailers are in. */
    private void dechunk(Connection c) throws IOException {
        if (c.scan < 0) c.scan = c.bodyStart;
        while (true) {
            int lineEnd = indexOf(c.in, c.scan, c.inLength, "\r\n");
            if (lineEnd < 0) {
                if (c.inLength - c.scan > 1024) fail(c, 400, "Bad Request: a chunk size line is too long");
                return;
            }
            String sizeField = new String(c.in, c.scan, lineEnd - c.scan, StandardCharsets.ISO_8859_1);
            int semicolon = sizeField.indexOf(';');
            if (semicolon >= 0) sizeField = sizeField.substring(0, semicolon);
            sizeField = sizeField.strip();
            if (!sizeField.matches("[0-9A-Fa-f]{1,8}")) {
                fail(c, 400, "Bad Request: a chunk size is not hexadecimal");
                return;
            }
            long size = Long.parseLong(sizeField, 16);
            if (size == 0) {
                int trailers = lineEnd + 2;
                if (c.inLength - trailers < 2) return;
                int end;
                if (c.in[trailers] == '\r' && c.in[trailers + 1] == '\n') {
                    end = trailers + 2;
                } else {
                    int t = indexOf(c.in, trailers, Math.min(c.inLength, trailers + limits.maxHeaderBytes()), "\r\n\r\n");
                    if (t < 0) {
                        if (c.inLength - trailers >= limits.maxHeaderBytes()) fail(c, 431, "Request Header Fields Too Large");
                        return;
                    }
                    end = t + 4;
                }
                c.consumed = end;
                dispatch(c, c.chunks.toByteArray());
                return;
            }
            if (c.chunks.size() + size > limits.maxBodyBytes()) {
                fail(c, 413, "Request Entity Too Large");
                return;
            }
            long dataEnd = lineEnd + 2 + size;
            if (c.inLength < dataEnd + 2) return;
            if (c.in[(int) dataEnd] != '\r' || c.in[(int) dataEnd + 1] != '\n') {
                fail(c, 400, "Bad Request: a chunk is longer than its size");
                return;
            }
            c.chunks.write(c.in, lineEnd + 2, (int) size);
            c.scan = (int) dataEnd + 2;
        }
    }

    private void dispatch(Connection c, byte[] body) {
        c.phase = Phase.HANDLING;
        c.key.interestOps(0);
        Request request = new Request(c.method, c.rawPath, c.rawQuery, c.protocol, c.headers, body, c.sourceIp);
        workers.execute(() -> {
            Response response;
            try {
                response = handler.handle(request);
            } catch (Exception | Error e) {
                log.accept("HTTP API: " + request.method() + " " + request.rawPath() + " failed: " + e);
                response = plain(500, "Internal Server Error");
            }
            c.pending = encode(response, request.method().equals("HEAD"), c.keepAlive);
            c.closeAfterWrite = !c.keepAlive;
            answered.add(c);
            selector.wakeup();
        });
    }

    /** Answers a request that cannot go on and closes the connection after the answer. */
    private String fail(Connection c, int status, String message) {
        c.pending = encode(plain(status, message), false, false);
        c.closeAfterWrite = true;
        startWriting(c);
        return message;
    }

    private void startWriting(Connection c) {
        if (!c.channel.isOpen()) return;
        c.phase = Phase.WRITING;
        c.out = ByteBuffer.wrap(c.pending);
        c.pending = null;
        c.deadline = System.nanoTime() + limits.bodyTimeout().toNanos();
        c.key.interestOps(SelectionKey.OP_WRITE);
    }

    private void write(Connection c) throws IOException {
        if (c.out == null) return;
        c.channel.write(c.out);
        if (c.out.hasRemaining()) return;
        c.out = null;
        if (c.closeAfterWrite) {
            close(c);
            return;
        }
        // Keep-alive: what the client sent after this request (pipelined) is the start of the next.
        System.arraycopy(c.in, c.consumed, c.in, 0, c.inLength - c.consumed);
        c.inLength -= c.consumed;
        c.consumed = 0;
        c.headers = null;
        c.chunks = null;
        c.phase = Phase.IDLE;
        c.since = System.nanoTime();
        c.deadline = c.since + limits.idleTimeout().toNanos();
        c.key.interestOps(SelectionKey.OP_READ);
        advance(c);
    }

    private void expire(long now) {
        for (SelectionKey key : selector.keys()) {
            if (!(key.attachment() instanceof Connection c) || !key.isValid() || now - c.deadline < 0) continue;
            switch (c.phase) {
                case HEADERS, BODY, CHUNKED -> fail(c, 408, "Request Timeout: the request did not arrive in time");
                case IDLE, WRITING -> close(c);
                case HANDLING -> { }
            }
        }
    }

    private void close(Connection c) {
        if (c.key != null && c.key.isValid()) {
            c.key.cancel();
            connections--;
        }
        try {
            c.channel.close();
        } catch (IOException ignored) {
            // Closing is all that was wanted.
        }
    }

    static Response plain(int status, String message) {
        String json = "{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        return new Response(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] encode(Response r, boolean head, boolean keepAlive) {
        StringBuilder h = new StringBuilder("HTTP/1.1 ").append(r.status()).append(' ').append(reason(r.status())).append("\r\n");
        r.headers().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean framing = lower.equals("content-length") || lower.equals("connection") || lower.equals("transfer-encoding");
            // A function's header that could end the header block or split it is dropped, never written.
            if (!framing && TOKEN.matcher(name).matches() && value.chars().noneMatch(ch -> ch == '\r' || ch == '\n' || ch == 0)) {
                h.append(name).append(": ").append(value).append("\r\n");
            }
        });
        boolean bodyless = r.status() == 204 || r.status() == 304;
        if (!bodyless) h.append("Content-Length: ").append(r.body().length).append("\r\n");
        if (!keepAlive) h.append("Connection: close\r\n");
        h.append("\r\n");
        byte[] head0 = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (head || bodyless) return head0;
        byte[] all = Arrays.copyOf(head0, head0.length + r.body().length);
        System.arraycopy(r.body(), 0, all, head0.length, r.body().length);
        return all;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
    }

    private static int indexOf(byte[] data, int from, int to, String ascii) {
        byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = Math.max(0, from); i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (data[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        open = false;
        selector.wakeup();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException ignored) {
                // Shutting down.
            }
        }
        try {
            selector.close();
            listener.close();
        } catch (IOException ignored) {
            // Shutting down.
        }
        workers.shutdownNow();
    }
}
