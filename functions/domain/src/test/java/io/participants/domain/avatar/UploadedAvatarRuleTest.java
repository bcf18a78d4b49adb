package io.participants.domain.avatar;

import io.participants.domain.common.ConflictException;
import io.participants.domain.common.PreconditionFailedException;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.ValidationException;
import io.participants.domain.connection.ProviderToken;
import io.participants.domain.connection.ProviderTokenStore;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.IntegrationConfigService;
import io.participants.domain.integration.Provider;
import io.participants.domain.participant.Avatar;
import io.participants.domain.participant.AvatarAutoSync;
import io.participants.domain.participant.AvatarAutoSyncInput;
import io.participants.domain.participant.ChannelInput;
import io.participants.domain.participant.NewParticipant;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantChanges;
import io.participants.domain.participant.ParticipantService;
import io.participants.domain.testing.InMemoryAvatarStore;
import io.participants.domain.testing.InMemoryIntegrationConfigStore;
import io.participants.domain.testing.InMemoryParticipantStore;
import io.participants.domain.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Uploads and the auto-sync setting: an upload is stored as a sync stores (committed, then pointed to, the replaced
 * file removed), honours If-Match, and an automatic sync never replaces it while a manual one does.
 */
class UploadedAvatarRuleTest {

    private static final TenantId ACME = new TenantId("acme");
    private static final String USER = "U0123ABCD";
    private static final AvatarImage PNG = new AvatarImage(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png");
    private static final AvatarImage JPEG = new AvatarImage(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
            "image/jpeg");

    private final TestClock clock = new TestClock(1_700_000_000_000L);
    private final InMemoryParticipantStore store = new InMemoryParticipantStore();
    private final InMemoryIntegrationConfigStore configStore = new InMemoryIntegrationConfigStore();
    private final InMemoryAvatarStore files = new InMemoryAvatarStore();
    private final ParticipantService participants = new ParticipantService(store, configStore, () -> files, clock);
    private final AvatarUploadService uploads = new AvatarUploadService(store, files, clock);
    private int downloads;
    private AvatarSyncService sync;
    private IntegrationConfig slack;
    private IntegrationConfig mail;

    @BeforeEach
    void setUp() {
        slack = new IntegrationConfigService(configStore, clock).create(ACME, "SLACK", "Acme Slack");
        mail = new IntegrationConfigService(configStore, clock).create(ACME, "EMAIL", "Acme mail");
        ProviderTokenStore tokens = new ProviderTokenStore() {
            @Override
            public Optional<ProviderToken> find(TenantId tenant, UUID integrationConfigId) {
                return Optional.of(new ProviderToken("xoxb-test", "T01", "U01", List.of("users:read")));
            }

            @Override
            public void save(TenantId tenant, UUID integrationConfigId, ProviderToken token) {
            }

            @Override
            public boolean delete(TenantId tenant, UUID integrationConfigId) {
                return false;
            }
        };
        AvatarSource source = new AvatarSource() {
            @Override
            public Provider provider() {
                return Provider.SLACK;
            }

            @Override
            public RemoteAvatar find(ProviderToken token, String address) {
                return new RemoteAvatar(URI.create("https://avatars.slack-edge.com/" + address + ".png"),
                        "hash-" + address);
            }

            @Override
            public AvatarImage download(RemoteAvatar avatar) {
                downloads++;
                return PNG;
            }
        };
        sync = new AvatarSyncService(store, configStore, tokens, List.of(source), files, clock);
    }

    @Test
    void anUploadIsCommittedPointedToAndReplacesTheOldFile() {
        Participant p = create(null);
        Participant synced = sync.sync(ACME, p.id(), slack.id().toString(), USER);
        clock.advance(5);

        Participant uploaded = uploads.upload(ACME, p.id(), JPEG, synced.version());

        Avatar avatar = uploaded.avatar();
        assertThat(avatar.source()).isEqualTo(Avatar.Source.UPLOADED);
        assertThat(avatar.sourceConfigId()).isNull();
        assertThat(avatar.sourceAddress()).isNull();
        assertThat(avatar.hash()).isNull();
        assertThat(avatar.syncedAt()).isEqualTo(clock.millis());
        assertThat(files.contains(ACME, avatar.fileId())).isTrue();
        assertThat(files.isPending(ACME, avatar.fileId())).isFalse();
        assertThat(files.contains(ACME, synced.avatarFileId())).as("the replaced file").isFalse();
        assertThat(store.find(ACME, p.id())).contains(uploaded);
        assertThat(uploaded.version()).isEqualTo(synced.version() + 1);
    }

    @Test
    void aStaleIfMatchStoresNothing() {
        Participant p = create(null);

        assertThatThrownBy(() -> uploads.upload(ACME, p.id(), PNG, p.version() + 1))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(store.find(ACME, p.id())).contains(p);
    }

    @Test
    void aLostRaceRemovesTheUploadAndKeepsTheWinner() {
        Participant p = create(null);
        Participant winner = p.withAvatar(null, clock.millis());
        store.loseRaces(1, winner);

        assertThatThrownBy(() -> uploads.upload(ACME, p.id(), PNG, null)).isInstanceOf(ConflictException.class);
        assertThat(store.find(ACME, p.id())).contains(winner);
    }

    @Test
    void anAutomaticSyncNeverReplacesAnUploadButAManualSyncDoes() {
        Participant p = create(new AvatarAutoSyncInput(true, null, null));
        Participant uploaded = uploads.upload(ACME, p.id(), JPEG, null);

        assertThat(AvatarSyncService.mayReplaceAutomatically(uploaded)).isFalse();
        assertThat(sync.syncAutomatically(ACME, p.id())).isEmpty();
        assertThat(store.find(ACME, p.id())).contains(uploaded);
        assertThat(downloads).isZero();

        Participant manual = sync.sync(ACME, p.id(), slack.id().toString(), USER);
        assertThat(manual.avatar().source()).isEqualTo(Avatar.Source.CHANNEL_SYNC);
        assertThat(files.contains(ACME, uploaded.avatarFileId())).isFalse();
    }

    @Test
    void anAutomaticSyncFollowsTheHighestPriorityChannelWithASource() {
        Participant p = participants.create(ACME, new NewParticipant(null, "Maria", null, null, List.of(
                new ChannelInput(mail.id().toString(), "maria@example.com", 0, null, null),
                new ChannelInput(slack.id().toString(), "U0SECOND", 2, null, null),
                new ChannelInput(slack.id().toString(), "U0FIRST", 1, null, null)), List.of(),
                new AvatarAutoSyncInput(true, null, null)));

        Participant synced = sync.syncAutomatically(ACME, p.id()).orElseThrow();

        assertThat(synced.avatar().sourceAddress()).isEqualTo("U0FIRST");
        assertThat(synced.avatarAutoSync()).isEqualTo(new AvatarAutoSync(true, null, null));
    }

    @Test
    void anAutomaticSyncDoesNothingWhileTheSettingIsOff() {
        Participant p = create(new AvatarAutoSyncInput(false, slack.id().toString(), USER));

        assertThat(AvatarSyncService.mayReplaceAutomatically(p)).isFalse();
        assertThat(sync.syncAutomatically(ACME, p.id())).isEmpty();
        assertThat(downloads).isZero();
    }

    @Test
    void theSettingMustNameOneOfTheParticipantsChannels() {
        assertThatThrownBy(() -> create(new AvatarAutoSyncInput(true, slack.id().toString(), "U0NOTHERS")))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactly("avatarAutoSync"));
        assertThatThrownBy(() -> create(new AvatarAutoSyncInput(true, slack.id().toString(), null)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> create(new AvatarAutoSyncInput(null, null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(f -> f.field()).containsExactly("avatarAutoSync.enabled"));

        Participant p = create(new AvatarAutoSyncInput(true, slack.id().toString(), "u0123abcd"));
        assertThat(p.avatarAutoSync()).as("stored as the channel spells its address")
                .isEqualTo(new AvatarAutoSync(true, slack.id(), USER));
        assertThatThrownBy(() -> participants.update(ACME, p.id(),
                new ParticipantChanges(null, null, null, null, List.of(), null, null), null))
                .as("removing the followed channel").isInstanceOf(ValidationException.class);

        Participant off = participants.update(ACME, p.id(), new ParticipantChanges(null, null, null, null, null,
                null, null, new AvatarAutoSyncInput(false, null, null)), p.version());
        assertThat(off.avatarAutoSync()).isEqualTo(new AvatarAutoSync(false, null, null));
        assertThat(off.version()).isEqualTo(p.version() + 1);
    }

    private Participant create(AvatarAutoSyncInput autoSync) {
        return participants.create(ACME, new NewParticipant(null, "Maria", null, null,
                List.of(new ChannelInput(slack.id().toString(), USER, null, null, null)), List.of(), autoSync));
    }
}
