package io.participants.api.dynamodb;

import io.participants.domain.common.TenantId;
import io.participants.domain.participant.Avatar;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantKind;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ParticipantItemTest {

    private static final UUID CONFIG = UUID.fromString("01930000-0000-7000-8000-0000000000c1");

    @Test
    void anAvatarKeepsItsSourceThroughTheItem() {
        Avatar avatar = new Avatar("file-1", Avatar.Source.CHANNEL_SYNC, CONFIG, "U0123ABCD", 7L, "hash");

        Map<String, AttributeValue> item = itemOf(avatar);

        assertThat(item.get("avatarSource").s()).isEqualTo("CHANNEL_SYNC");
        assertThat(read(item).avatar()).isEqualTo(avatar);
    }

    @Test
    void anAvatarStoredBeforeItsSourceWasRecordedReadsAsSyncedFromItsChannel() {
        Map<String, AttributeValue> item = new HashMap<>(itemOf(
                new Avatar("file-1", Avatar.Source.CHANNEL_SYNC, CONFIG, "U0123ABCD", 7L, "hash")));
        item.put("avatarSource", AttributeValue.fromS("slack"));

        assertThat(read(item).avatar().source()).isEqualTo(Avatar.Source.CHANNEL_SYNC);
    }

    @Test
    void noAvatarIsNoSource() {
        Map<String, AttributeValue> item = itemOf(null);

        assertThat(item).doesNotContainKeys("avatarFileId", "avatarSource", "avatarSourceConfigId",
                "avatarSourceAddress", "avatarSyncedAt");
        assertThat(read(item).avatar()).isNull();
    }

    private static Map<String, AttributeValue> itemOf(Avatar avatar) {
        Participant participant = new Participant(new TenantId("acme"),
                UUID.fromString("01930000-0000-7000-8000-000000000001"), ParticipantKind.PERSON, "Ada", null, null,
                List.of(), new TreeSet<>(), null, avatar, null, 1L, 7L, 2L);
        return ParticipantItem.SCHEMA.itemToMap(ParticipantItem.from(participant), true);
    }

    private static Participant read(Map<String, AttributeValue> item) {
        return ParticipantItem.SCHEMA.mapToItem(item).toDomain();
    }
}
