package io.webfon.rtp.sdp;

/**
 * The last few SDP texts this thread wrote, each with the description it was written from, so that parsing one of
 * them again hands back that description instead of reading the text a second time.
 *
 * <p>Why: the Janus plugin API carries SDP as text, so an offer is read three times on its way through the node (the
 * core reads the peer's offer, the plugin reads the core's rewritten copy, the core reads the plugin's answer), all
 * on one thread, one call after the other. The second and third are texts {@link SdpWriter} just wrote; reading
 * them was about a sixth of the offer's CPU. {@code SdpParser.parse(SdpWriter.write(d)).equals(d)} holds for the
 * descriptions the node writes (checked by {@code WrittenSdpTest}), so recalling {@code d} gives the parser's result.
 *
 * <p>Identity, not equality: only the very {@code String} the writer returned is recognised, so text that came from
 * anywhere else (a peer, a plugin that built its own) is always parsed and checked. Per thread and a handful of
 * entries: no lock, nothing shared, and a plugin that answers on another thread simply parses.
 */
final class WrittenSdp {
    private static final int SIZE = 4;
    private static final ThreadLocal<WrittenSdp> RECENT = ThreadLocal.withInitial(WrittenSdp::new);

    private final String[] texts = new String[SIZE];
    private final SessionDescription[] descriptions = new SessionDescription[SIZE];
    private int next;

    private WrittenSdp() {
    }

    static void remember(String text, SessionDescription description) {
        WrittenSdp recent = RECENT.get();
        recent.texts[recent.next] = text;
        recent.descriptions[recent.next] = description;
        recent.next = (recent.next + 1) % SIZE;
    }

    /** The description {@code text} was written from on this thread, if it is one of the last few written. */
    static SessionDescription recall(String text) {
        WrittenSdp recent = RECENT.get();
        for (int i = 0; i < SIZE; i++) {
            if (recent.texts[i] == text) {
                return recent.descriptions[i];
            }
        }
        return null;
    }
}
