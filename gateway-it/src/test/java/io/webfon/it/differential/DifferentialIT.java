package io.webfon.it.differential;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The differential test: every conversation in {@code conversations/} is played against Debian's janus and
 * against our node, configured alike ({@code conversations/configs.json}), over WebSocket and over HTTP, and
 * the two transcripts must agree field by field except where {@link KnownDifferences} says we differ on
 * purpose. Transcripts are kept in {@code gateway-it/target/differential/} for reading.
 *
 * <p>Conversations under {@code conversations/pending/} show differences that are bugs of ours; they run only
 * with {@code -Dwebfon.differential.pending=true} and fail until the product is fixed.
 */
class DifferentialIT {
    private static final Map<String, Environment> ENVIRONMENTS = new HashMap<>();

    /** Janus and our node with the same settings. */
    private record Environment(ReferenceJanus janus, TestNode node, Endpoints ours) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            try {
                node.close();
            } finally {
                janus.close();
            }
        }
    }

    @AfterAll
    static void stopServers() throws Exception {
        for (Environment e : ENVIRONMENTS.values()) {
            e.close();
        }
        ENVIRONMENTS.clear();
        KnownDifferences.unused().forEach(e -> System.out.println("[differential] known difference not seen: "
                + e.conversation() + " / " + e.step() + " " + e.pointer()));
    }

    @TestFactory
    Stream<DynamicTest> conversationsAgreeWithJanus() {
        assumeTrue(ReferenceJanus.installed(),
                "Debian's janus is not installed (apt-get install janus): differential tests skipped");
        return tests(Conversation.loadAll("/conversations"));
    }

    @TestFactory
    @EnabledIfSystemProperty(named = "webfon.differential.pending", matches = "true",
            disabledReason = "pending product fixes: conversations/pending/ fail until the bugs they show are fixed")
    Stream<DynamicTest> pendingFixes() {
        assumeTrue(ReferenceJanus.installed(), "Debian's janus is not installed (apt-get install janus)");
        return tests(Conversation.loadAll("/conversations/pending"));
    }

    private Stream<DynamicTest> tests(List<Conversation> conversations) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Conversation c : conversations) {
            for (String transport : List.of(Conversation.WS, Conversation.HTTP)) {
                if (c.runsOver(transport)) {
                    tests.add(DynamicTest.dynamicTest(c.name() + " over " + transport, () -> check(c, transport)));
                }
            }
        }
        return tests.stream();
    }

    private static void check(Conversation c, String transport) throws Exception {
        Environment env = environment(c.config());
        ConversationRunner.Transcript janus = ConversationRunner.run(c, transport, env.janus().endpoints());
        ConversationRunner.Transcript ours = ConversationRunner.run(c, transport, env.ours());
        List<String> problems = fixtureProblems(c, transport, janus);
        List<String> report = new ArrayList<>();
        int explained = 0;
        for (Comparison.Difference d : Comparison.compare(c.name(), transport, janus, ours)) {
            KnownDifferences.Entry e = KnownDifferences.explain(d);
            if (e == null) {
                problems.add(d.describe());
                report.add("UNEXPLAINED " + d.describe());
            } else {
                explained++;
                report.add("known       " + d.describe() + "\n            because " + e.reason());
            }
        }
        Path diff = keep(c, transport, janus, ours, report);
        System.out.println("[differential] " + c.name() + " over " + transport + ": " + explained
                + " known difference(s), " + problems.size() + " unexplained; " + diff);
        if (!problems.isEmpty()) {
            fail(problems.size() + " unexplained difference(s) from Janus in " + c.name() + " over " + transport
                    + " (" + c.description() + "); transcripts and diff in " + outputDir() + ", janus log "
                    + env.janus().logFile() + ":\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * What Janus did that the fixture did not expect: the reference decides how many messages a step yields, so a
     * wrong {@code receive} count (or a runner failure) is reported instead of passing unnoticed on both sides.
     */
    private static List<String> fixtureProblems(Conversation c, String transport, ConversationRunner.Transcript janus) {
        List<String> problems = new ArrayList<>();
        for (Conversation.Step step : c.steps()) {
            List<JsonNode> messages = janus.steps().get(step.name());
            if (messages == null) {
                continue;
            }
            messages.stream().filter(m -> m.has("@error")).forEach(m ->
                    problems.add("janus itself failed at step '" + step.name() + "': " + m.get("@error").asText()));
            if (messages.size() != step.receive()) {
                problems.add("fixture: step '" + step.name() + "' expects " + step.receive() + " message(s) but janus "
                        + "sent " + messages.size() + " over " + transport + ": " + messages);
            }
        }
        return problems;
    }

    private static synchronized Environment environment(String config) throws Exception {
        Environment env = ENVIRONMENTS.get(config);
        if (env != null) {
            return env;
        }
        JsonNode settings = Conversation.resource("/conversations/configs.json").get(config);
        if (settings == null) {
            throw new IllegalStateException("conversations/configs.json has no configuration '" + config + "'");
        }
        List<String> janusArgs = new ArrayList<>();
        List<String> nodeArgs = new ArrayList<>();
        settings.fields().forEachRemaining(e -> {
            janusArgs.add(e.getKey() + "=" + e.getValue().asText());
            nodeArgs.add("general." + e.getKey() + "=" + e.getValue().asText());
        });
        ReferenceJanus janus = ReferenceJanus.start(config, janusArgs);
        Path log = Files.createTempDirectory(Files.createDirectories(outputDir()), "node-" + config + "-")
                .resolve("node.log");
        nodeArgs.add("general.log_to_stdout=false");
        TestNode node;
        try {
            node = TestNode.start(log, nodeArgs.toArray(String[]::new));
        } catch (Exception | Error e) {
            janus.close();
            throw e;
        }
        env = new Environment(janus, node, new Endpoints(node.httpUri(), node.wsUri(),
                node.adminHttpUri(), node.adminWsUri()));
        ENVIRONMENTS.put(config, env);
        return env;
    }

    private static Path outputDir() {
        return ReferenceJanus.repo().resolve("gateway-it/target/differential");
    }

    /** Writes both transcripts and the differences next to them, for reading; returns the diff file. */
    private static Path keep(Conversation c, String transport, ConversationRunner.Transcript janus,
            ConversationRunner.Transcript ours, List<String> report) throws IOException {
        Path dir = Files.createDirectories(outputDir());
        String base = c.name() + "." + transport;
        for (Map.Entry<String, ConversationRunner.Transcript> t
                : Map.of("janus", janus, "ours", ours).entrySet()) {
            ObjectNode all = Json.object();
            t.getValue().steps().forEach((step, messages) -> messages.forEach(m -> all.withArray(step).add(m)));
            Files.writeString(dir.resolve(base + "." + t.getKey() + ".json"),
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(all));
        }
        return Files.write(dir.resolve(base + ".diff.txt"), report);
    }
}
