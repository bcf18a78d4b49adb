package io.participants.api.dynamodb;

import io.participants.api.changes.ChangeEvent;
import io.participants.api.changes.MalformedChangeException;
import io.participants.api.changes.StreamChange;
import io.participants.domain.integration.Provider;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads one record of the table's stream as the change event it stands for, if any: only participants, integration
 * configs, conversations, conversation participants and received messages make events; claims, agent binding items,
 * webhook keys, OAuth states, idempotency records and anything unknown make none. Pure code, shared by the Lambda publisher and local mode.
 * docs/change-events.md lists what each write yields.
 */
public final class ItemChanges {

    public static final String PARTICIPANT = "participant";
    public static final String INTEGRATION_CONFIG = "integration_config";
    public static final String CONVERSATION = "conversation";
    public static final String CONVERSATION_PARTICIPANT = "conversation_participant";
    public static final String CHANNEL = "channel";

    /** The participant fields that {@code changedFields} may name: every public one but modifiedAt. */
    private static final List<String> COMPARED = List.of("kind", "displayName", "email", "relatedAgentId",
            "channels", "agentIds", "disabledAt", "avatarFileId", "avatarSource", "avatarSourceConfigId",
            "avatarSourceAddress", "avatarSyncedAt", "avatarAutoSync");

    private ItemChanges() {
    }

    /**
     * The event of {@code change}, or empty when the item is of no kind that has events, or the write is none a
     * client made (a config's delete lease).
     *
     * @throws MalformedChangeException when the item is of a known kind but cannot be read as one
     */
    public static Optional<ChangeEvent> eventOf(StreamChange change) {
        String pk = text(change.keys(), ParticipantsTable.PK);
        String sk = text(change.keys(), ParticipantsTable.SK);
        if (pk == null || sk == null || !pk.startsWith("T#")) {
            return Optional.empty();
        }
        String partition = pk.substring(2);
        boolean tenantPartition = partition.indexOf('#') < 0;
        if (tenantPartition && sk.startsWith(Keys.PARTICIPANT)) {
            return participant(change, partition, sk.substring(Keys.PARTICIPANT.length()));
        }
        if (tenantPartition && sk.startsWith(Keys.CONFIG)) {
            return config(change, partition, sk.substring(Keys.CONFIG.length()));
        }
        if (tenantPartition && sk.startsWith(Keys.MESSAGE)) {
            return message(change, partition);
        }
        if (tenantPartition && sk.startsWith(Keys.CONVERSATION)) {
            return conversation(change, partition, sk.substring(Keys.CONVERSATION.length()));
        }
        int members = partition.indexOf("#C#");
        if (members > 0 && sk.startsWith(Keys.MEMBER)) {
            return member(change, partition.substring(0, members), partition.substring(members + 3),
                    sk.substring(Keys.MEMBER.length()));
        }
        return Optional.empty();
    }

    /**
     * A delete's time: when DynamoDB wrote its stream record, which the stream gives to the second only (DynamoDB
     * Local to the minute), so never before the item's last write, lest a delete seem older than what it deleted.
     */
    private static long deletedAt(StreamChange change, long lastWrite) {
        return Math.max(change.approximateCreationMillis(), lastWrite);
    }

    // participants

    private static Optional<ChangeEvent> participant(StreamChange change, String tenant, String id) {
        String subject = "tenants/" + tenant + "/participants/" + id;
        Item item = Item.of(PARTICIPANT, change);
        Map<String, Object> data = participantData(item, id);
        return switch (change.eventName()) {
            case StreamChange.INSERT -> event(PARTICIPANT, "created", change, item, subject, tenant,
                    item.number("modifiedAt"), item.number("version"), data);
            case StreamChange.REMOVE -> event(PARTICIPANT, "deleted", change, item, subject, tenant,
                    deletedAt(change, item.number("modifiedAt")), item.number("version") + 1, data);
            default -> participantModified(change, tenant, id, subject, item, data);
        };
    }

