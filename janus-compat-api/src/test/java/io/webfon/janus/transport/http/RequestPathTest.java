package io.webfon.janus.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestPathTest {
    @Test
    void splitsSessionAndHandleUnderTheBasePath() {
        assertThat(RequestPath.parse("/janus", "/janus")).isEqualTo(new RequestPath(null, null));
        assertThat(RequestPath.parse("/janus/", "/janus")).isEqualTo(new RequestPath(null, null));
        assertThat(RequestPath.parse("/janus/12", "/janus")).isEqualTo(new RequestPath("12", null));
        assertThat(RequestPath.parse("/janus/12/34", "/janus")).isEqualTo(new RequestPath("12", "34"));
        assertThat(RequestPath.parse("/janus/12/34/", "/janus")).isEqualTo(new RequestPath("12", "34"));
    }

    @Test
    void rejectsOtherPathsAndTooManyParts() {
        assertThat(RequestPath.parse("/other", "/janus")).isNull();
        assertThat(RequestPath.parse("/janusx", "/janus")).isNull();
        assertThat(RequestPath.parse("/janus/1/2/3", "/janus")).isNull();
    }

    @Test
    void rootBasePathServesEverything() {
        assertThat(RequestPath.parse("/12", "/")).isEqualTo(new RequestPath("12", null));
    }

    @Test
    void readsNumbersAsStrtoullDoes() {
        assertThat(RequestPath.leadingNumber("123")).isEqualTo(123);
        assertThat(RequestPath.leadingNumber("123abc")).isEqualTo(123);
        assertThat(RequestPath.leadingNumber("abc")).isZero();
        assertThat(RequestPath.leadingNumber(null)).isZero();
        assertThat(RequestPath.leadingNumber("99999999999999999999999")).isEqualTo(-1L);
    }
}
