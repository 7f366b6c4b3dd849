package io.webfon.gateway.media;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.webfon.rtp.dtls.DtlsCertificate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The warm-up round must run the whole offer-to-answer path on its canned Chromium offer without failing. */
class SignallingWarmUpTest {
    @Test
    void aRoundRunsTheWholeOfferToAnswerPath() throws Exception {
        SignallingWarmUp round = new SignallingWarmUp(DtlsCertificate.generate("t", Instant.now()).fingerprint());
        assertThatCode(() -> {
            for (int i = 0; i < 3; i++) {
                round.run();
            }
        }).doesNotThrowAnyException();
    }
}
