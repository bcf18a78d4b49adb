package io.participants.api.autosync;

import io.participants.domain.integration.Provider;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The pace figures docs/avatars.md ("Cost and scale") states, from the constants the sweep uses. */
class ProviderPaceTest {

    @Test
    void slacksPaceIsBelowUsersInfosTier4AndFixesTheSweepsFigures() {
        // users.info is Tier 4: 100+ a minute per workspace
        assertThat(ProviderPace.perMinute(Provider.SLACK)).isEqualTo(80).isLessThan(100);
        assertThat(ProviderPace.budget(Provider.SLACK, AutoSyncSweep.PERIOD)).isEqualTo(400);
        assertThat(ProviderPace.delayOf(Provider.SLACK, 399)).isEqualTo(Duration.ofMillis(299_250))
                .isLessThan(AutoSyncSweep.PERIOD);

        // 100,000 due: 250 sweeps of 400, 1,250 minutes (20 h 50 min) at 80 a minute; 1,000 minutes at Tier 4's 100
        int sweeps = (100_000 + 399) / ProviderPace.budget(Provider.SLACK, AutoSyncSweep.PERIOD);
        assertThat(sweeps).isEqualTo(250);
        assertThat(AutoSyncSweep.PERIOD.multipliedBy(sweeps)).isEqualTo(Duration.ofMinutes(1_250));
        assertThat(Duration.ofMinutes(100_000 / 100)).isEqualTo(Duration.ofHours(16).plusMinutes(40));
        // at most 115,200 Slack syncs a day: the most participants a 24-hour interval can keep fresh
        assertThat(ProviderPace.perMinute(Provider.SLACK) * 60 * 24).isEqualTo(115_200);
    }

    @Test
    void everyProviderWithAnAvatarSourceIsPacedAndOthersAreNot() {
        assertThat(ProviderPace.paced()).containsExactlyInAnyOrder(Provider.SLACK, Provider.TELEGRAM,
                Provider.MICROSOFT_TEAMS, Provider.EMAIL);
        assertThat(ProviderPace.perMinute(Provider.SMS)).isZero();
        assertThat(ProviderPace.delayOf(Provider.SMS, 5)).isEqualTo(Duration.ZERO);
    }
}
