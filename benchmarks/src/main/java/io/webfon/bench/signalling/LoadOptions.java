package io.webfon.bench.signalling;

import java.net.URI;
import java.time.Duration;

/**
 * One load run: where the target listens, which process it is (for its CPU time), how many concurrent
 * workers, how long to warm up and to measure, and what each cycle's message is.
 *
 * @param target a label for reports ({@code ours}, {@code janus})
 * @param pid the target's process, whose CPU time is measured
 * @param stallTimeout how long a request may wait for its reply before its worker gives up
 */
public record LoadOptions(String target, URI url, long pid, int concurrency, Duration warmup, Duration duration,
        String plugin, String body, Duration stallTimeout) {
    public static final String ECHOTEST = "janus.plugin.echotest";
    public static final String AUDIO_BODY = "{\"audio\":true}";

    public LoadOptions {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be positive");
        }
    }

    /** The cycle: {@code {"audio":true}} to the echotest, 10 s stall timeout. */
    public static LoadOptions echotest(String target, URI url, long pid, int concurrency, Duration warmup,
            Duration duration) {
        return new LoadOptions(target, url, pid, concurrency, warmup, duration, ECHOTEST, AUDIO_BODY,
                Duration.ofSeconds(10));
    }
}
