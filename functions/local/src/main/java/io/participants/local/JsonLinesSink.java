package io.participants.local;

import io.participants.api.changes.ChangeEvent;
import io.participants.api.changes.ChangeEventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Local mode's stand-in for the event bus: each change event, as its CloudEvent JSON, one line of a file. */
final class JsonLinesSink implements ChangeEventSink {

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesSink.class);

    private final Path file;

    JsonLinesSink(Path file) {
        this.file = file;
    }

    @Override
    public int publish(List<ChangeEvent> events) {
        int written = 0;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                for (ChangeEvent event : events) {
                    out.write(event.toJson());
                    out.write('\n');
                    out.flush();
                    written++;
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not append change events to {}: {}", file, e.toString());
        }
        return written;
    }
}
