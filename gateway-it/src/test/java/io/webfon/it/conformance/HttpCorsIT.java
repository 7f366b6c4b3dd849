package io.webfon.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The {@code cors} section as Janus's HTTP transport applies it: a custom {@code allow_origin} is sent with
 * {@code Access-Control-Allow-Credentials} and {@code Vary: Origin}; with {@code enforce_cors} a request whose
 * {@code Origin} does not start with it is refused with 403 (janus_http.c {@code janus_http_add_cors_headers}).
 */
class HttpCorsIT {
    private static final String ORIGIN = "https://webfon.example";
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> post(TestNode node, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(node.httpUri()).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Requests.of("ping"))));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertCustomCors(HttpHeaders headers) {
        assertThat(headers.firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(headers.firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(headers.firstValue("Vary")).hasValue("Origin");
    }

    @Test
    void customAllowOriginAddsCredentialsAndVary() throws Exception {
        try (TestNode node = TestNode.start("cors.allow_origin=" + ORIGIN)) {
            HttpResponse<String> options = client.send(HttpRequest.newBuilder(node.httpUri())
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", ORIGIN).header("Access-Control-Request-Method", "POST")
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(options.statusCode()).isEqualTo(200);
            assertCustomCors(options.headers());
            HttpResponse<String> post = post(node, "https://elsewhere.example");
            assertThat(post.statusCode()).as("without enforce_cors other origins are served").isEqualTo(200);
            assertCustomCors(post.headers());
        }
    }

    @Test
    void enforceCorsRefusesOtherOriginsWith403() throws Exception {
        try (TestNode node = TestNode.start("cors.allow_origin=" + ORIGIN, "cors.enforce_cors=true")) {
            HttpResponse<String> evil = post(node, "https://evil.example");
            assertThat(evil.statusCode()).isEqualTo(403);
            assertCustomCors(evil.headers());
            assertThat(post(node, null).statusCode()).as("no Origin at all").isEqualTo(403);
            HttpResponse<String> ok = post(node, ORIGIN);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(Json.parse(ok.body()).path("janus").asText()).isEqualTo("pong");
        }
    }
}
