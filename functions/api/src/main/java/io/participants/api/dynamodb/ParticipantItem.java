package io.participants.api.dynamodb;

import io.participants.domain.common.TenantId;
import io.participants.domain.integration.Provider;
import io.participants.domain.participant.Avatar;
import io.participants.domain.participant.AvatarAutoSync;
import io.participants.domain.participant.Channel;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantKind;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** A participant as stored: one item under its tenant's partition. Mapped by a static schema, no reflection. */
public final class ParticipantItem {

    /**
     * Set by a bind or unbind only ({@code {"action": "bound"|"unbound", "agentId": ...}}), and gone after any other
     * write (a PutItem of the whole item drops it, disable and enable remove it), so the table's stream tells a
     * binding from a PATCH of {@code agentIds} exactly. The schema does not map it: reads never see it.
     */
    static final String BINDING_CHANGE = "bindingChange";
    /**
     * The number of the participant's channels activated per binding (Microsoft Teams), absent when none: written
     * with every whole item, so that a bind or unbind that read none can be conditional on there still being none
     * (see {@code DynamoParticipantStore.setBinding}). The schema does not map it: reads never see it.
     */
    static final String PER_BINDING_CHANNELS = "perBindingChannels";
    static final String BOUND = "bound";
    static final String UNBOUND = "unbound";

