package io.webfon.it.differential;

import java.net.URI;

/** Where a server under comparison listens: Janus API and admin API, over HTTP and WebSocket. */
record Endpoints(URI http, URI ws, URI adminHttp, URI adminWs) {

    static Endpoints onLoopback(int http, int ws, int adminHttp, int adminWs) {
        return new Endpoints(URI.create("http://127.0.0.1:" + http + "/janus"),
                URI.create("ws://127.0.0.1:" + ws), URI.create("http://127.0.0.1:" + adminHttp + "/admin"),
                URI.create("ws://127.0.0.1:" + adminWs));
    }
}
