package io.participants.domain.participant;

import io.participants.domain.common.TenantId;
import io.participants.domain.connection.Connection;
import io.participants.domain.connection.ConnectionState;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.Provider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Reachability: one enabled channel with an address its provider accepts and a usable key is enough. */
class ParticipantHealthTest {

    private static final TenantId TENANT = new TenantId("acme");
    private static final UUID EMAIL = UUID.randomUUID();
    private static final UUID SLACK = UUID.randomUUID();
    private static final Map<UUID, IntegrationConfig> CONNECTED = Map.of(SLACK, slack(
            new Connection(ConnectionState.CONNECTED, "T0001", "xoxb-…", 5L)));

    @Test
    void noChannelsIsUnreachable() {
        ParticipantHealth health = ParticipantHealth.of(List.of(), Map.of());

        assertThat(health.reachable()).isFalse();
        assertThat(health.reason()).isEqualTo(HealthReason.NO_CHANNELS);
        assertThat(health.channels()).isEmpty();
    }

    @Test
    void oneEnabledValidChannelIsEnough() {
        ParticipantHealth health = ParticipantHealth.of(List.of(
                channel(EMAIL, Provider.EMAIL, "broken", false),
                channel(SLACK, Provider.SLACK, "U0123ABCD", false),
                channel(EMAIL, Provider.SMS, "+14155550100", true)), CONNECTED);

        assertThat(health.reachable()).isTrue();
        assertThat(health.reason()).isNull();
        assertThat(health.channels()).extracting(ChannelHealth::reason)
                .containsExactly(HealthReason.INVALID_FORMAT, null, null);
        assertThat(health.channels()).extracting(ChannelHealth::keyStatus)
                .containsExactly(KeyStatus.UNSPECIFIED, KeyStatus.ACTIVE, KeyStatus.UNSPECIFIED);
        assertThat(health.channels()).extracting(ChannelHealth::keyPrefix).containsExactly(null, "xoxb-…", null);
        assertThat(health.channels()).extracting(ChannelHealth::address)
                .containsExactly("broken", "U0123ABCD", "+14155550100");
    }

    @Test
    void everyChannelDisabledSaysSoEvenWhenAddressesAreValid() {
        ParticipantHealth health = ParticipantHealth.of(List.of(
                channel(SLACK, Provider.SLACK, "U0123ABCD", true),
                channel(EMAIL, Provider.EMAIL, "broken", true)), CONNECTED);

        assertThat(health.reachable()).isFalse();
        assertThat(health.reason()).isEqualTo(HealthReason.ALL_CHANNELS_DISABLED);
    }

    @Test
    void enabledChannelsWithInvalidAddressesAreAnInvalidFormat() {
        ParticipantHealth health = ParticipantHealth.of(List.of(
                channel(EMAIL, Provider.WHATSAPP, "0049301234", false),
                channel(SLACK, Provider.SLACK, "U0123ABCD", true)), CONNECTED);

        assertThat(health.reachable()).isFalse();
        assertThat(health.reason()).isEqualTo(HealthReason.INVALID_FORMAT);
        assertThat(health.channels()).extracting(ChannelHealth::reason).containsExactly(HealthReason.INVALID_FORMAT, null);
    }

    @Test
    void aSlackChannelWithoutAConnectionCannotBeUsed() {
        ParticipantHealth health = ParticipantHealth.of(List.of(
                channel(SLACK, Provider.SLACK, "U0123ABCD", false)), Map.of(SLACK, slack(null)));

        assertThat(health.reachable()).isFalse();
        assertThat(health.reason()).isEqualTo(HealthReason.NOT_CONNECTED);
        assertThat(health.channels()).singleElement().satisfies(channel -> {
            assertThat(channel.keyStatus()).isEqualTo(KeyStatus.NOT_CONNECTED);
            assertThat(channel.reason()).isEqualTo(HealthReason.NOT_CONNECTED);
            assertThat(channel.keyPrefix()).isNull();
        });
    }

    @Test
    void aRejectedTokenIsShownOnEveryChannelOfItsConfig() {
        Map<UUID, IntegrationConfig> rejected = Map.of(SLACK, slack(
                new Connection(ConnectionState.TOKEN_REJECTED, "T0001", "xoxb-…", 9L)));

        ParticipantHealth health = ParticipantHealth.of(List.of(
                channel(SLACK, Provider.SLACK, "U0123ABCD", false),
                channel(SLACK, Provider.SLACK, "U0456EFGH", false),
                channel(EMAIL, Provider.EMAIL, "ada@example.com", false)), rejected);

        assertThat(health.reachable()).isTrue();
        assertThat(health.channels()).extracting(ChannelHealth::keyStatus)
                .containsExactly(KeyStatus.REJECTED, KeyStatus.REJECTED, KeyStatus.UNSPECIFIED);
        assertThat(health.channels()).extracting(ChannelHealth::reason)
                .containsExactly(HealthReason.KEY_REJECTED, HealthReason.KEY_REJECTED, null);
    }

    @Test
    void aConfigThatCouldNotBeReadCountsAsNotConnected() {
        ParticipantHealth health = ParticipantHealth.of(List.of(
                channel(SLACK, Provider.SLACK, "U0123ABCD", false)), Map.of());

        assertThat(health.channels()).extracting(ChannelHealth::keyStatus).containsExactly(KeyStatus.NOT_CONNECTED);
    }

    private static IntegrationConfig slack(Connection connection) {
        return new IntegrationConfig(TENANT, SLACK, Provider.SLACK, "Slack", 1L, connection);
    }

    private static Channel channel(UUID config, Provider provider, String address, boolean disabled) {
        return new Channel(config, address, 0, null, disabled, provider);
    }
}
