package io.webfon.gateway;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Sends the node's own Janus API listeners a few thousand stateless requests over loopback after start
 * ({@code media.warm_up}), so that the first browsers do not meet the Vert.x and Netty request paths, the CORS
 * preflight, the JSON reader and writer and the WebSocket frames in the interpreter. A fresh node took 1-18 ms
 * to answer a CORS preflight or a trickle during a browser's first calls (Janus: 0.05-1 ms), and those paths
 * only get compiled after some 200 requests each.
 *
 * <p>Only requests that create nothing and need no credentials: {@code info} and {@code ping} (POST, GET and
 * WebSocket) and CORS preflights. No session is created, nothing is logged per request, and no request can be
 * refused for a missing secret or token, so the security log (and fail2ban) never hears of the warm-up.
 * The in-memory media and signalling rounds ({@code MediaWarmUp}, {@code SignallingWarmUp}) cover the rest.
 *
 * <p>The client side is hand-written on blocking sockets, on purpose: it only ever talks to this node, with
 * fixed requests, and a library client stays in memory after its few seconds of work. The JDK's HttpClient
 * kept 8 MiB of direct buffers and its threads; Vert.x's added its classes, their compiled code and Netty
 * buffers, 13 MiB of idle RSS in all, over the 150 MiB the node is held to.
 */
final class TransportWarmUp implements Runnable {
    private static final Logger LOG = LogManager.getLogger(TransportWarmUp.class);
    /** Rounds per connection; each path is then used well past the JIT's 200 invocations. */
    private static final int ROUNDS = 300;
    /** One connection per event loop, so that neither loop's first requests are a browser's. */
    private static final int CONNECTIONS = 2;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(8);
    private static final int TIMEOUT_MILLIS = 5000;

    /** A Janus API HTTP listener: its host, port, base path (e.g. {@code /janus}) and CORS origin. */
    record HttpTarget(String host, int port, String basePath, String origin) {
    }

    /** A Janus API WebSocket listener. */
    record WebSocketTarget(String host, int port) {
    }

    private final HttpTarget http;
    private final WebSocketTarget websocket;
    private final BooleanSupplier nodeClosed;
    private final long deadline;
    private int requests;

    /**
     * @param http the HTTP listener, or null
     * @param websocket the WebSocket listener, or null
     * @param nodeClosed whether the node is stopping (its listeners going away is then no warm-up failure)
     */
    TransportWarmUp(HttpTarget http, WebSocketTarget websocket, BooleanSupplier nodeClosed) {
        this.http = http;
        this.websocket = websocket;
        this.nodeClosed = nodeClosed;
        this.deadline = System.nanoTime() + BUDGET_NANOS;
    }

