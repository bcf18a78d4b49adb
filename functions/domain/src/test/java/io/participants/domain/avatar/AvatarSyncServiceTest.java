package io.participants.domain.avatar;

import io.participants.domain.common.ConflictException;
import io.participants.domain.common.TenantId;
import io.participants.domain.connection.ProviderToken;
import io.participants.domain.connection.ProviderTokenStore;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.IntegrationConfigService;
import io.participants.domain.integration.Provider;
import io.participants.domain.participant.ChannelInput;
import io.participants.domain.participant.NewParticipant;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantService;
import io.participants.domain.participant.ParticipantStore;
import io.participants.domain.testing.InMemoryAvatarStore;
import io.participants.domain.testing.InMemoryIntegrationConfigStore;
import io.participants.domain.testing.InMemoryParticipantStore;
import io.participants.domain.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The order of an avatar sync's writes, with every step failing in turn: each single failure leaves the participant
 * as it was, and the upload either removed or still pending (which the store expires); a participant never points to
 * a file that is not committed.
 */
class AvatarSyncServiceTest {

    private static final TenantId ACME = new TenantId("acme");
    private static final String USER = "U0123ABCD";
    private static final AvatarImage PNG = new AvatarImage(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png");

    private final TestClock clock = new TestClock(1_700_000_000_000L);
    private final InMemoryParticipantStore store = new InMemoryParticipantStore();
    private final InMemoryIntegrationConfigStore configStore = new InMemoryIntegrationConfigStore();
    private final FlakyAvatarStore files = new FlakyAvatarStore();
    private final FakeSource slack = new FakeSource();
    private final Map<UUID, ProviderToken> tokens = new ConcurrentHashMap<>();

    /** What the participant store held, and whether the new file was committed, when each update arrived. */
    private final List<Boolean> committedAtUpdate = new ArrayList<>();
    private boolean failUpdates;

    private AvatarSyncService sync;
    private IntegrationConfig config;
    private Participant participant;

    @BeforeEach
    void connectedSlackParticipant() {
        config = new IntegrationConfigService(configStore, clock).create(ACME, "SLACK", "Acme Slack");
        participant = new ParticipantService(store, configStore, () -> files, clock).create(ACME,
                new NewParticipant(null, "Maria", null, null,
                        List.of(new ChannelInput(config.id().toString(), USER, null, null, null)), List.of()));
        tokens.put(config.id(), new ProviderToken("xoxb-test", "T01", "U01", List.of("users:read")));
        sync = new AvatarSyncService(observed(store), configStore, tokenStore(), List.of(slack), files, clock);
        slack.hash = "hash-1";
    }

    @Test
    void theNewFileIsCommittedBeforeTheParticipantPointsToIt() {
        Participant synced = sync.sync(ACME, participant.id(), config.id().toString(), USER);

        String fileId = synced.avatar().fileId();
        assertThat(committedAtUpdate).containsExactly(true);
        assertThat(files.contains(ACME, fileId)).isTrue();
        assertThat(files.isPending(ACME, fileId)).isFalse();
        assertThat(store.find(ACME, participant.id())).contains(synced);
        assertThat(synced.version()).isEqualTo(participant.version() + 1);
        assertThat(synced.avatar().hash()).isEqualTo("hash-1");
    }

    @Test
    void theChannelIsFoundByAnySpellingOfItsAddressAndSyncedByItsStoredOne() {
        Participant synced = sync.sync(ACME, participant.id(), config.id().toString(), "u0123abcd");

        assertThat(slack.askedFor).isEqualTo(USER);
        assertThat(synced.avatar().sourceAddress()).isEqualTo(USER);
    }

    @Test
    void aFailedUploadChangesNothing() {
        files.failPuts = true;

        assertThatThrownBy(this::syncOnce).hasMessage("put failed");

        assertUnchanged();
        assertThat(files.stored()).isZero();
    }

    @Test
    void aFailedCommitRemovesTheUploadAndChangesNothing() {
        files.failCommits = true;

        assertThatThrownBy(this::syncOnce).hasMessage("commit failed");

        assertUnchanged();
        assertThat(files.stored()).isZero();
        assertThat(files.deletes).hasSize(1);
    }

    @Test
    void aFailedCommitWhoseCleanUpFailsLeavesOnlyAPendingUploadThatExpires() {
        files.failCommits = true;
        files.failDeletes = true;

        assertThatThrownBy(this::syncOnce).hasMessage("commit failed");

        assertUnchanged();
        assertThat(files.stored()).isEqualTo(1);
        assertThat(files.isPending(ACME, files.lastPut)).isTrue();
    }

    @Test
    void aFailedParticipantWriteRemovesTheUpload() {
        failUpdates = true;

        assertThatThrownBy(this::syncOnce).hasMessage("update failed");

        assertUnchanged();
        assertThat(files.stored()).isZero();
    }

    @Test
    void aLostRaceIsAConflictThatRemovesTheUploadAndKeepsTheWinner() {
        Participant winner = new Participant(ACME, participant.id(), participant.kind(), "Maria L.",
                participant.email(), participant.relatedAgentId(), participant.channels(), participant.agentIds(),
                null, null, null, participant.createdAt(), clock.millis(), participant.version() + 1);
        store.loseRaces(1, winner);

        assertThatThrownBy(this::syncOnce).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.reason()).isEqualTo("concurrent-modification"));