    private static Optional<ChangeEvent> participantModified(StreamChange change, String tenant, String id,
                                                             String subject, Item item, Map<String, Object> data) {
        Item before = Item.before(PARTICIPANT, change);
        String kind;
        Map<String, Object> facts = new LinkedHashMap<>();
        Map<String, AttributeValue> binding = item.map(ParticipantItem.BINDING_CHANGE);
        if (before.has("disabledAt") != item.has("disabledAt")) {
            kind = item.has("disabledAt") ? "disabled" : "enabled";
        } else if (binding != null && bindingDone(binding, before, item)) {
            // only a bind or an unbind leaves it in the new image (see ParticipantItem.BINDING_CHANGE)
            kind = text(binding, "action");
            facts.put("agentId", text(binding, "agentId"));
        } else if (item.has("avatarFileId")
                && !Objects.equals(item.text("avatarFileId"), before.text("avatarFileId"))) {
            // a PATCH can only clear an avatar: a new file id is a sync or an operator's upload
            kind = "UPLOADED".equals(item.text("avatarSource")) ? "avatar_uploaded" : "avatar_synced";
            if ("avatar_synced".equals(kind)) {
                // auto-sync's worker, or a caller's avatar:syncFromChannel
                facts.put("automatic", item.flag("avatarSyncAutomatic"));
            }
        } else {
            kind = "updated";
            Map<String, Object> old = participantData(before, id);
            List<String> changed = new ArrayList<>();
            for (String field : COMPARED) {
                if (!Objects.equals(old.get(field), data.get(field))) {
                    changed.add(field);
                }
            }
            facts.put("changedFields", changed);
        }
        Map<String, Object> withFacts = new LinkedHashMap<>(data);
        withFacts.putAll(facts);
        return event(PARTICIPANT, kind, change, item, subject, tenant, item.number("modifiedAt"),
                item.number("version"), withFacts);
    }

    /**
     * Whether the write did what the binding change it left says: the agent joined (bound) or left (unbound) the
     * participant's agents. Either check alone would tell a bind from a PATCH; both make a stale marker harmless.
     */
    private static boolean bindingDone(Map<String, AttributeValue> binding, Item before, Item after) {
        String action = text(binding, "action");
        String agentId = text(binding, "agentId");
        if (!ParticipantItem.BOUND.equals(action) && !ParticipantItem.UNBOUND.equals(action) || agentId == null) {
            throw new MalformedChangeException("participant item has an unreadable " + ParticipantItem.BINDING_CHANGE);
        }
        boolean wasBound = before.stringSet("agentIds").contains(agentId);
        boolean isBound = after.stringSet("agentIds").contains(agentId);
        return ParticipantItem.BOUND.equals(action) ? !wasBound && isBound : wasBound && !isBound;
    }

