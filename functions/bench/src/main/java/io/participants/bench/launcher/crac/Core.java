package io.participants.bench.launcher.crac;

import java.util.ArrayList;
import java.util.List;

/**
 * The checkpoint machinery a SnapStart runtime gives org.crac, for a JVM that has none: org.crac looks for it by the
 * package named in {@code org.crac.Core.Compat} and registers each of the function's hooks here, wrapped as org.crac
 * wraps them on Lambda (the wrapper holds the hook weakly). {@link #checkpoint()} runs them as Lambda does around a
 * snapshot: every {@code beforeCheckpoint} (last registered first), then every {@code afterRestore}.
 */
public final class Core {

    private static final Global GLOBAL = new Global();

    private Core() {
    }

    public static Context<Resource> getGlobalContext() {
        return GLOBAL;
    }

    /** There is no snapshot here: the launcher runs the hooks itself with {@link #checkpoint()}. */
    public static void checkpointRestore() throws CheckpointException, RestoreException {
        throw new UnsupportedOperationException("no checkpoint in this JVM; the launcher runs the hooks");
    }

    /** How many hooks were registered. */
    public static int registered() {
        synchronized (GLOBAL.resources) {
            return GLOBAL.resources.size();
        }
    }

    /** Runs the hooks: what the runtime does before the snapshot and after the restore. */
    public static void checkpoint() throws Exception {
        GLOBAL.beforeCheckpoint(null);
        GLOBAL.afterRestore(null);
    }

    private static final class Global extends Context<Resource> {

        private final List<Resource> resources = new ArrayList<>();

        @Override
        public void register(Resource resource) {
            synchronized (resources) {
                resources.add(resource);
            }
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
            List<Resource> hooks;
            synchronized (resources) {
                hooks = new ArrayList<>(resources);
            }
            for (int i = hooks.size() - 1; i >= 0; i--) {
                hooks.get(i).beforeCheckpoint(this);
            }
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) throws Exception {
            List<Resource> hooks;
            synchronized (resources) {
                hooks = new ArrayList<>(resources);
            }
            for (Resource hook : hooks) {
                hook.afterRestore(this);
            }
        }
    }
}
