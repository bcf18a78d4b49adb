package io.participants.domain.conversation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static io.participants.domain.conversation.ParticipantStatus.ACTIVE;
import static io.participants.domain.conversation.ParticipantStatus.INACTIVE;
import static io.participants.domain.conversation.ParticipantStatus.INVITED;
import static io.participants.domain.conversation.ParticipantStatus.PENDING;
import static org.assertj.core.api.Assertions.assertThat;

/** The moves between statuses: invitations go forward, and a participant who took part is never invited again. */
class ParticipantStatusTest {

    @Test
    void theTransitionTable() {
        assertThat(INVITED.next()).containsExactlyInAnyOrder(PENDING, ACTIVE, INACTIVE);
        assertThat(PENDING.next()).containsExactlyInAnyOrder(ACTIVE, INACTIVE);
        assertThat(ACTIVE.next()).containsExactly(INACTIVE);
        assertThat(INACTIVE.next()).containsExactly(ACTIVE);
    }

    @Test
    void sourcesAreTheTableReadBackwards() {
        assertThat(ParticipantStatus.sourcesOf(INVITED)).isEmpty();
        assertThat(ParticipantStatus.sourcesOf(PENDING)).containsExactly(INVITED);
        assertThat(ParticipantStatus.sourcesOf(ACTIVE)).containsExactlyInAnyOrder(INVITED, PENDING, INACTIVE);
        assertThat(ParticipantStatus.sourcesOf(INACTIVE)).containsExactlyInAnyOrder(INVITED, PENDING, ACTIVE);
        for (ParticipantStatus from : ParticipantStatus.values()) {
            for (ParticipantStatus to : ParticipantStatus.values()) {
                assertThat(ParticipantStatus.sourcesOf(to).contains(from)).as("%s -> %s", from, to)
                        .isEqualTo(from.next().contains(to));
            }
        }
    }

    @Test
    void whoTookPartIsNeverInvitedOrPendingAgain() {
        for (ParticipantStatus took : Set.of(ACTIVE, INACTIVE)) {
            assertThat(took.next()).doesNotContain(INVITED, PENDING);
        }
    }

    @ParameterizedTest
    @EnumSource(ParticipantStatus.class)
    void stayingTheSameIsNotAMove(ParticipantStatus status) {
        assertThat(status.next()).doesNotContain(status);
        assertThat(ParticipantStatus.sourcesOf(status)).doesNotContain(status);
    }

    @ParameterizedTest
    @EnumSource(ParticipantStatus.class)
    void wireNamesRoundTrip(ParticipantStatus status) {
        assertThat(ParticipantStatus.parse(status.wireName())).contains(status);
        assertThat(status.wireName()).isLowerCase();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Active", "ACTIVE", "", " active", "left"})
    void onlyExactWireNamesParse(String value) {
        assertThat(ParticipantStatus.parse(value)).isEmpty();
    }

    @Test
    void nullDoesNotParse() {
        assertThat(ParticipantStatus.parse(null)).isEmpty();
    }
}
