package io.participants.bench;

/** A row that cannot be measured honestly, such as a request that did not answer the status its event promises. */
final class BenchFailure extends RuntimeException {

    BenchFailure(String message) {
        super(message);
    }
}
