package io.participants.api.autosync;

import io.participants.api.dynamodb.DynamoAvatarSyncSchedule;
import io.participants.domain.integration.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the participants due for an automatic sync and queues them, at each provider's pace: per provider, one Query
 * of the due index for at most one period's budget ({@link ProviderPace#budget}), each message delayed so the worker
 * receives them spread over the period. Whom it leaves (more due than the budget) stays due and is found by the next
 * run, earliest first. It changes nothing in the table: the worker's lease moves the due time.
 */
public final class AutoSyncSweep {

    private static final Logger LOG = LoggerFactory.getLogger(AutoSyncSweep.class);

    /** How often the schedule runs the sweep, deployed (AvatarRefresh in infra). */
    public static final Duration PERIOD = ProviderPace.SWEEP_PERIOD;

    private final DynamoAvatarSyncSchedule schedule;
    private final SyncQueue queue;
    private final Clock clock;
    private final Duration period;

    /** @param period how often the sweep runs: the span over which one run's syncs are spread */
    public AutoSyncSweep(DynamoAvatarSyncSchedule schedule, SyncQueue queue, Clock clock, Duration period) {
        this.schedule = schedule;
        this.queue = queue;
        this.clock = clock;
        this.period = period;
    }

    /** One run: how many syncs it queued. */
    public int sweep() {
        long now = clock.millis();
        int queued = 0;
        for (Provider provider : ProviderPace.paced()) {
            int budget = Math.max(1, ProviderPace.budget(provider, period));
            List<DynamoAvatarSyncSchedule.Due> due = schedule.due(provider, now, budget);
            if (due.isEmpty()) {
                continue;
            }
            List<SyncQueue.Delayed> requests = new ArrayList<>();
            for (int k = 0; k < due.size(); k++) {
                DynamoAvatarSyncSchedule.Due one = due.get(k);
                requests.add(new SyncQueue.Delayed(new SyncRequest(one.tenant(), one.participantId(),
                        SyncRequest.SCHEDULE), ProviderPace.delayOf(provider, k)));
            }
            int sent = queue.send(requests);
            queued += sent;
            LOG.info("Auto-sync sweep queued {} of {} due {} participants", sent, due.size(), provider);
        }
        return queued;
    }
}
