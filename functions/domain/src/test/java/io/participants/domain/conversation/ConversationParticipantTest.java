package io.participants.domain.conversation;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Participant ids are name-based (RFC 9562 version 5): one member of one conversation always has one id. */
class ConversationParticipantTest {

    private static final UUID CONVERSATION = UUID.fromString("67e4d358-ca94-421e-98b7-448860df9d33");
    private static final UUID OTHER_CONVERSATION = UUID.fromString("c9c60caa-eaf5-4628-9687-91de4d452bfa");
    private static final Identifier JOHN = new Identifier("emailaddress", "john.doe@example.com");

    @Test
    void theSameMemberAlwaysHasTheSameId() {
        assertThat(ConversationParticipant.idOf(CONVERSATION, JOHN))
                .isEqualTo(ConversationParticipant.idOf(CONVERSATION, new Identifier(JOHN.key(), JOHN.value())));
        assertThat(ConversationParticipant.idOf(CONVERSATION, ParticipantType.USER, "u-1"))
                .isEqualTo(ConversationParticipant.idOf(CONVERSATION, ParticipantType.USER, "u-1"));
    }

    @Test
    void idsAreVersion5WithTheRfcVariant() {
        for (UUID id : List.of(ConversationParticipant.idOf(CONVERSATION, JOHN),
                ConversationParticipant.idOf(OTHER_CONVERSATION, ParticipantType.BOT, "b"))) {
            assertThat(id.version()).isEqualTo(5);
            assertThat(id.variant()).isEqualTo(2);
        }
    }

    @Test
    void theIdIsSha1OfTheConversationAndTheIdentity() throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(ByteBuffer.allocate(16).putLong(CONVERSATION.getMostSignificantBits())
                .putLong(CONVERSATION.getLeastSignificantBits()).array());
        byte[] hash = sha1.digest("contact\nemailaddress\njohn.doe@example.com".getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);

        assertThat(ConversationParticipant.idOf(CONVERSATION, JOHN)).isEqualTo(new UUID(bytes.getLong(), bytes.getLong()));
    }

    @Test
    void idsDifferPerConversationAndPerIdentity() {
        Set<UUID> ids = new HashSet<>();
        for (UUID conversation : List.of(CONVERSATION, OTHER_CONVERSATION)) {
            ids.add(ConversationParticipant.idOf(conversation, JOHN));
            ids.add(ConversationParticipant.idOf(conversation, new Identifier("emailaddress", "jane@example.com")));
            ids.add(ConversationParticipant.idOf(conversation, new Identifier("slackid", "john.doe@example.com")));
            for (ParticipantType type : List.of(ParticipantType.USER, ParticipantType.AGENT, ParticipantType.FLOW,
                    ParticipantType.BOT)) {
                ids.add(ConversationParticipant.idOf(conversation, type, "john.doe@example.com"));
            }
        }

        assertThat(ids).hasSize(2 * 7);
    }

    @Test
    void theSeparatorKeepsKeyAndValueApart() {
        assertThat(ConversationParticipant.idOf(CONVERSATION, new Identifier("ab", "c")))
                .isNotEqualTo(ConversationParticipant.idOf(CONVERSATION, new Identifier("a", "bc")));
    }
}
