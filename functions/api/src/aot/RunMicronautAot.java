import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Runs Micronaut AOT (jit runtime) over the Lambda artifact at build time, as micronaut-maven-plugin's aot-analysis
 * goal does (that plugin needs Maven 3.9.11; this build runs on 3.8): the optimizer and the application share one
 * class loader, apart from the build's, and it writes the generated sources and compiled classes under the output
 * directory. Run by the source launcher from functions/api/pom.xml:
 *
 * <pre>java RunMicronautAot.java TOOL_DIR RUNTIME_CLASSPATH_FILE CLASSES_DIR CONFIG_FILE OUTPUT_DIR PACKAGE</pre>
 */
public final class RunMicronautAot {

    private RunMicronautAot() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            throw new IllegalArgumentException("usage: RunMicronautAot TOOL_DIR RUNTIME_CLASSPATH_FILE CLASSES_DIR"
                    + " CONFIG_FILE OUTPUT_DIR PACKAGE");
        }
        Path tools = Path.of(args[0]);
        List<File> classpath = new ArrayList<>();
        classpath.add(Path.of(args[2]).toFile());
        for (String entry : Files.readString(Path.of(args[1])).trim().split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                classpath.add(new File(entry));
            }
        }
        List<URL> urls = new ArrayList<>();
        try (var jars = Files.list(tools)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
        }
        for (File entry : classpath) {
            urls.add(entry.toURI().toURL());
        }

        Properties config = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[3]))) {
            config.load(in);
        }
        config.put("classpath", String.join(",", classpath.stream().map(File::getAbsolutePath).toList()));
        config.put("package", args[5]);
        config.put("output.directory", Path.of(args[4]).toAbsolutePath().toString());
        config.put("runtime", "jit");
        deleteTree(Path.of(args[4]));

        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            loader.loadClass("io.micronaut.aot.MicronautAotOptimizer")
                    .getMethod("execute", Properties.class).invoke(null, config);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path path : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(path);
            }
        }
    }
}
