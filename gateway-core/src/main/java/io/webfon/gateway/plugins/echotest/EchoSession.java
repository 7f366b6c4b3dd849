package io.webfon.gateway.plugins.echotest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.protocol.Json;
import java.util.concurrent.atomic.AtomicBoolean;

/** The echo test state of one handle: what to echo back and the bitrate cap asked of the browser. */
final class EchoSession {
    final AtomicBoolean hangingUp = new AtomicBoolean();
    volatile boolean audioActive = true;
    volatile boolean videoActive = true;
    volatile long bitrate;
    volatile long peerBitrate;
    final java.util.concurrent.atomic.AtomicInteger slowlinkCount = new java.util.concurrent.atomic.AtomicInteger();
    volatile boolean destroyed;

    /** Applies the attributes of a valid request. */
    void apply(ObjectNode body) {
        JsonNode audio = body.get("audio");
        if (audio != null) {
            audioActive = audio.booleanValue();
        }
        JsonNode video = body.get("video");
        if (video != null) {
            videoActive = video.booleanValue();
        }
        JsonNode br = body.get("bitrate");
        if (br != null) {
            bitrate = br.asLong();
        }
    }

    /** Back to the defaults after a hangup, as Janus's echotest does. */
    void reset() {
        audioActive = true;
        videoActive = true;
        bitrate = 0;
        peerBitrate = 0;
        slowlinkCount.set(0);
    }

    ObjectNode describe() {
        ObjectNode info = Json.object();
        info.put("audio_active", audioActive);
        info.put("video_active", videoActive);
        info.put("bitrate", bitrate);
        info.put("peer-bitrate", peerBitrate);
        info.put("slowlink_count", slowlinkCount.get());
        info.put("hangingup", hangingUp.get() ? 1 : 0);
        info.put("destroyed", destroyed ? 1 : 0);
        return info;
    }
}