    /** The address a client on this machine reaches a listener bound to {@code host} at. */
    static String loopbackFor(String host) {
        return switch (host) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "[::]" -> "::1";
            default -> host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        };
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        try {
            // One connection after the other: a listener hands each new connection to the next event loop.
            for (int i = 0; i < CONNECTIONS; i++) {
                if (http != null) {
                    try (HttpConnection c = new HttpConnection(http.host(), http.port())) {
                        httpRounds(c);
                    }
                }
                if (websocket != null) {
                    try (WebSocketConnection c = new WebSocketConnection(websocket.host(), websocket.port())) {
                        webSocketRounds(c);
                    }
                }
            }
            LOG.info("Janus API transports warmed up in {} ms ({} requests)",
                    (System.nanoTime() - start) / 1_000_000, requests);
        } catch (IOException | RuntimeException e) {
            if (!nodeClosed.getAsBoolean()) {
                LOG.warn("Janus API transport warm-up stopped after {} requests (the first calls will only be "
                        + "slower): {}", requests, e.toString());
            }
        }
    }

    private void httpRounds(HttpConnection c) throws IOException {
        String base = http.basePath().replaceAll("/+$", "");
        String origin = "Origin: " + http.origin() + "\r\n";
        for (int i = 0; i < ROUNDS && System.nanoTime() < deadline; i++) {
            expect200(c.exchange("OPTIONS " + base + "/1/2", origin + "Access-Control-Request-Method: POST\r\n"
                    + "Access-Control-Request-Headers: content-type\r\n", null), "preflight");
            for (String verb : List.of("info", "ping")) {
                expect200(c.exchange("POST " + (base.isEmpty() ? "/" : base), origin
                        + "Content-Type: application/json\r\n", request(verb, i)), verb);
            }
            expect200(c.exchange("GET " + base + "/info", origin, null), "GET info");
        }
    }

    private void expect200(int status, String what) {
        requests++;
        if (status != 200) {
            throw new IllegalStateException(what + " answered HTTP " + status);
        }
    }

    private void webSocketRounds(WebSocketConnection c) throws IOException {
        for (int i = 0; i < ROUNDS && System.nanoTime() < deadline; i++) {
            for (String verb : List.of("info", "ping")) {
                c.sendText(request(verb, i));
                c.readText();
                requests++;
            }
        }
    }

    private static byte[] request(String verb, int round) {
        return ("{\"janus\":\"" + verb + "\",\"transaction\":\"warm-up-" + round + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** HTTP/1.1 on one kept-alive connection: a request out, its status and Content-Length body read back. */
    private static class HttpConnection implements Closeable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final String hostHeader;

        HttpConnection(String host, int port) throws IOException {
            socket = new Socket(host, port);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            hostHeader = "Host: " + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port + "\r\n";
        }

        /** Sends {@code "METHOD path"} with extra header lines and an optional body; returns the status. */
        int exchange(String requestLine, String headers, byte[] body) throws IOException {
            StringBuilder head = new StringBuilder(256).append(requestLine).append(" HTTP/1.1\r\n")
                    .append(hostHeader).append(headers);
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return readResponse();
        }

        int readResponse() throws IOException {
            String status = readLine();
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP response: " + status);
            }
            long length = 0;
            for (String line = readLine(); !line.isEmpty(); line = readLine()) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(line.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:")) {
                    throw new IOException("unexpected " + line);
                }
            }
            in.skipNBytes(length);
            return Integer.parseInt(parts[1]);
        }

        String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(64);
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new EOFException("connection closed by the listener");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** An RFC 6455 client on the same socket: the upgrade, then masked text frames out and text frames in. */
    private static final class WebSocketConnection extends HttpConnection {
        private final SecureRandom random = new SecureRandom();

        WebSocketConnection(String host, int port) throws IOException {
            super(host, port);
            byte[] key = new byte[16];
            random.nextBytes(key);
            out.write(("GET / HTTP/1.1\r\n" + hostHeader + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: janus-protocol\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = readLine();
            if (!status.startsWith("HTTP/1.1 101")) {
                throw new IOException("WebSocket upgrade refused: " + status);
            }
            String header;
            do {
                header = readLine(); // the 101's headers: nothing to keep
            } while (!header.isEmpty());
        }

        void sendText(byte[] payload) throws IOException {
            sendFrame(0x81, payload);
        }

        private void sendFrame(int finAndOpcode, byte[] payload) throws IOException {
            if (payload.length > 0xFFFF) {
                throw new IllegalArgumentException("frame too long for this client");
            }
            byte[] mask = new byte[4];
            random.nextBytes(mask);
            ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 8);
            frame.write(finAndOpcode);
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            } else {
                frame.write(0x80 | 126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length & 0xFF);
            }
            frame.write(mask, 0, 4);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i & 3]);
            }
            frame.writeTo(out);
            out.flush();
        }

        /** Reads frames until a whole text message has come; returns its length. */
        int readText() throws IOException {
            int total = 0;
            while (true) {
                int b0 = readByte();
                int b1 = readByte();
                long length = b1 & 0x7F;
                if (length == 126) {
                    length = (readByte() << 8) | readByte();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | readByte();
                    }
                }
                if ((b1 & 0x80) != 0) {
                    throw new IOException("masked frame from the listener");
                }
                int opcode = b0 & 0x0F;
                if (opcode == 0x8) {
                    throw new EOFException("WebSocket closed by the listener");
                }
                in.skipNBytes(length);
                if (opcode == 0x1 || opcode == 0x0) {
                    total += (int) length;
                    if ((b0 & 0x80) != 0) {
                        return total;
                    }
                }
            }
        }

        private int readByte() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the listener");
            }
            return b;
        }

        @Override
        public void close() throws IOException {
            try {
                sendFrame(0x88, new byte[] {0x03, (byte) 0xE8}); // close, 1000 (normal closure)
            } catch (IOException e) {
                // the socket is closed below anyway
            }
            super.close();
        }
    }
}
