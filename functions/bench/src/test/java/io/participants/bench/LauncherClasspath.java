package io.participants.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A child JVM's classpath in the zip tests: what the Lambda runtime brings, then the function's own jars. */
final class LauncherClasspath {

    private LauncherClasspath() {
    }

    /** The launchers (this module's classes) and the runtime's serializer, then {@code artifact}'s jars. */
    static List<Path> of(Path repositoryRoot, Artifact artifact) {
        List<Path> classpath = new ArrayList<>();
        classpath.add(repositoryRoot.resolve("functions/bench/target/classes"));
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.contains("aws-lambda-java-serialization")).map(Path::of).forEach(classpath::add);
        classpath.addAll(artifact.jars());
        return classpath;
    }
}
