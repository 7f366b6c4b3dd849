package io.webfon.rtp.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 8866 §9's token: visible ASCII except the separators {@code "(),/:;<=>?@[\]}. */
class TokensTest {
    @Test
    void everyCharacterIsClassifiedAsTheGrammarSays() {
        String separators = "\"(),/:;<=>?@[\\]";
        for (char c = 0; c < 0x200; c++) {
            boolean expected = c > 0x20 && c < 0x7f && separators.indexOf(c) < 0;
            assertThat(Tokens.isTokenChar(c)).as("U+%04X", (int) c).isEqualTo(expected);
        }
        assertThat(Tokens.isTokenChar('\uffff')).isFalse();
    }

    @Test
    void attributeNamesAreTokens() {
        assertThat(Tokens.isToken("extmap-allow-mixed")).isTrue();
        assertThat(Tokens.isToken("x-google-flag")).isTrue();
        assertThat(Tokens.isToken("rtcp-fb")).isTrue();
        assertThat(Tokens.isToken("")).isFalse();
        assertThat(Tokens.isToken("ice ufrag")).isFalse();
        assertThat(Tokens.isToken("ice:ufrag")).isFalse();
        assertThat(Tokens.isToken("caf\u00e9")).isFalse();
        assertThat(Tokens.isToken("tab\t")).isFalse();
    }
}
