package io.participants.api.changes;

import java.util.List;

/** Where change events go: the stack's EventBridge bus, or local mode's JSON-lines file. */
public interface ChangeEventSink {

    /**
     * Delivers {@code events} in order, stopping at the first one it could not deliver.
     *
     * @return how many events, from the first on, were delivered: {@code events.size()} when all were
     */
    int publish(List<ChangeEvent> events);
}
