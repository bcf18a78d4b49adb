package io.participants.api.providers;

import io.participants.api.slack.SlackAvatarSource;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HostAllowlistTest {

    private final HostAllowlist slack = new HostAllowlist(SlackAvatarSource.IMAGE_HOSTS);

    @Test
    void allowsSlackImageHostsAndTheirSubdomains() {
        assertThat(slack.allows("avatars.slack-edge.com")).isTrue();
        assertThat(slack.allows("ca.slack-edge.com")).isTrue();
        assertThat(slack.allows("AVATARS.Slack-Edge.com.")).isTrue();
        assertThat(slack.allows("secure.gravatar.com")).isTrue();
        assertThat(slack.allows("i0.wp.com")).isTrue();
    }

    @Test
    void refusesLookalikesAndOthers() {
        assertThat(slack.allows("slack-edge.com")).isFalse();
        assertThat(slack.allows("evilslack-edge.com")).isFalse();
        assertThat(slack.allows("avatars.slack-edge.com.attacker.example")).isFalse();
        assertThat(slack.allows("gravatar.com")).isFalse();
        assertThat(slack.allows("169.254.169.254")).isFalse();
        assertThat(slack.allows("")).isFalse();
        assertThat(slack.allows(null)).isFalse();
    }

    @Test
    void exactNamesMatchOnlyThemselves() {
        var local = new HostAllowlist(Set.of("localhost"));

        assertThat(local.allows("localhost")).isTrue();
        assertThat(local.allows("127.0.0.1")).isFalse();
        assertThat(local.allows("a.localhost")).isFalse();
    }
}
