package io.webfon.janus.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListenerGroupTest {
    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Each server answers with the name of the thread it runs on. */
    private ListenerGroup group(int instances) throws Exception {
        ListenerGroup group = new ListenerGroup();
        group.listen(vertx, new HttpServerOptions().setHost("127.0.0.1").setPort(0), instances,
                server -> server.requestHandler(req -> req.response().end(Thread.currentThread().getName())))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return group;
    }

    @Test
    void connectionsSpreadOverTheEventLoops() throws Exception {
        ListenerGroup group = group(2);
        Set<String> threads = new HashSet<>();
        List<Socket> open = new ArrayList<>();
        try {
            // Connections are handed to the servers in turn; keep them all open so none is reused.
            for (int i = 0; i < 6; i++) {
                Socket s = new Socket("127.0.0.1", group.port());
                open.add(s);
                threads.add(get(s));
            }
        } finally {
            for (Socket s : open) {
                s.close();
            }
            group.close();
        }
        assertThat(threads).hasSize(2).allMatch(t -> t.startsWith("vert.x-eventloop-thread-"));
    }

    @Test
    void oneInstanceServesAndClosingFreesThePort() throws Exception {
        ListenerGroup group = group(1);
        int port = group.port();
        try (Socket s = new Socket("127.0.0.1", port)) {
            assertThat(get(s)).startsWith("vert.x-eventloop-thread-");
        }
        group.close();
        assertThat(group.port()).isEqualTo(-1);
        // The port is free when it can be bound again; a listener left open keeps this bind failing. The bind is
        // retried for a while: Vert.x completes the close when Netty closed the channel, but the JDK releases a
        // listening socket registered with a selector only at that selector's next select on the event loop, a
        // moment later. (CI saw both sides of that moment: a connect accepted, then a bind refused, right after
        // close.)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try (java.net.ServerSocket again = new java.net.ServerSocket()) {
                again.setReuseAddress(true);
                again.bind(new java.net.InetSocketAddress("127.0.0.1", port));
                assertThat(again.getLocalPort()).isEqualTo(port);
                return;
            } catch (java.net.BindException stillListening) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("port " + port + " still bound 5 s after the group closed",
                            stillListening);
                }
                Thread.sleep(10);
            }
        }
    }

    @Test
    void aPortTakenElsewhereFailsTheWholeGroup() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            ListenerGroup group = new ListenerGroup();
            var started = group.listen(vertx, new HttpServerOptions().setHost("127.0.0.1")
                    .setPort(taken.getLocalPort()), 2, server -> server.requestHandler(req -> req.response().end()));
            assertThatThrownBy(() -> started.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .hasMessageContaining("ddress already in use");
            assertThat(group.port()).isEqualTo(-1);
        }
    }

    /** One HTTP/1.1 GET on a kept-alive connection; returns the body. */
    private static String get(Socket s) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        int length = -1;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        char[] body = new char[length];
        int read = 0;
        while (read < length) {
            read += in.read(body, read, length - read);
        }
        return new String(body);
    }
}
