package io.webfon.rtp.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SdpParser#parse(String)} of a string {@link SdpWriter} just wrote on this thread returns the description it
 * was written from; that is only right if reading the text would give an equal description, which is checked here
 * for the descriptions the node writes: answers, anonymised offers and every fixture.
 */
class WrittenSdpTest {
    static List<String> fixtures() {
        return Fixtures.ALL;
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void whatTheNodeWritesReadsBackEqualSoRecallingItChangesNothing(String name) throws SdpParseException {
        SessionDescription offer = Fixtures.parse(name);
        List<SessionDescription> written = List.of(offer, TransportAttributes.anonymize(offer),
                TransportAttributes.strip(offer));
        for (SessionDescription d : written) {
            String text = SdpWriter.write(d);
            assertThat(freshRead(text)).isEqualTo(d);
            assertThat(SdpParser.parse(text)).isSameAs(d);
        }
    }

    @Test
    void answersTheNodeBuildsReadBackEqual() throws SdpParseException {
        for (String name : List.of(Fixtures.CHROME_OFFER, Fixtures.FIREFOX_OFFER, Fixtures.PBX_OFFER)) {
            SessionDescription offer = Fixtures.parse(name);
            for (AnswerOptions options : List.of(AnswerOptions.defaults(), AnswerOptions.audioOnly())) {
                SessionDescription answer = OfferAnswer.answer(offer, options);
                String text = SdpWriter.write(answer);
                assertThat(freshRead(text)).as(name).isEqualTo(answer);
                assertThat(SdpParser.parse(text)).isSameAs(answer);
            }
        }
    }

    @Test
    void equalTextFromElsewhereIsReadAndChecked() throws SdpParseException {
        SessionDescription d = Fixtures.parse(Fixtures.CHROME_OFFER);
        String text = SdpWriter.write(d);
        String copy = new String(text.toCharArray());
        SessionDescription read = SdpParser.parse(copy);
        assertThat(read).isEqualTo(d).isNotSameAs(d);
    }

    @Test
    void anotherThreadReadsTheText() throws Exception {
        SessionDescription d = Fixtures.parse(Fixtures.FIREFOX_OFFER);
        String text = SdpWriter.write(d);
        SessionDescription elsewhere = CompletableFuture.supplyAsync(() -> Fixtures.parseText(text)).get();
        assertThat(elsewhere).isEqualTo(d).isNotSameAs(d);
    }

    @Test
    void onlyTheLastFewAreRemembered() throws SdpParseException {
        SessionDescription first = Fixtures.parse(Fixtures.CHROME_ANSWER);
        String firstText = SdpWriter.write(first);
        for (int i = 0; i < 4; i++) {
            SdpWriter.write(Fixtures.parse(Fixtures.PBX_OFFER));
        }
        assertThat(SdpParser.parse(firstText)).isEqualTo(first).isNotSameAs(first);
    }

    @Test
    void aWrittenTextBeyondTheDefaultLimitsIsStillRefused() {
        SessionDescription d = Fixtures.parse(Fixtures.CHROME_OFFER);
        List<Attribute> many = new java.util.ArrayList<>(d.attributes());
        for (int i = 0; i < SdpParser.Limits.DEFAULT.maxLines(); i++) {
            many.add(Attribute.flag("x"));
        }
        String text = SdpWriter.write(d.withAttributes(many));
        assertThatThrownBy(() -> SdpParser.parse(text)).isInstanceOf(SdpParseException.class)
                .hasMessageContaining("lines");
    }

    private static SessionDescription freshRead(String text) throws SdpParseException {
        return new SdpParser(SdpParser.Limits.DEFAULT).read(text);
    }
}
