package io.participants.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The deployable zip every function runs, unzipped as Lambda unzips it into its task root.
 *
 * @param zipBytes      the zip's size
 * @param unzippedBytes the size of everything in it (Lambda's unzipped limit counts this)
 * @param jars          the jars under {@code lib/}, in name order: the functions' classpath
 */
public record Artifact(Path zip, long zipBytes, long unzippedBytes, Path taskRoot, List<Path> jars) {

    /** Unzips {@code zip} into a fresh {@code taskRoot}. */
    public static Artifact unzip(Path zip, Path taskRoot) {
        try {
            deleteTree(taskRoot);
            Files.createDirectories(taskRoot);
            long unzipped = 0;
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    Path target = taskRoot.resolve(entry.getName()).normalize();
                    if (!target.startsWith(taskRoot)) {
                        throw new IllegalStateException("zip entry outside the task root: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        unzipped += Files.copy(in, target);
                    }
                }
            }
            List<Path> jars;
            try (Stream<Path> lib = Files.list(taskRoot.resolve("lib"))) {
                jars = lib.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            }
            return new Artifact(zip, Files.size(zip), unzipped, taskRoot, jars);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public double zipMiB() {
        return zipBytes / (1024.0 * 1024.0);
    }

    public double unzippedMiB() {
        return unzippedBytes / (1024.0 * 1024.0);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (Path path : paths) {
            Files.delete(path);
        }
    }
}
