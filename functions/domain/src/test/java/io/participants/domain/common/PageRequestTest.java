package io.participants.domain.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Page sizes from 1 to 100, the default when none is given, and bounded opaque tokens. */
class PageRequestTest {

    @Test
    void theDefaultAppliesWhenNoLimitIsGiven() {
        assertThat(PageRequest.of(null, null, 20)).isEqualTo(new PageRequest(20, null));
    }

    @Test
    void oneAndTheMaximumAreAccepted() {
        assertThat(PageRequest.of(1, null, 20).limit()).isEqualTo(1);
        assertThat(PageRequest.of(PageRequest.MAX_LIMIT, null, 20).limit()).isEqualTo(100);
    }

    @Test
    void limitsOutsideTheRangeAreRefused() {
        for (int limit : new int[] {0, -1, 101, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> PageRequest.of(limit, null, 20))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("limit"));
        }
    }

    @Test
    void anEmptyTokenIsTheFirstPage() {
        assertThat(PageRequest.of(5, "", 20).pageToken()).isNull();
        assertThat(PageRequest.of(5, "abc", 20).pageToken()).isEqualTo("abc");
    }

    @Test
    void tokensAreBoundedAndEveryProblemIsReported() {
        assertThat(PageRequest.of(5, "t".repeat(PageRequest.MAX_TOKEN_LENGTH), 20).pageToken()).hasSize(1024);
        assertThatThrownBy(() -> PageRequest.of(0, "t".repeat(PageRequest.MAX_TOKEN_LENGTH + 1), 20))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("limit", "pageToken"));
    }
}
