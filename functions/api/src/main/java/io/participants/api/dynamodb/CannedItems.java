package io.participants.api.dynamodb;

import io.participants.api.priming.PrimingRequests;
import io.participants.domain.activation.WebhookKey;
import io.participants.domain.common.TenantId;
import io.participants.domain.connection.Connection;
import io.participants.domain.connection.ConnectionState;
import io.participants.domain.conversation.Conversation;
import io.participants.domain.conversation.ConversationParticipant;
import io.participants.domain.conversation.Identifier;
import io.participants.domain.conversation.ParticipantStatus;
import io.participants.domain.conversation.ParticipantType;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.Provider;
import io.participants.domain.participant.Avatar;
import io.participants.domain.participant.Channel;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantKind;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * DynamoDB's answers while SnapStart priming runs (see {@code priming.Priming}): each operation answered as the table
 * would answer it if it held, under any key asked for, the item of that key's kind that priming's requests expect
 * (a participant with a Slack channel and an avatar, a connected Slack config, a channel's claim, a conversation and
 * its contact participant), built with the adapters' own mappings so that it maps back into the domain. Writes
 * succeed without storing anything; a kind without a canned item reads as absent.
 */
public final class CannedItems {

    /** What a conversation's partition holds after its tenant ({@code Keys.members}). */
    private static final String MEMBERS = "#C#";
    /** What an identifier index partition holds after its tenant ({@code Keys.identifier}). */
    private static final String IDENTIFIER = "#ID#";
    /** The contact of the priming requests of the conversation routes. */
    private static final Identifier CONTACT = new Identifier(PrimingRequests.CONTACT_KEY,
            PrimingRequests.CONTACT_VALUE);
    /**
     * How the enhanced client names a key condition's values (a tenant's participants are listed through it): the
     * partition's {@code :AMZN_MAPPED_PK}, the sort key's prefix {@code :AMZN_MAPPED_SK}. The adapters' own queries
     * name them {@code :pk} and {@code :prefix}.
     */
    private static final String ENHANCED_VALUE = ":AMZN_MAPPED_";
    private static final Set<String> RETURNS_ITEM = Set.of("ALL_NEW", "ALL_OLD", "UPDATED_NEW", "UPDATED_OLD");
    /** A fixed instant (2026-01-01), so that canned items are alike from one priming to the next. */
    private static final long AT = 1_767_225_600_000L;

    private CannedItems() {
    }

    /** The JSON body of DynamoDB's answer to {@code operation} (such as {@code GetItem}) with request {@code body}. */
    public static String answer(String operation, JsonNode body) {
        return switch (operation) {
            case "GetItem" -> item("Item", key(body.field("Key")));
            case "UpdateItem", "DeleteItem" -> returnsItem(body) ? item("Attributes", key(body.field("Key"))) : "{}";
            case "BatchGetItem" -> batchGet(body);
            case "TransactGetItems" -> transactGet(body);
            case "Query" -> query(body);
            case "BatchWriteItem" -> "{\"UnprocessedItems\":{}}";
            case "DescribeTable" -> "{\"Table\":{\"TableStatus\":\"ACTIVE\"}}";
            default -> "{}"; // PutItem, TransactWriteItems, Scan of nothing: a success with nothing to return
        };
    }

    private static boolean returnsItem(JsonNode body) {
        return body.field("ReturnValues").map(v -> RETURNS_ITEM.contains(v.asString())).orElse(false);
    }

    private static String item(String field, Map<String, AttributeValue> item) {
        return item == null ? "{}" : "{\"" + field + "\":" + json(item) + "}";
    }

    private static String batchGet(JsonNode body) {
        StringBuilder out = new StringBuilder("{\"Responses\":{");
        String separator = "";
        for (Map.Entry<String, JsonNode> table : body.field("RequestItems").map(JsonNode::asObject)
                .orElse(Map.of()).entrySet()) {
            List<String> items = new ArrayList<>();
            for (JsonNode key : table.getValue().field("Keys").map(JsonNode::asArray).orElse(List.of())) {
                Map<String, AttributeValue> item = canned(key);
                if (item != null) {
                    items.add(json(item));
                }
            }
            out.append(separator).append(quote(table.getKey())).append(":[").append(String.join(",", items))
                    .append(']');
            separator = ",";
        }
        return out.append("},\"UnprocessedKeys\":{}}").toString();
    }

    private static String transactGet(JsonNode body) {
        List<String> responses = new ArrayList<>();
        for (JsonNode get : body.field("TransactItems").map(JsonNode::asArray).orElse(List.of())) {
            Map<String, AttributeValue> item = key(get.field("Get").flatMap(g -> g.field("Key")));
            responses.add(item("Item", item));
        }
        return "{\"Responses\":[" + String.join(",", responses) + "]}";
    }

