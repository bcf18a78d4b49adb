package io.participants.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The path is decoded exactly once, as API Gateway decodes it; what cannot be decoded is refused, not guessed. */
class RequestTargetTest {

    @Test
    void everyEscapeInThePathIsDecodedOnceAndAPlusStaysAPlus() {
        assertThat(RequestTarget.parse("/p/john.doe%40example.com/%2B1+2/a%2Fb/%252B/caf%C3%A9/%25", null))
                .contains(new RequestTarget("/p/john.doe@example.com/+1+2/a/b/%2B/café/%", null));
    }

    @Test
    void theQueryStaysRaw() {
        assertThat(RequestTarget.parse("/p", "q=a%20b+c&x=%2B&y=[1]|2"))
                .contains(new RequestTarget("/p", "q=a%20b+c&x=%2B&y=[1]|2"));
        assertThat(RequestTarget.parse("/p", "")).contains(new RequestTarget("/p", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%ZZ", "/%", "/a%4", "/%e0%a4", "/a%80", "/%c0%af", "/%ed%a0%80", "/a b", "/a\"b", "/{a}",
            "/caf\u00e9", "/%\u0661\u0662"})
    void aPathThatCannotBeDecodedIsRefused(String rawPath) {
        assertThat(RequestTarget.parse(rawPath, null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"q=%ZZ", "q=%", "q=%4", "a=1&b=%G0"})
    void aQueryWithABrokenEscapeIsRefused(String rawQuery) {
        assertThat(RequestTarget.parse("/p", rawQuery)).isEmpty();
    }
}
