package io.participants.bench.launcher.crac;

/** A group of hooks, as the CRaC API declares it. */
public abstract class Context<R extends Resource> implements Resource {

    protected Context() {
    }

    public abstract void register(R resource);
}