    /**
     * A query of a tenant's participants, configs or conversations finds one; of a conversation's participants (by add
     * order) or of a contact's conversations (by identifier), the priming contact; any other query, nothing.
     */
    private static String query(JsonNode body) {
        Map<String, JsonNode> values = body.field("ExpressionAttributeValues").map(JsonNode::asObject)
                .orElse(Map.of());
        String partition = text(values.getOrDefault(":pk", values.get(ENHANCED_VALUE + ParticipantsTable.PK)));
        String prefix = text(values.getOrDefault(":prefix", values.get(ENHANCED_VALUE + ParticipantsTable.SK)));
        String index = body.field("IndexName").map(JsonNode::asString).orElse(null);
        Map<String, AttributeValue> item = null;
        if (partition == null) {
            item = null;
        } else if (index == null) {
            boolean listable = Keys.PARTICIPANT.equals(prefix) || Keys.CONFIG.equals(prefix)
                    || Keys.CONVERSATION.equals(prefix);
            // a config's claims are listed only to refuse deleting a config in use: none, so that the delete succeeds
            item = listable ? canned(partition, prefix + idFor(prefix)) : null;
        } else if (index.equals(ParticipantsTable.GSI2) && partition.contains(MEMBERS)) {
            item = canned(partition, Keys.member(memberId(UUID.fromString(
                    partition.substring(partition.indexOf(MEMBERS) + MEMBERS.length())))));
        } else if (index.equals(ParticipantsTable.GSI1) && partition.contains(IDENTIFIER) && prefix != null) {
            String tenant = partition.substring(0, partition.indexOf(IDENTIFIER));
            UUID conversation = UUID.fromString(PrimingRequests.CONVERSATION);
            // a contact's conversations, or the directory participant whose channel claims the contact's address
            item = prefix.startsWith(Keys.CONVERSATION)
                    ? canned(tenant + MEMBERS + conversation, Keys.member(memberId(conversation)))
                    : canned(tenant, Keys.CLAIM + PrimingRequests.CONFIG + "#" + PrimingRequests.CONTACT_VALUE);
        }
        return item == null ? "{\"Items\":[],\"Count\":0,\"ScannedCount\":0}"
                : "{\"Items\":[" + json(item) + "],\"Count\":1,\"ScannedCount\":1}";
    }

    private static String idFor(String prefix) {
        return switch (prefix) {
            case Keys.CONFIG -> PrimingRequests.CONFIG;
            case Keys.CONVERSATION -> PrimingRequests.CONVERSATION;
            default -> PrimingRequests.PARTICIPANT;
        };
    }

    /** The id of the priming contact in a conversation, as the service names a contact participant. */
    private static UUID memberId(UUID conversation) {
        return ConversationParticipant.idOf(conversation, CONTACT);
    }

    private static Map<String, AttributeValue> key(java.util.Optional<JsonNode> key) {
        return key.map(CannedItems::canned).orElse(null);
    }

    private static Map<String, AttributeValue> canned(JsonNode key) {
        return canned(text(key.field(ParticipantsTable.PK).orElse(null)),
                text(key.field(ParticipantsTable.SK).orElse(null)));
    }

