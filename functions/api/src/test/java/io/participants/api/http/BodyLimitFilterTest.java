package io.participants.api.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The body limit counts UTF-8 bytes, as they arrived, rather than Java characters. */
class BodyLimitFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "plain ascii {\"a\":1}", "é ß ñ", "€ 中文 ☃", "😀 𝄞 🇪🇸", "mixed a é € 😀 z"})
    void countsWhatTheTextTakesInUtf8(String text) {
        assertThat(BodyLimitFilter.utf8Length(text, Long.MAX_VALUE))
                .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "a\uDC00b", "\uDBFF\uDBFF"})
    void countsAnUnpairedSurrogateAsThreeBytes(String text) {
        assertThat(BodyLimitFilter.utf8Length(text, Long.MAX_VALUE))
                .isEqualTo(text.replaceAll("[\\uD800-\\uDFFF]", "\u2603").getBytes(StandardCharsets.UTF_8).length);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 10, 100})
    void stopsCountingOncePastTheLimit(int limit) {
        assertThat(BodyLimitFilter.utf8Length("é".repeat(1_000), limit)).isGreaterThan(limit)
                .isLessThanOrEqualTo(limit + 2);
    }
}
