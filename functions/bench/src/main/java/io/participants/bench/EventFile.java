package io.participants.bench;

import io.participants.api.FunctionCatalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One API Gateway event under {@code events/}, named {@code <function>.<status>[.<case>].json}: the function it is
 * sent to and the status it must answer.
 */
public record EventFile(Path path, FunctionCatalog.Function function, int status, String caseName) {

    private static final Pattern NAME =
            Pattern.compile("([a-z]+(?:-[a-z]+)*)\\.([1-5]\\d\\d)(?:\\.([a-z0-9]+(?:-[a-z0-9]+)*))?\\.json");

    /** The plain file before named cases, then a create (201) before other successes, then by name. */
    static final Comparator<EventFile> PREFERENCE = Comparator
            .comparing((EventFile f) -> f.caseName() != null)
            .thenComparing(Comparator.comparingInt(EventFile::status).reversed())
            .thenComparing(EventFile::fileName);

    /** Reads a file name; an unknown function or a name of another shape is an error. */
    public static EventFile of(Path path) {
        String name = path.getFileName().toString();
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(path + " is not named <function>.<status>[.<case>].json");
        }
        FunctionCatalog.Function function = FunctionCatalog.named(matcher.group(1)).orElseThrow(() ->
                new IllegalArgumentException(path + " names no function of FunctionCatalog"));
        return new EventFile(path, function, Integer.parseInt(matcher.group(2)), matcher.group(3));
    }

    /** The folder of the change-events publisher's DynamoDB Streams events. */
    public static final String CHANGE_EVENTS = "change-events";

    /**
     * Every API Gateway event file under {@code root} (README.md aside, and the stream events of
     * {@code change-events/}, which no route serves), sorted by path.
     */
    public static List<EventFile> under(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !root.relativize(p).startsWith(CHANGE_EVENTS))
                    .sorted()
                    .map(EventFile::of)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The event a deployable's cold start and warm template use: among the success events of the functions it serves,
     * taken in catalog order, the first function's preferred one (see {@link #PREFERENCE}).
     */
    public static EventFile representative(List<EventFile> events, String deployable) {
        return representative(events, deployable, null);
    }

    /**
     * As {@link #representative(List, String)}, but a success event of {@code eventCase} (such as
     * {@code idempotency-key}) where the deployable's functions have one.
     */
    public static EventFile representative(List<EventFile> events, String deployable, String eventCase) {
        for (FunctionCatalog.Function function : FunctionCatalog.servedBy(deployable)) {
            var ofCase = events.stream().filter(e -> e.function().equals(function) && e.succeeds()
                    && eventCase != null && eventCase.equals(e.caseName())).min(PREFERENCE);
            if (ofCase.isPresent()) {
                return ofCase.get();
            }
        }
        for (FunctionCatalog.Function function : FunctionCatalog.servedBy(deployable)) {
            var chosen = events.stream().filter(e -> e.function().equals(function) && e.succeeds())
                    .min(PREFERENCE);
            if (chosen.isPresent()) {
                return chosen.get();
            }
        }
        throw new IllegalStateException("no success event under events/ for any function of " + deployable);
    }

    public boolean succeeds() {
        return status >= 200 && status < 300;
    }

    public String deployable() {
        return function.deployable();
    }

    public String fileName() {
        return path.getFileName().toString();
    }

    public String json() {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