    /** The item of the key's kind, under that key; null for a kind priming does not read. */
    static Map<String, AttributeValue> canned(String pk, String sk) {
        if (pk == null || sk == null || !pk.startsWith("T#")) {
            return null;
        }
        int members = pk.indexOf(MEMBERS);
        try {
            if (members > 2 && sk.startsWith(Keys.MEMBER)) {
                TenantId tenant = new TenantId(pk.substring(2, members));
                UUID conversation = UUID.fromString(pk.substring(members + MEMBERS.length()));
                UUID id = UUID.fromString(sk.substring(Keys.MEMBER.length()));
                return ConversationItems.toItem(new ConversationParticipant(tenant, conversation, id,
                        ParticipantType.CONTACT, null, CONTACT, null, ParticipantStatus.ACTIVE, AT, AT, 1));
            }
            if (pk.indexOf('#', 2) >= 0) {
                return null;
            }
            TenantId tenant = new TenantId(pk.substring(2));
            if (sk.startsWith(Keys.PARTICIPANT)) {
                UUID id = UUID.fromString(sk.substring(Keys.PARTICIPANT.length()));
                return ParticipantItem.SCHEMA.itemToMap(ParticipantItem.from(participant(tenant, id)), true);
            }
            if (sk.startsWith(Keys.CONFIG)) {
                UUID id = UUID.fromString(sk.substring(Keys.CONFIG.length()));
                Map<String, AttributeValue> config = IntegrationConfigItem.toItem(config(tenant, id));
                if (id.toString().equals(PrimingRequests.CONFIG)) {
                    // the Slack config has the webhook priming's inbound request comes through, as an activated
                    // config has: reads that summarize it (a participant's health) take that path
                    config = new LinkedHashMap<>(config);
                    config.put(DynamoActivationStore.WEBHOOK_KEY_PREFIX,
                            Keys.s(WebhookKey.prefixOf(PrimingRequests.WEBHOOK_KEY).orElseThrow()));
                    config.put(DynamoActivationStore.WEBHOOK_CREATED_AT, Keys.n(AT));
                }
                return config;
            }
            if (sk.startsWith(Keys.CONVERSATION)) {
                UUID id = UUID.fromString(sk.substring(Keys.CONVERSATION.length()));
                return ConversationItems.toItem(new Conversation(tenant, id, "Priming", null, AT, AT));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (sk.startsWith(Keys.WEBHOOK)) {
            // the Slack config's webhook, under the key priming's inbound request carries
            Map<String, AttributeValue> webhook = new LinkedHashMap<>(Keys.key(pk, sk));
            webhook.put("integrationConfigId", Keys.s(PrimingRequests.CONFIG));
            webhook.put("provider", Keys.s(Provider.SLACK.name()));
            webhook.put("keyHash", Keys.s(WebhookKey.hash(
                    PrimingRequests.WEBHOOK_KEY)));
            webhook.put("createdAt", Keys.n(AT));
            return webhook;
        }
        if (sk.startsWith(Keys.CLAIM)) {
            // a claim whose channel has had a message, as an activated channel's has
            Map<String, AttributeValue> claim = new LinkedHashMap<>(Keys.key(pk, sk));
            claim.put("participantId", Keys.s(PrimingRequests.PARTICIPANT));
            claim.put(DynamoActivationStore.LAST_MESSAGE_AT, Keys.n(AT));
            return claim;
        }
        return null;
    }

    /** The connected Slack config, or the Telegram, Teams or email one that connect, its callback or update names. */
    private static IntegrationConfig config(TenantId tenant, UUID id) {
        if (id.toString().equals(PrimingRequests.TELEGRAM_CONFIG)) {
            return new IntegrationConfig(tenant, id, Provider.TELEGRAM, "Priming", AT, null);
        }
        if (id.toString().equals(PrimingRequests.EMAIL_CONFIG)) {
            return new IntegrationConfig(tenant, id, Provider.EMAIL, "Priming", AT, null, false);
        }
        if (id.toString().equals(PrimingRequests.MICROSOFT_CONFIG)) {
            return new IntegrationConfig(tenant, id, Provider.MICROSOFT_TEAMS, "Priming", AT, null);
        }
        return new IntegrationConfig(tenant, id, Provider.SLACK, "Priming", AT,
                new Connection(ConnectionState.CONNECTED, "T0PRIMING", "xoxb", AT));
    }

    private static Participant participant(TenantId tenant, UUID id) {
        Channel slack = new Channel(UUID.fromString(PrimingRequests.CONFIG), PrimingRequests.SLACK_USER, 1, "work",
                false, Provider.SLACK);
        Avatar avatar = new Avatar(PrimingRequests.AVATAR_FILE, Avatar.Source.CHANNEL_SYNC,
                UUID.fromString(PrimingRequests.CONFIG), PrimingRequests.SLACK_USER, AT, "stored0hash");
        return new Participant(tenant, id, ParticipantKind.PERSON, "Priming", "priming@example.com", null,
                List.of(slack), new TreeSet<>(Set.of(PrimingRequests.AGENT)), null, avatar, null, AT, AT, 1);
    }

    private static String text(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        return node.field("S").filter(JsonNode::isString).map(JsonNode::asString).orElse(null);
    }

    /** An item in DynamoDB's JSON (the attribute value types an item of this table holds). */
    static String json(Map<String, AttributeValue> item) {
        StringBuilder out = new StringBuilder("{");
        String separator = "";
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            out.append(separator).append(quote(attribute.getKey())).append(':');
            value(out, attribute.getValue());
            separator = ",";
        }
        return out.append('}').toString();
    }

    private static void value(StringBuilder out, AttributeValue value) {
        switch (value.type()) {
            case S -> out.append("{\"S\":").append(quote(value.s())).append('}');
            case N -> out.append("{\"N\":").append(quote(value.n())).append('}');
            case BOOL -> out.append("{\"BOOL\":").append(value.bool()).append('}');
            case NUL -> out.append("{\"NULL\":true}");
            case SS -> out.append("{\"SS\":[").append(String.join(",", value.ss().stream()
                    .map(CannedItems::quote).toList())).append("]}");
            case NS -> out.append("{\"NS\":[").append(String.join(",", value.ns().stream()
                    .map(CannedItems::quote).toList())).append("]}");
            case L -> {
                out.append("{\"L\":[");
                String separator = "";
                for (AttributeValue element : value.l()) {
                    out.append(separator);
                    value(out, element);
                    separator = ",";
                }
                out.append("]}");
            }
            case M -> out.append("{\"M\":").append(json(value.m())).append('}');
            default -> throw new IllegalArgumentException("no canned form for a " + value.type() + " attribute");
        }
    }

    public static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
