package io.participants.api.conversations;

import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import io.participants.domain.common.TenantId;
import io.participants.domain.participant.Avatar;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contact linked to a directory participant with a stored avatar shows a short-lived link to that avatar, under
 * the workspace's own key prefix; one without an avatar shows none.
 */
class DirectoryAvatarIntegrationTest {

    private static final Pattern EXPIRES = Pattern.compile("X-Amz-Expires=(\\d+)");

    private static ApiHarness api;
    private static Workspace workspace;
    private static String fileId;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        workspace = new Workspace(api);
        String config = api.request("POST", "/v1/tenants/" + workspace.id() + "/integrations/configs")
                .tenant(workspace.id()).scopes("integrations:admin")
                .jsonBody(Map.of("provider", "EMAIL", "name", "Mail")).send().field("id");
        String withAvatar = directoryParticipant("Ada Lovelace", config, "ada@example.com");
        directoryParticipant("Grace Hopper", config, "grace@example.com");
        // An avatar as a sync would have stored it; the link needs no object, only the key.
        fileId = UUID.randomUUID().toString();
        ParticipantStore store = api.context().getBean(ParticipantStore.class);
        TenantId tenant = new TenantId(workspace.id());
        Participant current = store.find(tenant, UUID.fromString(withAvatar)).orElseThrow();
        store.update(current, new Participant(current.tenant(), current.id(), current.kind(), current.displayName(),
                current.email(), current.relatedAgentId(), current.channels(), current.agentIds(),
                current.disabledAt(), new Avatar(fileId, Avatar.Source.CHANNEL_SYNC, null, null, 1L, "hash"), null,
                current.createdAt(),
                current.modifiedAt(), current.version() + 1));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aLinkedContactWithAnAvatarGetsAShortLivedLinkToIt() {
        String conversation = workspace.conversation("Avatars");

        ApiResponse added = workspace.addContact(conversation, "emailaddress", "ada@example.com", null);
        ApiResponse listed = workspace.get(workspace.participants(conversation));

        String avatarUrl = added.field("avatarUrl");
        assertThat(avatarUrl).as(added.toString()).isNotNull();
        URI link = URI.create(avatarUrl);
        assertThat(link.getPath()).endsWith("/avatars/" + workspace.id() + "/" + fileId);
        Matcher expires = EXPIRES.matcher(link.getRawQuery());
        assertThat(expires.find()).isTrue();
        assertThat(Integer.parseInt(expires.group(1))).isBetween(1, 900);
        assertThat(listed.json().get("results").get(0).get("avatarUrl").getStringValue()).contains(fileId);
    }

    @Test
    void everyAnswerOfTheLinkedContactLinksToItsAvatar() {
        String conversation = workspace.conversation("Every answer");
        String id = workspace.addContact(conversation, "emailaddress", "ada@example.com", "invited").field("id");
        String byId = workspace.participants(conversation) + "/" + id;
        String byIdentifier = workspace.participant(conversation, "emailaddress", "ada%40example.com");

        List<ApiResponse> answers = List.of(workspace.get(byId), workspace.get(byIdentifier),
                workspace.patch(byId, "{\"status\":\"pending\"}"),
                workspace.patch(byIdentifier, "{\"status\":\"active\"}"));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.field("avatarUrl")).as(answer.toString()).contains("/avatars/" + workspace.id() + "/"
                    + fileId);
        });
    }

    @Test
    void aLinkedContactWithoutAnAvatarHasNoLink() {
        String conversation = workspace.conversation("No avatar");

        ApiResponse added = workspace.addContact(conversation, "emailaddress", "grace@example.com", null);

        assertThat(added.field("displayName")).isEqualTo("Grace Hopper");
        assertThat(added.json().get("avatarUrl").isNull()).isTrue();
    }

    private static String directoryParticipant(String name, String config, String address) {
        ApiResponse created = api.request("POST", "/v1/tenants/" + workspace.id() + "/participants")
                .tenant(workspace.id()).scopes("participants:write").jsonBody(Map.of("displayName", name,
                        "channels", List.of(Map.of("integrationConfigId", config, "address", address)))).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }
}
