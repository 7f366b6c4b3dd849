package io.webfon.it.conformance;

import static io.webfon.it.conformance.Replies.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The admin API's stored tokens with {@code token_auth=true} (janus.c {@code janus_request_allow_token},
 * {@code list_tokens}, {@code remove_token}; checked against Debian's janus 1.1.2), over HTTP and WebSocket.
 * Each test uses token names of its own, so the tests do not depend on each other's order.
 */
class AdminTokensIT {
    private static final String ECHOTEST = "janus.plugin.echotest";
    private static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start("general.token_auth=true");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static String token(AdminChannel.Via via, String name) {
        return "tok-" + name + "-" + via.name().toLowerCase(Locale.ROOT);
    }

    private static ObjectNode tokenRequest(String verb, String token, String... plugins) {
        ObjectNode r = Requests.of(verb).put("token", token);
        if (plugins.length > 0) {
            var list = r.putArray("plugins");
            for (String p : plugins) {
                list.add(p);
            }
        }
        return r;
    }

    private static List<String> plugins(JsonNode reply) {
        Replies.assertKind(reply, "success");
        List<String> out = new ArrayList<>();
        reply.at("/data/plugins").forEach(p -> out.add(p.asText()));
        return out;
    }

    /** The plugins {@code list_tokens} reports for a token, or {@code null} when it does not list it. */
    private static List<String> listed(AdminChannel admin, String token) throws Exception {
        JsonNode reply = admin.call("list_tokens");
        Replies.assertKind(reply, "success");
        for (JsonNode t : reply.at("/data/tokens")) {
            if (token.equals(t.path("token").asText())) {
                List<String> out = new ArrayList<>();
                t.path("allowed_plugins").forEach(p -> out.add(p.asText()));
                return out;
            }
        }
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void addTokenWithoutPluginsGrantsEveryPlugin(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node)) {
            String token = token(via, "all");
            assertThat(plugins(admin.call(tokenRequest("add_token", token)))).containsExactly(ECHOTEST);
            assertThat(listed(admin, token)).containsExactly(ECHOTEST);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void addTokenWithPluginsGrantsOnlyThoseThatExist(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node)) {
            String token = token(via, "some");
            JsonNode reply = admin.call(tokenRequest("add_token", token, ECHOTEST, "janus.plugin.nope"));
            assertThat(plugins(reply)).containsExactly(ECHOTEST);
            String none = token(via, "none");
            assertThat(plugins(admin.call(tokenRequest("add_token", none, "janus.plugin.nope")))).isEmpty();
            // list_tokens leaves out tokens that may use no plugin, as Janus does.
            assertThat(listed(admin, none)).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void addTokenValidatesItsParameters(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node)) {
            assertError(admin.call("add_token"), 456, "Missing mandatory element (token)");
            assertError(admin.call(Requests.of("add_token").put("token", 5)), 467,
                    "Invalid element type (token should be a string)");
            assertError(admin.call(Requests.of("add_token").put("token", token(via, "bad")).put("plugins", "x")),
                    467, "Invalid element type (plugins should be an array)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void disallowAndAllowTokenChangeItsPlugins(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node)) {
            String token = token(via, "toggle");
            plugins(admin.call(tokenRequest("add_token", token)));
            assertThat(plugins(admin.call(tokenRequest("disallow_token", token, ECHOTEST)))).isEmpty();
            assertThat(listed(admin, token)).isNull();
            assertThat(plugins(admin.call(tokenRequest("allow_token", token, ECHOTEST)))).containsExactly(ECHOTEST);
            assertThat(listed(admin, token)).containsExactly(ECHOTEST);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void allowOrDisallowUnknownTokenIs470(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node)) {
            String token = token(via, "never-added");
            assertError(admin.call(tokenRequest("allow_token", token, ECHOTEST)), 470, "Token " + token + " not found");
            assertError(admin.call(tokenRequest("disallow_token", token, ECHOTEST)), 470,
                    "Token " + token + " not found");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void allowTokenNeedsANonEmptyListOfExistingPlugins(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node)) {
            String token = token(via, "strict");
            plugins(admin.call(tokenRequest("add_token", token)));
            String empty = "Invalid element type (plugins should be a non-empty array)";
            assertError(admin.call(tokenRequest("allow_token", token)), 467, empty);
            ObjectNode emptyList = tokenRequest("disallow_token", token);
            emptyList.putArray("plugins");
            assertError(admin.call(emptyList), 467, empty);
            assertError(admin.call(tokenRequest("allow_token", token, "janus.plugin.nope")), 467,
                    "Invalid element type (some of the provided plugins are invalid)");
            assertThat(listed(admin, token)).containsExactly(ECHOTEST);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void removeTokenForgetsItAndUnknownIs490(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node)) {
            String token = token(via, "removed");
            plugins(admin.call(tokenRequest("add_token", token)));
            JsonNode removed = admin.call(tokenRequest("remove_token", token));
            Replies.assertKind(removed, "success");
            assertThat(listed(admin, token)).isNull();
            assertError(admin.call(tokenRequest("remove_token", token)), 490, "Error removing token");
            assertError(admin.call(tokenRequest("allow_token", token, ECHOTEST)), 470,
                    "Token " + token + " not found");
            assertError(admin.call("remove_token"), 456, "Missing mandatory element (token)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void getStatusReportsTokenAuth(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node)) {
            assertThat(admin.call("get_status").at("/status/token_auth").asBoolean(false)).isTrue();
        }
    }
}
