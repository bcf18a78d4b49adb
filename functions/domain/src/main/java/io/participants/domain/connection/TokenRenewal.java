package io.participants.domain.connection;

import io.participants.domain.avatar.ProviderFailure;
import io.participants.domain.common.TenantId;
import io.participants.domain.integration.Provider;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A config's stored token, made usable: an access token that has expired or is about to is refreshed with its
 * refresh token, and the answer (a new access token and, when the provider rotates it, a new refresh token) replaces
 * the stored one with a compare-and-set on the version that was read.
 * <p>
 * Two functions refreshing one token at once: both read version 1; the first to write moves the store to its
 * token; the second's write fails, and it uses the winner's token, read again. A provider that lets each refresh
 * token be used only once refuses the second refresh outright ({@code invalid_grant}); that function then waits a
 * moment for the winner's write instead of declaring the connection dead. Only a refusal with no newer token stored
 * by then is a rejected connection. The stored refresh token is therefore always the one the last successful
 * refresh wrote over the token it had read, never an older one written over it.
 */
public final class TokenRenewal {

    /** Refresh this long before the expiry, so a token does not expire between the check and the provider's call. */
    public static final Duration MARGIN = Duration.ofMinutes(5);

    /** How long a refused refresh waits for a concurrent refresher's write before it counts as a rejection. */
    public static final Duration SETTLE = Duration.ofSeconds(3);

    private static final Duration POLL = Duration.ofMillis(100);

    /** Waits between reads of the store; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Pause {
        Pause SLEEP = duration -> Thread.sleep(duration.toMillis());

        void pause(Duration duration) throws InterruptedException;
    }

    private final ProviderTokenStore store;
    private final Map<Provider, TokenRefresher> refreshers;
    private final Clock clock;
    private final Pause pause;

    public TokenRenewal(ProviderTokenStore store, List<TokenRefresher> refreshers, Clock clock, Pause pause) {
        this.store = Objects.requireNonNull(store, "store");
        this.refreshers = refreshers.stream().collect(Collectors.toUnmodifiableMap(TokenRefresher::provider,
                Function.identity()));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    /**
     * The config's token, refreshed first when it has expired or is about to.
     *
     * @return empty when no token is stored (the config is not connected)
     * @throws ProviderFailure {@code TOKEN_REJECTED} when the provider refused the refresh token and no other
     *                         function stored a newer one; another reason when the provider failed
     */
    public Optional<ProviderToken> usable(TenantId tenant, UUID configId, Provider provider) {
        Optional<ProviderToken> found = store.find(tenant, configId);
        TokenRefresher refresher = refreshers.get(provider);
        if (found.isEmpty() || refresher == null || !needsRefresh(found.get())) {
            return found;
        }
        // a cached read can be a token another container already replaced: decide on the stored one
        Optional<ProviderToken> latest = store.findLatest(tenant, configId);
        if (latest.isEmpty() || !needsRefresh(latest.get())) {
            return latest;
        }
        return Optional.of(refresh(tenant, configId, refresher, latest.get()));
    }

    private boolean needsRefresh(ProviderToken token) {
        return token.refreshToken() != null && token.expiresWithin(clock.millis(), MARGIN.toMillis());
    }

    private ProviderToken refresh(TenantId tenant, UUID configId, TokenRefresher refresher, ProviderToken read) {
        ProviderToken next;
        try {
            next = refresher.refresh(read);
        } catch (ProviderFailure failure) {
            if (failure.reason() != ProviderFailure.Reason.TOKEN_REJECTED) {
                throw failure;
            }
            // the refresh token may have been used a moment ago by another function, whose write is on its way
            return newerThan(tenant, configId, read).orElseThrow(() -> failure);
        }
        if (store.replace(tenant, configId, read, next)) {
            return next;
        }
        // lost the race: the winner's token is as good as ours and is the one stored
        return newerThan(tenant, configId, read).orElse(next);
    }

    /** The stored token once its version differs from {@code read}'s, waiting up to {@link #SETTLE} for it. */
    private Optional<ProviderToken> newerThan(TenantId tenant, UUID configId, ProviderToken read) {
        long deadline = clock.millis() + SETTLE.toMillis();
        while (true) {
            Optional<ProviderToken> stored = store.findLatest(tenant, configId);
            if (stored.isEmpty()) {
                return Optional.empty(); // disconnected meanwhile
            }
            if (!Objects.equals(stored.get().version(), read.version())) {
                return stored;
            }
            if (clock.millis() >= deadline) {
                return Optional.empty();
            }
            try {
                pause.pause(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
