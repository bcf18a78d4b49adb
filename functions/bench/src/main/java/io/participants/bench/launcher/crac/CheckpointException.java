package io.participants.bench.launcher.crac;

/** A hook refused the checkpoint. */
public class CheckpointException extends Exception {

    private static final long serialVersionUID = 1L;
}
