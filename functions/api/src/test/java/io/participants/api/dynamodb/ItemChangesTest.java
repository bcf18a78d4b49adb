package io.participants.api.dynamodb;

import io.participants.api.changes.ChangeEvent;
import io.participants.api.changes.MalformedChangeException;
import io.participants.api.changes.StreamChange;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mapping of stream records to change events, on records made by hand: the kinds that have none, and bad items. */
class ItemChangesTest {

    private static final String ID = "01930000-0000-7000-8000-000000000001";

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("PK", s(pk), "SK", s(sk));
    }

    private static StreamChange insert(Map<String, AttributeValue> item) {
        return new StreamChange(StreamChange.INSERT, "100", 1_700_000_000_000L,
                key(item.get("PK").s(), item.get("SK").s()), Map.of(), item);
    }

    private static Map<String, AttributeValue> participant() {
        Map<String, AttributeValue> item = new HashMap<>(key("T#acme", "PARTICIPANT#" + ID));
        item.put("kind", s("PERSON"));
        item.put("displayName", s("Ada"));
        item.put("createdAt", n(1000));
        item.put("modifiedAt", n(1000));
        item.put("version", n(1));
        item.put("avatarHash", s("0123abcd"));
        return item;
    }

    @Test
    void aDeleteIsNeverOlderThanTheWriteBeforeIt() {
        Map<String, AttributeValue> item = participant();
        item.put("modifiedAt", n(1_700_000_042_500L));
        // the stream's time of the record, to the second (DynamoDB Local's: to the minute)
        StreamChange early = new StreamChange(StreamChange.REMOVE, "102", 1_700_000_040_000L,
                key("T#acme", "PARTICIPANT#" + ID), item, Map.of());
        StreamChange late = new StreamChange(StreamChange.REMOVE, "103", 1_700_000_050_000L,
                key("T#acme", "PARTICIPANT#" + ID), item, Map.of());

        assertThat(ItemChanges.eventOf(early).orElseThrow().time()).isEqualTo(1_700_000_042_500L);
        assertThat(ItemChanges.eventOf(late).orElseThrow().time()).isEqualTo(1_700_000_050_000L);
    }

    @Test
    void itemsOfOtherKindsHaveNoEvent() {
        List<Map<String, AttributeValue>> others = List.of(
                key("T#acme", "CLAIM#" + ID + "#U0123"),
                key("T#acme#AGENT#agent-1", "PARTICIPANT#" + ID),
                key("T#acme", "OAUTH#nonce"),
                key("T#acme", "IDEMPOTENCY#create-participant#key-1"),
                key("T#acme", "SOMETHING#new"),
                key("X#acme", "PARTICIPANT#" + ID));
        for (Map<String, AttributeValue> item : others) {
            Map<String, AttributeValue> withData = new HashMap<>(item);
            withData.put("participantId", s(ID));
            assertThat(ItemChanges.eventOf(insert(withData))).as(item.toString()).isEmpty();
        }
    }

    @Test
    void aConfigWriteThatKeepsItsVersionIsTheDeleteLeaseAndHasNoEvent() {
        Map<String, AttributeValue> before = new HashMap<>(key("T#acme", "CONFIG#" + ID));
        before.put("provider", s("SLACK"));
        before.put("name", s("Acme"));
        before.put("createdAt", n(1000));
        Map<String, AttributeValue> leased = new HashMap<>(before);
        leased.put("deletingUntil", n(31_000));

        StreamChange lease = new StreamChange(StreamChange.MODIFY, "101", 2000, key("T#acme", "CONFIG#" + ID),
                before, leased);

        assertThat(ItemChanges.eventOf(lease)).isEmpty();
        // a config stored before versions existed counts as version 1: its first connection change is version 2
        Map<String, AttributeValue> connected = new HashMap<>(before);
        connected.putAll(Map.of("connectionState", s("CONNECTED"), "connectionChangedAt", n(3000),
                "version", n(2), "modifiedAt", n(3000)));
        ChangeEvent event = ItemChanges.eventOf(new StreamChange(StreamChange.MODIFY, "102", 3000,
                key("T#acme", "CONFIG#" + ID), before, connected)).orElseThrow();
        assertThat(event.type()).isEqualTo("participants.integration_config.connected");
        assertThat(event.version()).isEqualTo(2);
    }

    @Test
    void aConfigsIntervalSetOrClearedIsAnUpdateThatShowsIt() {
        Map<String, AttributeValue> before = new HashMap<>(key("T#acme", "CONFIG#" + ID));
        before.putAll(Map.of("provider", s("SLACK"), "name", s("Acme"), "createdAt", n(1000), "version", n(1),
                "modifiedAt", n(1000)));
        Map<String, AttributeValue> set = new HashMap<>(before);
        set.putAll(Map.of("avatarSyncInterval", s("PT6H"), "version", n(2), "modifiedAt", n(2000)));
        Map<String, AttributeValue> cleared = new HashMap<>(before);
        cleared.putAll(Map.of("version", n(3), "modifiedAt", n(3000)));

        ChangeEvent setting = ItemChanges.eventOf(new StreamChange(StreamChange.MODIFY, "101", 2000,
                key("T#acme", "CONFIG#" + ID), before, set)).orElseThrow();
        ChangeEvent clearing = ItemChanges.eventOf(new StreamChange(StreamChange.MODIFY, "102", 3000,
                key("T#acme", "CONFIG#" + ID), set, cleared)).orElseThrow();

        assertThat(setting.type()).isEqualTo("participants.integration_config.updated");
        assertThat(setting.data()).containsEntry("avatarSyncInterval", "PT6H");
        assertThat(clearing.type()).isEqualTo("participants.integration_config.updated");
        assertThat(clearing.version()).isEqualTo(3);
        assertThat(clearing.data()).doesNotContainKey("avatarSyncInterval");
    }

    @Test
    void aConfigsMessageTextTurnedOnOrOffIsAnUpdateThatShowsIt() {
        Map<String, AttributeValue> before = new HashMap<>(key("T#acme", "CONFIG#" + ID));
        before.putAll(Map.of("provider", s("SMS"), "name", s("Acme SMS"), "createdAt", n(1000), "version", n(1),
                "modifiedAt", n(1000)));
        Map<String, AttributeValue> on = new HashMap<>(before);
        on.putAll(Map.of("messageTextInEvents", AttributeValue.fromBool(true), "version", n(2),
                "modifiedAt", n(2000)));
        Map<String, AttributeValue> off = new HashMap<>(before);
        off.putAll(Map.of("version", n(3), "modifiedAt", n(3000)));

        ChangeEvent turnedOn = ItemChanges.eventOf(new StreamChange(StreamChange.MODIFY, "111", 2000,
                key("T#acme", "CONFIG#" + ID), before, on)).orElseThrow();
        ChangeEvent turnedOff = ItemChanges.eventOf(new StreamChange(StreamChange.MODIFY, "112", 3000,
                key("T#acme", "CONFIG#" + ID), on, off)).orElseThrow();

        assertThat(turnedOn.type()).isEqualTo("participants.integration_config.updated");
        assertThat(turnedOn.data()).containsEntry("messageTextInEvents", true);
        assertThat(turnedOff.type()).isEqualTo("participants.integration_config.updated");
        assertThat(turnedOff.data()).containsEntry("messageTextInEvents", false);
        // an EMAIL config receives no messages, so its data has no such setting
        Map<String, AttributeValue> mail = new HashMap<>(before);
        mail.put("provider", s("EMAIL"));
        assertThat(ItemChanges.eventOf(insert(mail)).orElseThrow().data()).doesNotContainKey("messageTextInEvents");
    }

    @Test
    void aMessagesEventHasItsTextExactlyWhenItsRecordDoes() {
        Map<String, AttributeValue> record = new HashMap<>(key("T#acme", "MESSAGE#" + ID + "#aGFzaA"));
        record.putAll(Map.of("participantId", s(ID), "integrationConfigId", s(ID), "provider", s("SLACK"),
                "address", s("U0123ABCD"), "messageId", s("Ev1"), "receivedAt", n(1000), "createdAt", n(1000),
                "ttl", n(605)));
        Map<String, AttributeValue> withText = new HashMap<>(record);
        withText.put("text", s("the plans"));
        Map<String, AttributeValue> truncated = new HashMap<>(withText);
        truncated.put("textTruncated", AttributeValue.fromBool(true));

        Map<String, Object> without = ItemChanges.eventOf(insert(record)).orElseThrow().data();
        Map<String, Object> with = ItemChanges.eventOf(insert(withText)).orElseThrow().data();
        Map<String, Object> cut = ItemChanges.eventOf(insert(truncated)).orElseThrow().data();

        assertThat(without).doesNotContainKeys("text", "textTruncated");
        assertThat(with).containsEntry("text", "the plans").containsEntry("textTruncated", false);
        assertThat(cut).containsEntry("text", "the plans").containsEntry("textTruncated", true);
    }

    @Test
    void aBindingChangeLeftBehindByAnotherWriteIsNoBinding() {
        Map<String, AttributeValue> bound = participant();
        bound.put("agentIds", AttributeValue.fromSs(List.of("agent-1")));
        bound.put("bindingChange", AttributeValue.fromM(Map.of("action", s("bound"), "agentId", s("agent-1"))));
        Map<String, AttributeValue> renamed = new HashMap<>(bound);
        renamed.put("displayName", s("Ada King"));
        renamed.put("version", n(2));

        ChangeEvent event = ItemChanges.eventOf(new StreamChange(StreamChange.MODIFY, "101", 2000,
                key("T#acme", "PARTICIPANT#" + ID), bound, renamed)).orElseThrow();

        assertThat(event.type()).isEqualTo("participants.participant.updated");
        assertThat(event.data().get("changedFields")).isEqualTo(List.of("displayName"));
    }

    @Test
    void theIdIsStableForTheSameWriteAndDiffersForAnother() {
        ChangeEvent first = ItemChanges.eventOf(insert(participant())).orElseThrow();
        ChangeEvent again = ItemChanges.eventOf(insert(participant())).orElseThrow();
        Map<String, AttributeValue> recreated = participant();
        recreated.put("createdAt", n(2000));
        recreated.put("modifiedAt", n(2000));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.toJson()).isEqualTo(first.toJson());
        assertThat(ItemChanges.eventOf(insert(recreated)).orElseThrow().id()).isNotEqualTo(first.id());
    }

    @Test
    void theCloudEventHasItsAttributesAndNoAvatarHash() {
        String json = ItemChanges.eventOf(insert(participant())).orElseThrow().toJson();

        assertThat(json).startsWith("{\"specversion\":\"1.0\",\"id\":\"")
                .contains("\"source\":\"participants-api\"", "\"type\":\"participants.participant.created\"",
                        "\"time\":\"1970-01-01T00:00:01Z\"", "\"subject\":\"tenants/acme/participants/" + ID + "\"",
                        "\"datacontenttype\":\"application/json\"", "\"tenant\":\"acme\"", "\"resourceversion\":1",
                        "\"displayName\":\"Ada\"", "\"email\":null", "\"channels\":[]")
                .doesNotContain("0123abcd", "avatarHash");
    }

    @Test
    void anItemOfAKnownKindMissingWhatItNeedsIsMalformedAndTheMessageHoldsNoValue() {
        Map<String, AttributeValue> noVersion = participant();
        noVersion.remove("version");
        Map<String, AttributeValue> badChannels = participant();
        badChannels.put("channels", s("not a list"));

        assertThatThrownBy(() -> ItemChanges.eventOf(insert(noVersion))).isInstanceOf(MalformedChangeException.class)
                .hasMessage("participant item has no readable version");
        assertThatThrownBy(() -> ItemChanges.eventOf(insert(badChannels)))
                .isInstanceOf(MalformedChangeException.class).hasMessageNotContaining("not a list");
        assertThatThrownBy(() -> ItemChanges.eventOf(new StreamChange(StreamChange.INSERT, "1", 0,
                key("T#acme", "PARTICIPANT#" + ID), Map.of(), Map.of())))
                .isInstanceOf(MalformedChangeException.class).hasMessageContaining("no new image");
    }
}
