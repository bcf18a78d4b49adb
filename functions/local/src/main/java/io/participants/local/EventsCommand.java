package io.participants.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * {@code ./local events [--follow]}: prints the change events a running (or earlier) local mode wrote to
 * {@code <data-dir>/events.jsonl}, one CloudEvent a line; with {@code --follow}, then every new one as it comes.
 */
final class EventsCommand {

    private static final long FOLLOW_MILLIS = 250;

    private EventsCommand() {
    }

    /**
     * Copies {@code file} to {@code out}; while {@code following} holds, goes on with what is appended (from the
     * start again when the file is started anew, as an --in-memory local mode does).
     */
    static void print(Path file, PrintStream out, BooleanSupplier following) {
        long position = 0;
        do {
            try {
                if (Files.exists(file)) {
                    long size = Files.size(file);
                    if (size < position) {
                        position = 0;
                    }
                    if (size > position) {
                        try (InputStream in = Files.newInputStream(file)) {
                            in.skipNBytes(position);
                            byte[] added = in.readNBytes((int) Math.min(size - position, Integer.MAX_VALUE));
                            out.write(added, 0, added.length);
                            out.flush();
                            position += added.length;
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
            if (!following.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(FOLLOW_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } while (true);
    }
}
