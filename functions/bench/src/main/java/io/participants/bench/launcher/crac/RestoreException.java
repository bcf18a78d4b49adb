package io.participants.bench.launcher.crac;

/** A hook failed after the restore. */
public class RestoreException extends Exception {

    private static final long serialVersionUID = 1L;
}
