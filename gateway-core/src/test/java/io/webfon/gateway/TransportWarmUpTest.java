package io.webfon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransportWarmUpTest {
    @Test
    void wildcardBindingsAreReachedOnLoopback() {
        assertThat(TransportWarmUp.loopbackFor("0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(TransportWarmUp.loopbackFor("::")).isEqualTo("::1");
        assertThat(TransportWarmUp.loopbackFor("[::]")).isEqualTo("::1");
    }

    @Test
    void specificBindingsAreReachedWhereTheyListen() {
        assertThat(TransportWarmUp.loopbackFor("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(TransportWarmUp.loopbackFor("10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(TransportWarmUp.loopbackFor("localhost")).isEqualTo("localhost");
        assertThat(TransportWarmUp.loopbackFor("[fd00::5]")).isEqualTo("fd00::5");
    }
}
