package io.participants.api.autosync;

import io.participants.domain.integration.Provider;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many automatic syncs per minute each provider is sent, kept below its documented rate limit so that the
 * callers' own {@code avatar:syncFromChannel} requests still fit (docs/avatars.md, "Cost and scale"). The sweep hands
 * out at most one period's worth per provider per run, spread over the period with each message's delay; a provider
 * that answers 429 anyway delays that message by its {@code Retry-After}.
 */
public final class ProviderPace {

    /**
     * Slack's {@code users.info} is Tier 4, "100+ per minute" per workspace (api.slack.com/methods/users.info): 80 leave
     * a fifth of it to manual syncs. Telegram: about 30 calls a second per bot, two calls per sync (getUserProfilePhotos,
     * getFile). Microsoft Graph and Gravatar publish no number for photos; 300 a minute is well inside what they serve.
     */
    private static final Map<Provider, Integer> PER_MINUTE = new EnumMap<>(Map.of(
            Provider.SLACK, 80,
            Provider.TELEGRAM, 600,
            Provider.MICROSOFT_TEAMS, 300,
            Provider.EMAIL, 300));

    /** How often the sweep runs, deployed (AvatarRefresh in infra): the span one run's syncs are spread over. */
    public static final Duration SWEEP_PERIOD = Duration.ofMinutes(5);

    private ProviderPace() {
    }

    /** Automatic syncs per minute for {@code provider}; 0 for a provider without an avatar source. */
    public static int perMinute(Provider provider) {
        return PER_MINUTE.getOrDefault(provider, 0);
    }

    /** The providers auto-sync paces, in declaration order. */
    public static java.util.Set<Provider> paced() {
        return PER_MINUTE.keySet();
    }

    /** How many syncs of {@code provider} one sweep every {@code period} may hand out. */
    public static int budget(Provider provider, Duration period) {
        return (int) Math.max(0, perMinute(provider) * period.toSeconds() / 60);
    }

    /** The delay of the {@code k}-th (0-based) sync of {@code provider} in one sweep: {@code k} paces apart. */
    public static Duration delayOf(Provider provider, int k) {
        int pace = perMinute(provider);
        return pace == 0 ? Duration.ZERO : Duration.ofMillis(k * 60_000L / pace);
    }
}
