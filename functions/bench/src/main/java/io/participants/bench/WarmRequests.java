package io.participants.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.participants.api.avatars.AvatarStubs;
import io.participants.api.dynamodb.DynamoConversationStore;
import io.participants.api.dynamodb.DynamoIntegrationConfigStore;
import io.participants.api.dynamodb.DynamoOAuthStateLedger;
import io.participants.api.dynamodb.DynamoParticipantStore;
import io.participants.domain.common.TenantId;
import io.participants.domain.connection.OAuthState;
import io.participants.domain.connection.SignedStates;
import io.participants.domain.conversation.ConversationParticipant;
import io.participants.domain.conversation.Identifier;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.participant.Channel;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The warm requests of one deployable, made from its representative event. Reads and requests that succeed again and
 * again with the same effect are sent as they are; requests that can succeed only once (deleting, disabling, binding
 * a given participant, adding a given contact, consuming a given OAuth state) get a fresh target per request: a copy
 * of the event's own target, written into the table before the timing starts, or a fresh value in the body.
 */
final class WarmRequests {

    /** The events to send, in order, and what they are, for the report. */
    record Plan(String description, List<String> events) {
    }

    private static final int SEEDING_THREADS = 4;

    private final DynamoDbClient dynamo;
    private final String table;

    WarmRequests(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    Plan plan(EventFile template, int count) {
        String json = template.json();
        APIGatewayV2HTTPEvent event = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                WarmRequests.class.getClassLoader()).fromJson(json);
        Map<String, String> path = event.getPathParameters() == null ? Map.of() : event.getPathParameters();
        String file = template.fileName();
        Plan plan = switch (template.function().name()) {
            case "create-participant" -> new Plan("a new participant per request (its own Slack channel address)",
                    numbered(count, i -> json.replace("U0456EFGH", "UC" + digits(i))));
            case "add-conversation-participant" -> new Plan("a new contact per request",
                    numbered(count, i -> json.replace("jane.roe@example.com", "contact-" + i + "@example.com")));
            case "update-participant", "delete-participant", "disable-participant", "enable-participant",
                    "bind-participant", "unbind-participant" -> participants(file, json, path, count);
            case "delete-integration-config" -> configs(file, json, path, count);
            case "slack-oauth-callback", "microsoft-oauth-callback" -> states(file, json, event.getQueryStringParameters().get("state"), count);
            case "update-conversation-participant", "update-conversation-participant-by-identifier",
                    "remove-conversation-participant" -> members(file, json, path, count);
            case "sync-participant-avatar" -> new Plan("the event, repeated; Slack reports a new avatar hash each"
                    + " time, so each sync downloads and stores the image", numbered(count, i -> json));
            case "create-integration-config", "create-conversation" ->
                    new Plan("the event, repeated (each creates a new item)", numbered(count, i -> json));
            case "authorize-integration-config" ->
                    new Plan("the event, repeated (each opens a new OAuth state)", numbered(count, i -> json));
            default -> new Plan("the event, repeated", numbered(count, i -> json));
        };
        String key = event.getHeaders() == null ? null : event.getHeaders().get("idempotency-key");
        return key == null ? plan : withKeysOfTheirOwn(plan, key);
    }

    /** Each request under an Idempotency-Key of its own, so each is a first use (a repeat would be a replay). */
    private static Plan withKeysOfTheirOwn(Plan plan, String key) {
        String core = key.length() > 1 && key.startsWith("\"") && key.endsWith("\"")
                ? key.substring(1, key.length() - 1) : key;
        List<String> events = new ArrayList<>();
        for (int i = 0; i < plan.events().size(); i++) {
            events.add(plan.events().get(i).replace(core, core + "-" + i));
        }
        return new Plan(plan.description() + ", each under an Idempotency-Key of its own", events);
    }

    /** Copies of the event's participant (fresh id, own channel addresses), one per request. */
    private Plan participants(String file, String json, Map<String, String> path, int count) {
        TenantId tenant = new TenantId(path.get("tenantId"));
        String targetId = resource(path.get("participantId"));
        var store = new DynamoParticipantStore(dynamo, table, ParticipantService.MAX_AGENTS);
        Participant target = store.find(tenant, UUID.fromString(targetId)).orElseThrow(() ->
                new IllegalStateException(file + ": no participant " + targetId + " in the world"));
        List<String> events = seeded(count, i -> {
            UUID id = poolId(i);
            List<Channel> channels = target.channels().stream().map(c -> new Channel(c.integrationConfigId(),
                    "UP" + digits(i), c.priority(), c.label(), c.disabled(), c.provider())).toList();
            store.create(new Participant(tenant, id, target.kind(), target.displayName(), target.email(),
                    target.relatedAgentId(), channels, target.agentIds(), target.disabledAt(), target.avatar(),
                    target.avatarAutoSync(), target.createdAt(), target.modifiedAt(), target.version()));
            return json.replace(targetId, id.toString());
        });
        return new Plan("a fresh copy of the event's participant per request", events);
    }

