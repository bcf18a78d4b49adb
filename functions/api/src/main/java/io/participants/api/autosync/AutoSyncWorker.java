package io.participants.api.autosync;

import io.participants.api.dynamodb.DynamoAvatarSyncSchedule;
import io.participants.domain.avatar.AvatarSyncService;
import io.participants.domain.avatar.ProviderFailure;
import io.participants.domain.common.ConflictException;
import io.participants.domain.common.RefusedException;
import io.participants.domain.common.TenantId;
import io.participants.domain.integration.IntegrationConfigStore;
import io.participants.domain.participant.Channel;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Syncs one queued participant automatically, through the same {@link AvatarSyncService} as
 * {@code avatar:syncFromChannel} ({@link AvatarSyncService#syncAutomatically}: never over an upload). First it takes
 * the participant's lease, which also schedules its next sync (one small write; an unchanged image costs nothing
 * more), so two workers never sync one participant at once. What it answers tells the queue what to do: done (the
 * message is deleted), or again after a delay (a rate limit's {@code Retry-After}, another worker's lease, a provider
 * that failed for now). Anything else it throws, and the message comes back after the queue's timeout, finally to the
 * dead-letter queue.
 * <p>
 * The next due time is one interval after the sync: the followed channel's integration config's own
 * {@code avatarSyncInterval} when it sets one (one eventually consistent GetItem of the config), else the
 * deployment's.
 */
public final class AutoSyncWorker {

    private static final Logger LOG = LoggerFactory.getLogger(AutoSyncWorker.class);

    /** Longer than one sync can take (the worker's timeout), so a lease outlives the sync it guards. */
    public static final Duration LEASE = Duration.ofMinutes(2);
    /** When a provider failed without saying when to come back. */
    public static final Duration UNAVAILABLE_RETRY = Duration.ofSeconds(30);
    /** When a rate limit came without a {@code Retry-After}. */
    public static final Duration RATE_LIMIT_RETRY = Duration.ofSeconds(60);
    /** The participant changed while it was synced: read it again soon. */
    public static final Duration CONFLICT_RETRY = Duration.ofSeconds(1);

    /**
     * What became of one request.
     *
     * @param result     {@code synced}, {@code unchanged}, {@code kept} (an uploaded avatar, or auto-sync off),
     *                   {@code unscheduled} (gone or following no channel), {@code not-due} (a sweep's request
     *                   served meanwhile), a refusal's reason, or {@code retry}
     * @param retryAfter when to try again; null when done
     */
    public record Outcome(String result, Duration retryAfter) {

        static Outcome done(String result) {
            return new Outcome(result, null);
        }

        static Outcome retry(Duration after) {
            return new Outcome("retry", after.isNegative() || after.isZero() ? Duration.ofSeconds(1) : after);
        }

        public boolean done() {
            return retryAfter == null;
        }
    }

    private final ParticipantStore participants;
    private final IntegrationConfigStore configs;
    private final AvatarSyncService syncs;
    private final DynamoAvatarSyncSchedule schedule;
    private final Clock clock;
    private final Duration interval;

    /**
     * @param configs  where the followed channel's config tells its own interval
     * @param interval the deployment's: how long after a sync the participant is due again when its config sets no
     *                 interval of its own (24 hours unless configured)
     */
    public AutoSyncWorker(ParticipantStore participants, IntegrationConfigStore configs, AvatarSyncService syncs,
                          DynamoAvatarSyncSchedule schedule, Clock clock, Duration interval) {
        this.participants = participants;
        this.configs = configs;
        this.syncs = syncs;
        this.schedule = schedule;
        this.clock = clock;
        this.interval = interval;
    }

    /** The deployment's interval, for participants whose config sets none. */
    public Duration interval() {
        return interval;
    }

    /**
     * The interval of a participant following {@code channel}: its config's own, or the deployment's when the
     * config sets none or is gone.
     */
    Duration intervalOf(TenantId tenant, Channel channel) {
        return configs.avatarSyncInterval(tenant, channel.integrationConfigId()).orElse(interval);
    }

    /**
     * How long a sync holds its participant: {@link #LEASE}, or the effective interval when that is shorter (local
     * mode's seconds), lest the lease outlast the next due time. It is never released, only outlived: releasing
     * would cost a second write per sync.
     */
    static Duration lease(Duration effectiveInterval) {
        return effectiveInterval.compareTo(LEASE) < 0 ? effectiveInterval : LEASE;
    }

    /**
     * Syncs {@code request}'s participant, as {@code owner} (the queue message's id: a redelivery of the same message
     * takes its own lease again).
     */
    public Outcome sync(SyncRequest request, String owner) {
        Participant participant = participants.find(request.tenant(), request.participantId()).orElse(null);
        Optional<Channel> channel = participant == null ? Optional.empty() : syncs.followedChannel(participant);
        if (channel.isEmpty()) {
            schedule.remove(request.tenant(), request.participantId());
            return Outcome.done("unscheduled");
        }
        Duration effective = intervalOf(request.tenant(), channel.get());
        long now = clock.millis();
        DynamoAvatarSyncSchedule.Lease lease = schedule.lease(request.tenant(), request.participantId(), owner, now,
                now + lease(effective).toMillis(), channel.get().provider(), now + effective.toMillis(),
                SyncRequest.SCHEDULE.equals(request.reason()));
        if (lease.notDue()) {
            // a sweep's request that a sync since has served (the sweep ran again before the queue drained)
            return Outcome.done("not-due");
        }
        if (!lease.taken()) {
            return Outcome.retry(Duration.ofMillis(lease.heldUntil() - now));
        }
        try {
            return syncs.syncAutomatically(participant)
                    .map(synced -> Outcome.done(synced.version() == participant.version() ? "unchanged" : "synced"))
                    .orElseGet(() -> Outcome.done("kept"));
        } catch (ProviderFailure failure) {
            return switch (failure.reason()) {
                case RATE_LIMITED -> Outcome.retry(failure.retryAfter() == null ? RATE_LIMIT_RETRY
                        : failure.retryAfter());
                case UNAVAILABLE, OUT_OF_TIME -> Outcome.retry(UNAVAILABLE_RETRY);
                // no image, a refused token (the config is marked), a refused download: the next due sync tries again
                default -> Outcome.done(failure.reason().name().toLowerCase(java.util.Locale.ROOT));
            };
        } catch (ConflictException e) {
            // written meanwhile (an upload, a PATCH, another sync): the retry reads it again and follows the rule
            return Outcome.retry(CONFLICT_RETRY);
        } catch (RefusedException e) {
            LOG.info("Automatic sync of participant {} refused: {}", request.participantId(), e.getMessage());
            return Outcome.done(e.reason());
        }
    }
}
