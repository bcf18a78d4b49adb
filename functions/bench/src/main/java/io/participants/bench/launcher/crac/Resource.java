package io.participants.bench.launcher.crac;

/** A checkpoint hook, as the CRaC API declares it; org.crac registers the function's hooks as proxies of this. */
public interface Resource {

    void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

    void afterRestore(Context<? extends Resource> context) throws Exception;
}