    /** Copies of the event's integration config, one per request. */
    private Plan configs(String file, String json, Map<String, String> path, int count) {
        TenantId tenant = new TenantId(path.get("tenantId"));
        String targetId = resource(path.get("integrationConfigId"));
        var store = new DynamoIntegrationConfigStore(dynamo, table, Clock.systemUTC());
        IntegrationConfig target = store.find(tenant, UUID.fromString(targetId)).orElseThrow(() ->
                new IllegalStateException(file + ": no config " + targetId + " in the world"));
        List<String> events = seeded(count, i -> {
            UUID id = poolId(i);
            store.create(new IntegrationConfig(tenant, id, target.provider(), target.name(), target.createdAt()));
            return json.replace(targetId, id.toString());
        });
        return new Plan("a fresh copy of the event's config per request", events);
    }

    /** States signed with the stack's test key and opened in the table, one per request, like the event's own. */
    private Plan states(String file, String json, String state, int count) {
        SignedStates signed = new SignedStates(() -> AvatarStubs.STATE_KEY.getBytes(StandardCharsets.UTF_8));
        OAuthState target = signed.decode(state).orElseThrow(() ->
                new IllegalStateException(file + ": its state is not signed with AvatarStubs.STATE_KEY"));
        var ledger = new DynamoOAuthStateLedger(dynamo, table, Clock.systemUTC());
        List<String> events = seeded(count, i -> {
            OAuthState fresh = new OAuthState(target.tenant(), target.integrationConfigId(), "benchNonce" + digits(i),
                    target.expiresAt());
            ledger.open(fresh);
            return json.replace(state, signed.encode(fresh));
        });
        return new Plan("a freshly signed and opened state per request", events);
    }

    /** Copies of the event's conversation participant, each with an identity of its own, one per request. */
    private Plan members(String file, String json, Map<String, String> path, int count) {
        TenantId tenant = new TenantId(path.get("workspaceId"));
        UUID conversation = UUID.fromString(path.get("conversationId"));
        String byId = path.get("conversationParticipantId");
        UUID targetId = byId != null ? UUID.fromString(byId)
                : ConversationParticipant.idOf(conversation, new Identifier(path.get("identifierKey"),
                path.get("identifierValue")));
        var store = new DynamoConversationStore(dynamo, table);
        ConversationParticipant target = store.findParticipant(tenant, conversation, targetId).orElseThrow(() ->
                new IllegalStateException(file + ": no conversation participant " + targetId + " in the world"));
        List<String> events = seeded(count, i -> {
            Identifier contact = target.contact() == null ? null : freshIdentifier(target.contact(), i);
            String refId = target.refId() == null ? null : target.refId() + "-" + i;
            UUID id = contact != null ? ConversationParticipant.idOf(conversation, contact)
                    : ConversationParticipant.idOf(conversation, target.type(), refId);
            store.add(new ConversationParticipant(tenant, conversation, id, target.type(), refId, contact,
                    target.platformAddressSelector(), target.status(), target.createdAt() + i,
                    target.updatedAt() + i, target.version())).orElseThrow();
            return byId != null ? json.replace(byId, id.toString())
                    : json.replace(path.get("identifierValue"), contact.value());
        });
        return new Plan("a fresh copy of the event's conversation participant per request"
                + (byId == null ? " (a contact without a directory entry)" : ""), events);
    }

    /** An identifier of the same kind as {@code like}, of its own for {@code i}. */
    private static Identifier freshIdentifier(Identifier like, int i) {
        return switch (like.key()) {
            case Identifier.EMAIL -> new Identifier(Identifier.EMAIL, "member-" + i + "@example.com");
            case Identifier.PHONE -> new Identifier(Identifier.PHONE, "+1555" + String.format("%07d", i));
            default -> throw new IllegalStateException("no fresh identifiers of kind " + like.key());
        };
    }

    /**
     * The id in a path segment; for a custom method ({@code {id}:disable}) the gateway's path parameter holds the
     * whole segment.
     */
    static String resource(String segment) {
        int colon = segment.indexOf(':');
        return colon < 0 ? segment : segment.substring(0, colon);
    }

    private static List<String> numbered(int count, IntFunction<String> event) {
        List<String> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(event.apply(i));
        }
        return events;
    }

    /** Runs {@code seed} for 0..count-1 on a few threads (writes to DynamoDB Local) and keeps the events in order. */
    private static List<String> seeded(int count, IntFunction<String> seed) {
        ExecutorService pool = Executors.newFixedThreadPool(SEEDING_THREADS);
        try {
            List<Future<String>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> seed.apply(n)));
            }
            List<String> events = new ArrayList<>(count);
            for (Future<String> future : futures) {
                events.add(future.get());
            }
            return events;
        } catch (ExecutionException e) {
            throw new IllegalStateException("seeding the warm requests failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A UUID (version 7 layout) of its own for pool item {@code i}. */
    static UUID poolId(int i) {
        return UUID.fromString(String.format("01930000-0000-7000-8000-be%010x", i));
    }

    private static String digits(int i) {
        return String.format("%08d", i);
    }
}
