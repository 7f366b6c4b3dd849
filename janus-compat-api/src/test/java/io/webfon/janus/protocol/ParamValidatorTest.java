package io.webfon.janus.protocol;

import static io.webfon.janus.protocol.JsonParam.optional;
import static io.webfon.janus.protocol.JsonParam.optionalPositive;
import static io.webfon.janus.protocol.JsonParam.required;
import static io.webfon.janus.protocol.JsonParam.requiredNonEmpty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The reason texts of Janus's JANUS_VALIDATE_JSON_OBJECT, for each type and flag. */
class ParamValidatorTest {
    private static final List<JsonParam> TABLE = List.of(required("name", JsonType.STRING),
            optionalPositive("count", JsonType.INTEGER), optional("flag", JsonType.BOOLEAN),
            optional("items", JsonType.ARRAY), optional("body", JsonType.OBJECT),
            requiredNonEmpty("label", JsonType.STRING));

    private static String problem(String json) throws Exception {
        return ParamValidator.firstProblem(Json.parse(json), TABLE, ParamValidator.MISSING_FORMAT,
                ParamValidator.INVALID_FORMAT);
    }

    @Test
    void reportsTheFirstProblemInTableOrder() throws Exception {
        assertThat(problem("{}")).isEqualTo("?Missing mandatory element (name)");
        assertThat(problem("{\"name\":1}")).isEqualTo("!Invalid element type (name should be a string)");
        assertThat(problem("{\"name\":\"a\",\"count\":-1,\"label\":\"x\"}"))
                .isEqualTo("!Invalid element type (count should be a positive integer)");
        assertThat(problem("{\"name\":\"a\",\"flag\":\"yes\",\"label\":\"x\"}"))
                .isEqualTo("!Invalid element type (flag should be a boolean)");
        assertThat(problem("{\"name\":\"a\",\"items\":{},\"label\":\"x\"}"))
                .isEqualTo("!Invalid element type (items should be an array)");
        assertThat(problem("{\"name\":\"a\",\"body\":[],\"label\":\"x\"}"))
                .isEqualTo("!Invalid element type (body should be an object)");
        assertThat(problem("{\"name\":\"a\",\"label\":\"\"}"))
                .isEqualTo("!Invalid element type (label should be a non-empty string)");
        assertThat(problem("{\"name\":\"a\",\"count\":0,\"flag\":false,\"label\":\"x\"}")).isNull();
    }

    @Test
    void realsAreNotIntegersAsInJansson() throws Exception {
        assertThat(problem("{\"name\":\"a\",\"count\":2.0,\"label\":\"x\"}"))
                .isEqualTo("!Invalid element type (count should be a positive integer)");
    }

    @Test
    void validateThrowsTheMatchingJanusError() {
        assertThatThrownBy(() -> ParamValidator.validate(Json.parse("{\"name\":2}"), TABLE))
                .isInstanceOf(JanusException.class)
                .satisfies(e -> assertThat(((JanusException) e).error()).isEqualTo(JanusError.INVALID_ELEMENT_TYPE));
        assertThatThrownBy(() -> ParamValidator.validate(Json.parse("{}"), TABLE))
                .satisfies(e -> assertThat(((JanusException) e).error())
                        .isEqualTo(JanusError.MISSING_MANDATORY_ELEMENT));
    }

    @Test
    void errorCodesAreJanusNumbers() {
        assertThat(JanusError.ofCode(458)).isEqualTo(JanusError.SESSION_NOT_FOUND);
        assertThat(JanusError.TRICKLE_INVALID_STREAM.code()).isEqualTo(466);
        assertThat(JanusError.ofCode(999)).isEqualTo(JanusError.UNKNOWN);
    }
}
