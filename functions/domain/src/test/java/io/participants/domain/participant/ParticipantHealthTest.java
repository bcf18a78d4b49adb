package io.participants.domain.participant;

import io.participants.domain.integration.Provider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Reachability: one enabled channel with an address its provider accepts is enough. */
class ParticipantHealthTest {

    private static final UUID CONFIG = UUID.randomUUID();

    @Test
    void noChannelsIsUnreachable() {
        ParticipantHealth health = ParticipantHealth.of(List.of());

        assertThat(health.reachable()).isFalse();
        assertThat(health.reason()).isEqualTo(HealthReason.NO_CHANNELS);
        assertThat(health.channels()).isEmpty();
    }

    @Test
    void oneEnabledValidChannelIsEnough() {
        ParticipantHealth health = ParticipantHealth.of(List.of(
                channel(Provider.EMAIL, "broken", false),
                channel(Provider.SLACK, "U0123ABCD", false),
                channel(Provider.SMS, "+14155550100", true)));

        assertThat(health.reachable()).isTrue();
        assertThat(health.reason()).isNull();
        assertThat(health.channels()).extracting(ChannelHealth::reason)
                .containsExactly(HealthReason.INVALID_FORMAT, null, null);
        assertThat(health.channels()).extracting(ChannelHealth::keyStatus).containsOnly(KeyStatus.UNSPECIFIED);
        assertThat(health.channels()).extracting(ChannelHealth::address)
                .containsExactly("broken", "U0123ABCD", "+14155550100");
    }

    @Test
    void everyChannelDisabledSaysSoEvenWhenAddressesAreValid() {
        ParticipantHealth health = ParticipantHealth.of(List.of(
                channel(Provider.SLACK, "U0123ABCD", true),
                channel(Provider.EMAIL, "broken", true)));

        assertThat(health.reachable()).isFalse();
        assertThat(health.reason()).isEqualTo(HealthReason.ALL_CHANNELS_DISABLED);
    }

    @Test
    void enabledChannelsWithInvalidAddressesAreAnInvalidFormat() {
        ParticipantHealth health = ParticipantHealth.of(List.of(
                channel(Provider.WHATSAPP, "0049301234", false),
                channel(Provider.SLACK, "U0123ABCD", true)));

        assertThat(health.reachable()).isFalse();
        assertThat(health.reason()).isEqualTo(HealthReason.INVALID_FORMAT);
        assertThat(health.channels()).extracting(ChannelHealth::reason).containsExactly(HealthReason.INVALID_FORMAT, null);
    }

    private static Channel channel(Provider provider, String address, boolean disabled) {
        return new Channel(CONFIG, address, 0, null, disabled, provider);
    }
}
