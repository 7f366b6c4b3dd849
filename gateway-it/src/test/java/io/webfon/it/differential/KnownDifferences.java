package io.webfon.it.differential;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Where our node differs from Janus 1.x ON PURPOSE, one entry per difference. Anything that differs and is not
 * listed here fails the differential test. Bugs do not belong here: they stay failing, in the conversations
 * under {@code conversations/pending/}, until the product is fixed.
 *
 * <p>Conversation and step are glob patterns ({@code *} for any); the pointer is a JSON pointer into one message
 * of the step, where {@code *} stands for one path segment and a trailing {@code /**} for anything below; the
 * empty pointer is a whole message one side sent and the other did not. Steps that expect an error code end their
 * name with it ("...: 454"), which is how the reason-text entries find them. docs/janus-api.md ("Differences from
 * Janus, on purpose") is the prose version of this list.
 */
final class KnownDifferences {

    record Entry(String conversation, String step, String pointer, String reason) {
        private static Pattern regex(String glob, boolean pointerSyntax) {
            if (pointerSyntax && glob.endsWith("/**")) {
                return Pattern.compile(quoteGlob(glob.substring(0, glob.length() - 3), "[^/]*") + "(/.*)?");
            }
            return Pattern.compile(quoteGlob(glob, pointerSyntax ? "[^/]*" : ".*"));
        }

        private static String quoteGlob(String glob, String star) {
            String[] parts = glob.split("\\*", -1);
            StringBuilder re = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    re.append(star);
                }
                if (!parts[i].isEmpty()) {
                    re.append(Pattern.quote(parts[i]));
                }
            }
            return re.toString();
        }

        boolean covers(Comparison.Difference d) {
            return regex(conversation, false).matcher(d.conversation()).matches()
                    && regex(step, false).matcher(d.step()).matches()
                    && regex(pointer, true).matcher(d.pointer()).matches();
        }
    }

    private static final String MEDIA = "differs: our media engine (ice4j, Bouncy Castle, jitsi-srtp) is not libnice/"
            + "libsrtp and has its own settings and defaults (docs/media.md)";
    private static final String OWN = "we describe our own software, not Janus's";

    static final List<Entry> ENTRIES = List.of(
            // info (Janus API and admin API): who we are
            entry("*", "*", "/name", "info.name: we report our own name"),
            entry("*", "*", "/version", "info.version: our own version number"),
            entry("*", "*", "/version_string", "info.version_string: our own version"),
            entry("*", "*", "/author", "info.author: " + OWN),
            entry("*", "*", "/compile-time", "info.compile-time: our own build"),
            entry("*", "*", "/log-path", "info.log-path: each server under test logs to its own file"),
            entry("*", "*", "/dependencies/**",
                    "info.dependencies: we list our libraries (Java, Vert.x, Netty ...), not Janus's C libraries"),
            entry("*", "*", "/transports/*/*", "info.transports descriptors: " + OWN + " transports"),
            entry("*", "*", "/plugins/*/*", "info.plugins descriptors: " + OWN + " echotest"),
            // info: media settings
            entry("*", "*", "/data_channels", "info.data_channels is false: no data channels yet (docs/media.md)"),
            entry("*", "*", "/local-ip", "info.local-ip: each server under test gathers on its own address"),
            entry("*", "*", "/ipv6", "info.ipv6 " + MEDIA),
            entry("*", "*", "/ice-lite", "info.ice-lite " + MEDIA),
            entry("*", "*", "/ice-tcp", "info.ice-tcp " + MEDIA),
            entry("*", "*", "/ice-nomination", "info.ice-nomination " + MEDIA),
            entry("*", "*", "/ice-keepalive-conncheck", "info.ice-keepalive-conncheck " + MEDIA),
            entry("*", "*", "/full-trickle", "info.full-trickle " + MEDIA),
            entry("*", "*", "/mdns-enabled", "info.mdns-enabled " + MEDIA),
            entry("*", "*", "/min-nack-queue", "info.min-nack-queue " + MEDIA),
            entry("*", "*", "/nack-optimizations", "info.nack-optimizations " + MEDIA),
            entry("*", "*", "/twcc-period", "info.twcc-period " + MEDIA),
            entry("*", "*", "/dtls-mtu", "info.dtls-mtu " + MEDIA),
            entry("*", "*", "/static-event-loops", "info.static-event-loops: Janus's GLib event loops (C internals)"),
            // admin handle_info
            entry("*", "*", "/info/token", "handle_info.token omitted: tokens are secrets"),
            entry("*", "*", "/info/pending-trickles",
                    "handle_info.pending-trickles: our queue of early trickles counts candidates, Janus's counts "
                            + "trickle requests"),
            // admin get_status
            entry("*", "*", "/status/log_colors", "get_status.log_colors is false: our log is never coloured"),
            entry("*", "*", "/status/libnice_debug", "get_status keys specific to Janus's C internals (libnice)"),
            entry("*", "*", "/status/min_nack_queue", "get_status.min_nack_queue " + MEDIA),
            entry("*", "*", "/status/nack-optimizations", "get_status.nack-optimizations " + MEDIA),
            entry("*", "*", "/status/no_media_timer", "get_status.no_media_timer " + MEDIA),
            entry("*", "*", "/status/slowlink_threshold", "get_status.slowlink_threshold " + MEDIA),
            entry("*", "*", "/status/accepting_new_sessions",
                    "get_status.accepting_new_sessions: we add it (docs/janus-api.md); Janus shows it only in info"),
            entry("06-admin", "Janus internals: *", "",
                    "admin requests for Janus's C internals (set_locking_debug, set_log_timestamps, loops_info, "
                            + "custom_event ...) answer 457: no such internals here (docs/janus-api.md)"),
            // parsers
            entry("*", "*454", "/error/reason",
                    "454 reason text: our JSON parser's messages (Jackson) differ from jansson's"),
            // HTTP transport
            entry("01-server-info", "ping by GET", "",
                    "GET /janus/ping answers a pong as Janus >= 1.2.2 does (commit 0c8333d7, issue #3336); "
                            + "Debian's 1.1.2 predates it and answers 404"),
            entry("03-sessions", "HTTP: empty POST body", "",
                    "empty HTTP POST body: Janus drops the connection, we answer 454 \"JSON error: empty request "
                            + "body\" (docs/janus-api.md)"),
            // JSEP
            entry("*", "*465", "/error/reason",
                    "465 reason text: our SDP parser names the line and the rule it broke; Janus's sdp-utils says "
                            + "less")
    );

    private static final Set<Entry> USED = ConcurrentHashMap.newKeySet();

    private KnownDifferences() {
    }

    /** The entry explaining a difference, or null for a difference nobody meant. */
    static Entry explain(Comparison.Difference d) {
        for (Entry e : ENTRIES) {
            if (e.covers(d)) {
                USED.add(e);
                return e;
            }
        }
        return null;
    }

    /** Entries that explained nothing so far (stale, or their conversations did not run). */
    static List<Entry> unused() {
        return ENTRIES.stream().filter(e -> !USED.contains(e)).toList();
    }

    private static Entry entry(String conversation, String step, String pointer, String reason) {
        return new Entry(conversation, step, pointer, reason);
    }
}