    static software.amazon.awssdk.services.dynamodb.model.AttributeValue bindingChange(boolean bound, String agentId) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM(java.util.Map.of(
                "action", Keys.s(bound ? BOUND : UNBOUND), "agentId", Keys.s(agentId)));
    }

    /** A channel as stored inside its participant item. */
    public static final class ChannelItem {
        private String integrationConfigId;
        private String address;
        private Integer priority;
        private String label;
        private Boolean disabled;
        private String provider;

        static final TableSchema<ChannelItem> SCHEMA = StaticTableSchema.builder(ChannelItem.class)
                .newItemSupplier(ChannelItem::new)
                .addAttribute(String.class, a -> a.name("integrationConfigId")
                        .getter(c -> c.integrationConfigId).setter((c, v) -> c.integrationConfigId = v))
                .addAttribute(String.class, a -> a.name("address").getter(c -> c.address).setter((c, v) -> c.address = v))
                .addAttribute(Integer.class, a -> a.name("priority").getter(c -> c.priority).setter((c, v) -> c.priority = v))
                .addAttribute(String.class, a -> a.name("label").getter(c -> c.label).setter((c, v) -> c.label = v))
                .addAttribute(Boolean.class, a -> a.name("disabled").getter(c -> c.disabled).setter((c, v) -> c.disabled = v))
                .addAttribute(String.class, a -> a.name("provider").getter(c -> c.provider).setter((c, v) -> c.provider = v))
                .build();
    }

    private String pk;
    private String sk;
    private String kind;
    private String displayName;
    private String email;
    private String relatedAgentId;
    private List<ChannelItem> channels;
    private Set<String> agentIds;
    private Long disabledAt;
    private String avatarFileId;
    private String avatarSource;
    private String avatarSourceConfigId;
    private String avatarSourceAddress;
    private Long avatarSyncedAt;
    private String avatarHash;
    /** True when an automatic sync set the avatar; absent otherwise. */
    private Boolean avatarSyncAutomatic;
    private Boolean avatarAutoSyncEnabled;
    private String avatarAutoSyncConfigId;
    private String avatarAutoSyncAddress;
    private Long createdAt;
    private Long modifiedAt;
    private Long version;

    public static final TableSchema<ParticipantItem> SCHEMA = StaticTableSchema.builder(ParticipantItem.class)
            .newItemSupplier(ParticipantItem::new)
            .addAttribute(String.class, a -> a.name(ParticipantsTable.PK).getter(p -> p.pk).setter((p, v) -> p.pk = v)
                    .tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(ParticipantsTable.SK).getter(p -> p.sk).setter((p, v) -> p.sk = v)
                    .tags(StaticAttributeTags.primarySortKey()))
            .addAttribute(String.class, a -> a.name("kind").getter(p -> p.kind).setter((p, v) -> p.kind = v))
            .addAttribute(String.class, a -> a.name("displayName").getter(p -> p.displayName)
                    .setter((p, v) -> p.displayName = v))
            .addAttribute(String.class, a -> a.name("email").getter(p -> p.email).setter((p, v) -> p.email = v))
            .addAttribute(String.class, a -> a.name("relatedAgentId").getter(p -> p.relatedAgentId)
                    .setter((p, v) -> p.relatedAgentId = v))
            .addAttribute(EnhancedType.listOf(EnhancedType.documentOf(ChannelItem.class, ChannelItem.SCHEMA)),
                    a -> a.name("channels").getter(p -> p.channels).setter((p, v) -> p.channels = v))
            .addAttribute(EnhancedType.setOf(String.class), a -> a.name("agentIds").getter(p -> p.agentIds)
                    .setter((p, v) -> p.agentIds = v))
            .addAttribute(Long.class, a -> a.name("disabledAt").getter(p -> p.disabledAt).setter((p, v) -> p.disabledAt = v))
            .addAttribute(String.class, a -> a.name("avatarFileId").getter(p -> p.avatarFileId)
                    .setter((p, v) -> p.avatarFileId = v))
            .addAttribute(String.class, a -> a.name("avatarSource").getter(p -> p.avatarSource)
                    .setter((p, v) -> p.avatarSource = v))
            .addAttribute(String.class, a -> a.name("avatarSourceConfigId").getter(p -> p.avatarSourceConfigId)
                    .setter((p, v) -> p.avatarSourceConfigId = v))
            .addAttribute(String.class, a -> a.name("avatarSourceAddress").getter(p -> p.avatarSourceAddress)
                    .setter((p, v) -> p.avatarSourceAddress = v))
            .addAttribute(Long.class, a -> a.name("avatarSyncedAt").getter(p -> p.avatarSyncedAt)
                    .setter((p, v) -> p.avatarSyncedAt = v))
            .addAttribute(String.class, a -> a.name("avatarHash").getter(p -> p.avatarHash)
                    .setter((p, v) -> p.avatarHash = v))
            .addAttribute(Boolean.class, a -> a.name("avatarSyncAutomatic").getter(p -> p.avatarSyncAutomatic)
                    .setter((p, v) -> p.avatarSyncAutomatic = v))
            // the auto-sync setting: absent until set; a config and address only when it names a channel
            .addAttribute(Boolean.class, a -> a.name("avatarAutoSyncEnabled").getter(p -> p.avatarAutoSyncEnabled)
                    .setter((p, v) -> p.avatarAutoSyncEnabled = v))
            .addAttribute(String.class, a -> a.name("avatarAutoSyncConfigId").getter(p -> p.avatarAutoSyncConfigId)
                    .setter((p, v) -> p.avatarAutoSyncConfigId = v))
            .addAttribute(String.class, a -> a.name("avatarAutoSyncAddress").getter(p -> p.avatarAutoSyncAddress)
                    .setter((p, v) -> p.avatarAutoSyncAddress = v))
            .addAttribute(Long.class, a -> a.name("createdAt").getter(p -> p.createdAt).setter((p, v) -> p.createdAt = v))
            .addAttribute(Long.class, a -> a.name("modifiedAt").getter(p -> p.modifiedAt).setter((p, v) -> p.modifiedAt = v))
            .addAttribute(Long.class, a -> a.name("version").getter(p -> p.version).setter((p, v) -> p.version = v))
            .build();

    static ParticipantItem from(Participant p) {
        ParticipantItem item = new ParticipantItem();
        item.pk = Keys.tenant(p.tenant());
        item.sk = Keys.participant(p.id());
        item.kind = p.kind().name();
        item.displayName = p.displayName();
        item.email = p.email();
        item.relatedAgentId = p.relatedAgentId();
        item.channels = p.channels().stream().map(c -> {
            ChannelItem ci = new ChannelItem();
            ci.integrationConfigId = c.integrationConfigId().toString();
            ci.address = c.address();
            ci.priority = c.priority();
            ci.label = c.label();
            ci.disabled = c.disabled();
            ci.provider = c.provider().name();
            return ci;
        }).toList();
        // DynamoDB refuses empty sets: no bindings is no attribute.
        item.agentIds = p.agentIds().isEmpty() ? null : new TreeSet<>(p.agentIds());
        item.disabledAt = p.disabledAt();
        Avatar avatar = p.avatar();
        if (avatar != null) {
            item.avatarFileId = avatar.fileId();
            item.avatarSource = avatar.source() == null ? null : avatar.source().name();
            item.avatarSourceConfigId = avatar.sourceConfigId() == null ? null : avatar.sourceConfigId().toString();
            item.avatarSourceAddress = avatar.sourceAddress();
            item.avatarSyncedAt = avatar.syncedAt();
            item.avatarHash = avatar.hash();
            item.avatarSyncAutomatic = avatar.automatic() ? Boolean.TRUE : null;
        }
        AvatarAutoSync autoSync = p.avatarAutoSync();
        if (autoSync != null) {
            item.avatarAutoSyncEnabled = autoSync.enabled();
            item.avatarAutoSyncConfigId = autoSync.integrationConfigId() == null ? null
                    : autoSync.integrationConfigId().toString();
            item.avatarAutoSyncAddress = autoSync.address();
        }
        item.createdAt = p.createdAt();
        item.modifiedAt = p.modifiedAt();
        item.version = p.version();
        return item;
    }

    Participant toDomain() {
        TenantId tenant = new TenantId(pk.substring(2));
        List<Channel> domainChannels = channels == null ? List.of() : channels.stream()
                .map(c -> new Channel(UUID.fromString(c.integrationConfigId), c.address,
                        c.priority == null ? 0 : c.priority, c.label, Boolean.TRUE.equals(c.disabled),
                        Provider.valueOf(c.provider)))
                .toList();
        return new Participant(tenant, UUID.fromString(sk.substring(Keys.PARTICIPANT.length())),
                ParticipantKind.valueOf(kind), displayName, email, relatedAgentId, domainChannels,
                agentIds == null ? new TreeSet<>() : new TreeSet<>(agentIds), disabledAt,
                avatarFileId == null ? null : new Avatar(avatarFileId, sourceOf(avatarSource),
                        avatarSourceConfigId == null ? null : UUID.fromString(avatarSourceConfigId),
                        avatarSourceAddress, avatarSyncedAt, avatarHash, Boolean.TRUE.equals(avatarSyncAutomatic)),
                avatarAutoSyncEnabled == null ? null : new AvatarAutoSync(avatarAutoSyncEnabled,
                        avatarAutoSyncConfigId == null ? null : UUID.fromString(avatarAutoSyncConfigId),
                        avatarAutoSyncAddress),
                createdAt, modifiedAt, version);
    }

    /**
     * Items written before the source was recorded as {@code CHANNEL_SYNC} hold the provider's name ({@code slack})
     * there instead, or nothing: those avatars were all synced from a channel.
     */
    private static Avatar.Source sourceOf(String stored) {
        return Arrays.stream(Avatar.Source.values()).filter(s -> s.name().equals(stored)).findFirst()
                .orElse(Avatar.Source.CHANNEL_SYNC);
    }
}