    /** A participant's public fields as the API names them; never its avatar's hash. */
    private static Map<String, Object> participantData(Item item, String id) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("kind", item.requiredText("kind"));
        data.put("displayName", item.requiredText("displayName"));
        data.put("email", item.text("email"));
        data.put("relatedAgentId", item.text("relatedAgentId"));
        List<Object> channels = new ArrayList<>();
        for (AttributeValue channel : item.list("channels")) {
            if (!channel.hasM()) {
                throw new MalformedChangeException("participant item has a channel that is not a map");
            }
            Item c = new Item(PARTICIPANT + " channel", channel.m());
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("integrationConfigId", c.requiredText("integrationConfigId"));
            shown.put("address", c.requiredText("address"));
            shown.put("priority", c.has("priority") ? c.number("priority") : 0L);
            shown.put("label", c.text("label"));
            shown.put("disabled", c.flag("disabled"));
            channels.add(shown);
        }
        data.put("channels", channels);
        data.put("agentIds", item.stringSet("agentIds"));
        data.put("disabledAt", item.optionalNumber("disabledAt"));
        data.put("avatarFileId", item.text("avatarFileId"));
        data.put("avatarSource", item.text("avatarSource"));
        data.put("avatarSourceConfigId", item.text("avatarSourceConfigId"));
        data.put("avatarSourceAddress", item.text("avatarSourceAddress"));
        data.put("avatarSyncedAt", item.optionalNumber("avatarSyncedAt"));
        Map<String, Object> autoSync = new LinkedHashMap<>();
        autoSync.put("enabled", item.flag("avatarAutoSyncEnabled"));
        autoSync.put("integrationConfigId", item.text("avatarAutoSyncConfigId"));
        autoSync.put("address", item.text("avatarAutoSyncAddress"));
        data.put("avatarAutoSync", autoSync);
        data.put("createdAt", item.number("createdAt"));
        data.put("modifiedAt", item.number("modifiedAt"));
        return data;
    }

    // integration configs

    private static Optional<ChangeEvent> config(StreamChange change, String tenant, String id) {
        String subject = "tenants/" + tenant + "/integrations/configs/" + id;
        Item item = Item.of(INTEGRATION_CONFIG, change);
        Map<String, Object> data = configData(item, id);
        long version = item.has(IntegrationConfigItem.VERSION) ? item.number(IntegrationConfigItem.VERSION) : 1;
        switch (change.eventName()) {
            case StreamChange.INSERT:
                return event(INTEGRATION_CONFIG, "created", change, item, subject, tenant, item.number("createdAt"),
                        version, data);
            case StreamChange.REMOVE:
                return event(INTEGRATION_CONFIG, "deleted", change, item, subject, tenant,
                        deletedAt(change, item.number(item.has("modifiedAt") ? "modifiedAt" : "createdAt")),
                        version + 1, data);
            default:
                Item before = Item.before(INTEGRATION_CONFIG, change);
                long versionBefore = before.has(IntegrationConfigItem.VERSION)
                        ? before.number(IntegrationConfigItem.VERSION) : 1;
                if (version == versionBefore) {
                    // a delete's lease taken or released: no write a client asked for
                    return Optional.empty();
                }
                if (before.has(IntegrationConfigItem.GRAVATAR) != item.has(IntegrationConfigItem.GRAVATAR)
                        || !java.util.Objects.equals(before.text(IntegrationConfigItem.AVATAR_SYNC_INTERVAL),
                                item.text(IntegrationConfigItem.AVATAR_SYNC_INTERVAL))
                        || before.flag(IntegrationConfigItem.MESSAGE_TEXT_IN_EVENTS)
                                != item.flag(IntegrationConfigItem.MESSAGE_TEXT_IN_EVENTS)) {
                    // an update (Gravatar or message text turned on or off, the interval set or cleared), which
                    // leaves the connection as it was
                    return event(INTEGRATION_CONFIG, "updated", change, item, subject, tenant,
                            item.number(IntegrationConfigItem.MODIFIED_AT), version, data);
                }
                String state = item.text(IntegrationConfigItem.CONNECTION_STATE);
                String kind = state == null ? "disconnected"
                        : switch (state) {
                            case "CONNECTED" -> "connected";
                            case "TOKEN_REJECTED" -> "token_rejected";
                            default -> throw new MalformedChangeException(
                                    "integration config item has an unknown " + IntegrationConfigItem.CONNECTION_STATE);
                        };
                return event(INTEGRATION_CONFIG, kind, change, item, subject, tenant,
                        item.number(IntegrationConfigItem.MODIFIED_AT), version, data);
        }
    }

    /** A config's public fields; its connection as the API shows it (the token itself is never stored here). */
    private static Map<String, Object> configData(Item item, String id) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        String provider = item.requiredText("provider");
        data.put("provider", provider);
        data.put("name", item.requiredText("name"));
        data.put("createdAt", item.number("createdAt"));
        Map<String, Object> connection = new LinkedHashMap<>();
        String state = item.text(IntegrationConfigItem.CONNECTION_STATE);
        connection.put("status", !usesOAuth(provider) ? "NOT_APPLICABLE" : state == null ? "NOT_CONNECTED" : state);
        connection.put("teamId", item.text("teamId"));
        connection.put("keyPrefix", item.text("keyPrefix"));
        connection.put("changedAt", item.optionalNumber("connectionChangedAt"));
        data.put("connection", connection);
        if (Provider.EMAIL.name().equals(provider)) {
            data.put("gravatar", item.has(IntegrationConfigItem.GRAVATAR));
        }
        if (item.has(IntegrationConfigItem.AVATAR_SYNC_INTERVAL)) {
            // as the API shows it: absent while the deployment's interval applies
            data.put("avatarSyncInterval", item.text(IntegrationConfigItem.AVATAR_SYNC_INTERVAL));
        }
        if (!Provider.EMAIL.name().equals(provider)) {
            // as the API shows it: for every provider with inbound messages
            data.put("messageTextInEvents", item.flag(IntegrationConfigItem.MESSAGE_TEXT_IN_EVENTS));
        }
        return data;
    }

    private static boolean usesOAuth(String provider) {
        try {
            return Provider.valueOf(provider).needsConnection();
        } catch (IllegalArgumentException e) {
            throw new MalformedChangeException("integration config item has an unknown provider");
        }
    }

    // received messages

    /**
     * A message record's insert is the message's one event (a redelivery writes none); its expiry makes none. Its
     * text only when the record holds it, which it does only when the config turned {@code messageTextInEvents} on.
     */
    private static Optional<ChangeEvent> message(StreamChange change, String tenant) {
        if (!StreamChange.INSERT.equals(change.eventName())) {
            return Optional.empty();
        }
        Item item = Item.of(CHANNEL, change);
        String participantId = item.requiredText("participantId");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("participantId", participantId);
        data.put("integrationConfigId", item.requiredText("integrationConfigId"));
        data.put("provider", item.requiredText("provider"));
        data.put("address", item.requiredText("address"));
        data.put("agentIds", item.stringSet("agentIds"));
        data.put("messageId", item.requiredText("messageId"));
        data.put("receivedAt", item.number("receivedAt"));
        if (item.has(DynamoActivationStore.TEXT)) {
            data.put("text", item.requiredText(DynamoActivationStore.TEXT));
            data.put("textTruncated", item.flag(DynamoActivationStore.TEXT_TRUNCATED));
        }
        return event(CHANNEL, "message_received", change, item, "tenants/" + tenant + "/participants/" + participantId,
                tenant, item.number("receivedAt"), 1, data);
    }

    // conversations

    private static Optional<ChangeEvent> conversation(StreamChange change, String workspace, String id) {
        if (!StreamChange.INSERT.equals(change.eventName())) {
            // conversations are only ever created
            return Optional.empty();
        }
        Item item = Item.of(CONVERSATION, change);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("name", item.requiredText("name"));
        data.put("description", item.text("description"));
        data.put("createdAt", item.number("createdAt"));
        data.put("updatedAt", item.number("updatedAt"));
        return event(CONVERSATION, "created", change, item, "workspaces/" + workspace + "/conversations/" + id,
                workspace, item.number("updatedAt"), 1, data);
    }

    private static Optional<ChangeEvent> member(StreamChange change, String workspace, String conversationId,
                                                String id) {
        String subject = "workspaces/" + workspace + "/conversations/" + conversationId + "/participants/" + id;
        Item item = Item.of(CONVERSATION_PARTICIPANT, change);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("conversationId", conversationId);
        data.put("type", item.requiredText("type"));
        data.put("status", item.requiredText("status"));
        data.put("refId", item.text("refId"));
        Map<String, Object> contact = null;
        if (item.has("identifierKey")) {
            contact = new LinkedHashMap<>();
            contact.put("identifierKey", item.requiredText("identifierKey"));
            contact.put("identifierValue", item.requiredText("identifierValue"));
            contact.put("platformAddress", item.requiredText("identifierValue"));
            contact.put("platformAddressSelector", item.text("platformAddressSelector"));
        }
        data.put("contact", contact);
        data.put("createdAt", item.number("createdAt"));
        data.put("updatedAt", item.number("updatedAt"));
        return switch (change.eventName()) {
            case StreamChange.INSERT -> event(CONVERSATION_PARTICIPANT, "added", change, item, subject, workspace,
                    item.number("updatedAt"), item.number("version"), data);
            case StreamChange.REMOVE -> event(CONVERSATION_PARTICIPANT, "removed", change, item, subject, workspace,
                    deletedAt(change, item.number("updatedAt")), item.number("version") + 1, data);
            default -> {
                Map<String, Object> withFacts = new LinkedHashMap<>(data);
                withFacts.put("from", Item.before(CONVERSATION_PARTICIPANT, change).requiredText("status"));
                withFacts.put("to", item.requiredText("status"));
                yield event(CONVERSATION_PARTICIPANT, "status_changed", change, item, subject, workspace,
                        item.number("updatedAt"), item.number("version"), withFacts);
            }
        };
    }

    private static Optional<ChangeEvent> event(String resource, String kind, StreamChange change, Item item,
                                               String subject, String tenant, long time, long version,
                                               Map<String, Object> data) {
        String type = ChangeEvent.TYPE_PREFIX + resource + "." + kind;
        String id = ChangeEvent.idOf(type, text(change.keys(), ParticipantsTable.PK),
                text(change.keys(), ParticipantsTable.SK), item.number("createdAt"), version);
        return Optional.of(new ChangeEvent(id, type, time, subject, tenant, version, data));
    }

    private static String text(Map<String, AttributeValue> attributes, String name) {
        AttributeValue value = attributes.get(name);
        return value == null ? null : value.s();
    }

    /** An item image read by attribute, each failure naming the item kind and the attribute, never a value. */
    private record Item(String kind, Map<String, AttributeValue> attributes) {

        /** The item as the write left it, or as it was before a remove. */
        static Item of(String kind, StreamChange change) {
            Map<String, AttributeValue> image = StreamChange.REMOVE.equals(change.eventName())
                    ? change.oldImage() : change.newImage();
            if (image.isEmpty()) {
                throw new MalformedChangeException(kind + " record has no " + (StreamChange.REMOVE.equals(
                        change.eventName()) ? "old" : "new") + " image (the stream must show both)");
            }
            return new Item(kind, image);
        }

        static Item before(String kind, StreamChange change) {
            if (change.oldImage().isEmpty()) {
                throw new MalformedChangeException(kind + " record has no old image (the stream must show both)");
            }
            return new Item(kind, change.oldImage());
        }

        boolean has(String name) {
            AttributeValue value = attributes.get(name);
            return value != null && !Boolean.TRUE.equals(value.nul());
        }

        String text(String name) {
            AttributeValue value = attributes.get(name);
            if (value == null || Boolean.TRUE.equals(value.nul())) {
                return null;
            }
            if (value.s() == null) {
                throw malformed(name);
            }
            return value.s();
        }

        String requiredText(String name) {
            String text = text(name);
            if (text == null) {
                throw malformed(name);
            }
            return text;
        }

        long number(String name) {
            Long number = optionalNumber(name);
            if (number == null) {
                throw malformed(name);
            }
            return number;
        }

        Long optionalNumber(String name) {
            AttributeValue value = attributes.get(name);
            if (value == null || Boolean.TRUE.equals(value.nul())) {
                return null;
            }
            try {
                return Long.parseLong(Objects.requireNonNull(value.n()));
            } catch (RuntimeException e) {
                throw malformed(name);
            }
        }

        boolean flag(String name) {
            AttributeValue value = attributes.get(name);
            return value != null && Boolean.TRUE.equals(value.bool());
        }

        List<AttributeValue> list(String name) {
            AttributeValue value = attributes.get(name);
            if (value == null || Boolean.TRUE.equals(value.nul())) {
                return List.of();
            }
            if (!value.hasL()) {
                throw malformed(name);
            }
            return value.l();
        }

        List<String> stringSet(String name) {
            AttributeValue value = attributes.get(name);
            if (value == null || Boolean.TRUE.equals(value.nul())) {
                return List.of();
            }
            if (!value.hasSs()) {
                throw malformed(name);
            }
            return value.ss().stream().sorted().toList();
        }

        Map<String, AttributeValue> map(String name) {
            AttributeValue value = attributes.get(name);
            if (value == null || Boolean.TRUE.equals(value.nul())) {
                return null;
            }
            if (!value.hasM()) {
                throw malformed(name);
            }
            return value.m();
        }

        MalformedChangeException malformed(String name) {
            return new MalformedChangeException(kind + " item has no readable " + name);
        }
    }
}