        assertThat(store.find(ACME, participant.id())).contains(winner);
        assertThat(files.stored()).isZero();
    }

    @Test
    void aNewImageReplacesTheOldFileAndRemovesIt() {
        String first = syncOnce().avatar().fileId();
        slack.hash = "hash-2";

        Participant second = syncOnce();

        assertThat(second.avatar().fileId()).isNotEqualTo(first);
        assertThat(files.contains(ACME, first)).isFalse();
        assertThat(files.contains(ACME, second.avatar().fileId())).isTrue();
        assertThat(files.stored()).isEqualTo(1);
    }

    @Test
    void anOldFileWhoseDeleteFailsDoesNotChangeTheAnswer() {
        String first = syncOnce().avatar().fileId();
        slack.hash = "hash-2";
        files.failDeletes = true;

        Participant second = syncOnce();

        assertThat(store.find(ACME, participant.id())).contains(second);
        assertThat(files.isPending(ACME, second.avatar().fileId())).isFalse();
        assertThat(files.contains(ACME, first)).as("left for removal by hand").isTrue();
    }

    @Test
    void anUnchangedHashKeepsTheFileWithoutDownloading() {
        Participant first = syncOnce();
        int downloads = slack.downloads;

        Participant again = syncOnce();

        assertThat(again).isEqualTo(first);
        assertThat(slack.downloads).isEqualTo(downloads);
        assertThat(files.stored()).isEqualTo(1);
    }

    @Test
    void anUnchangedHashWhoseFileIsGoneDownloadsAgain() {
        String first = syncOnce().avatar().fileId();
        files.delete(ACME, first);

        Participant again = syncOnce();

        assertThat(again.avatar().fileId()).isNotEqualTo(first);
        assertThat(files.contains(ACME, again.avatar().fileId())).isTrue();
        assertThat(files.isPending(ACME, again.avatar().fileId())).isFalse();
    }

    private Participant syncOnce() {
        return sync.sync(ACME, participant.id(), config.id().toString(), USER);
    }

    private void assertUnchanged() {
        assertThat(store.find(ACME, participant.id())).contains(participant);
    }

    /** The participant store, recording at each update whether the file it points to was committed. */
    private ParticipantStore observed(ParticipantStore delegate) {
        return (ParticipantStore) Proxy.newProxyInstance(ParticipantStore.class.getClassLoader(),
                new Class<?>[] {ParticipantStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("update")) {
                        Participant updated = (Participant) args[1];
                        committedAtUpdate.add(files.contains(ACME, updated.avatar().fileId())
                                && !files.isPending(ACME, updated.avatar().fileId()));
                        if (failUpdates) {
                            throw new IllegalStateException("update failed");
                        }
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private ProviderTokenStore tokenStore() {
        return new ProviderTokenStore() {
            @Override
            public Optional<ProviderToken> find(TenantId tenant, UUID integrationConfigId) {
                return tenant.equals(ACME) ? Optional.ofNullable(tokens.get(integrationConfigId)) : Optional.empty();
            }

            @Override
            public void save(TenantId tenant, UUID integrationConfigId, ProviderToken token) {
                tokens.put(integrationConfigId, token);
            }

            @Override
            public boolean delete(TenantId tenant, UUID integrationConfigId) {
                return tokens.remove(integrationConfigId) != null;
            }
        };
    }

    /** Slack as an avatar source: the current hash, and the downloads it served. */
    private static final class FakeSource implements AvatarSource {

        volatile String hash;
        volatile int downloads;
        volatile String askedFor;

        @Override
        public Provider provider() {
            return Provider.SLACK;
        }

        @Override
        public RemoteAvatar find(ProviderToken token, String address) {
            askedFor = address;
            return new RemoteAvatar(URI.create("https://avatars.slack-edge.com/" + hash + ".png"), hash);
        }

        @Override
        public AvatarImage download(RemoteAvatar avatar) {
            downloads++;
            return PNG;
        }
    }

    /** The in-memory store, whose puts, commits and deletes can be made to fail. */
    private static final class FlakyAvatarStore implements AvatarStore {

        private final InMemoryAvatarStore files = new InMemoryAvatarStore();
        private final List<String> ids = new ArrayList<>();
        final List<String> deletes = new ArrayList<>();
        boolean failPuts;
        boolean failCommits;
        boolean failDeletes;
        String lastPut;

        @Override
        public String put(TenantId tenant, AvatarImage image) {
            if (failPuts) {
                throw new IllegalStateException("put failed");
            }
            lastPut = files.put(tenant, image);
            ids.add(lastPut);
            return lastPut;
        }

        @Override
        public boolean commit(TenantId tenant, String fileId) {
            if (failCommits) {
                throw new IllegalStateException("commit failed");
            }
            return files.commit(tenant, fileId);
        }

        @Override
        public void delete(TenantId tenant, String fileId) {
            deletes.add(fileId);
            if (failDeletes) {
                throw new IllegalStateException("delete failed");
            }
            files.delete(tenant, fileId);
        }

        @Override
        public URI link(TenantId tenant, String fileId, Duration validity) {
            return files.link(tenant, fileId, validity);
        }

        boolean contains(TenantId tenant, String fileId) {
            return files.contains(tenant, fileId);
        }

        boolean isPending(TenantId tenant, String fileId) {
            return files.isPending(tenant, fileId);
        }

        /** Files of this tenant still stored, pending or not. */
        long stored() {
            return ids.stream().filter(id -> files.contains(ACME, id)).count();
        }
    }
}
