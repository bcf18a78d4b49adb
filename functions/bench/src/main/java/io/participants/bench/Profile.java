package io.participants.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where the time of one row's cold start goes ({@code ./bench --profile}). Three parts, each from the JVM itself:
 * the phases of plain starts, timed by the launcher's own marks (medians); the JVM's class loading counters read
 * from those starts ({@code jcmd PerfCounter.print}); and one more start under JFR (main-thread samples, each class
 * load's own time) with class loading logged, which splits the phases into what the work was for, by jar and by bean.
 *
 * @param phases   wall time of each phase in ms, process start to response written, from plain starts
 * @param counters the JVM's class loading and initialization time in ms, and counts, from plain starts
 * @param init     the handler's init split by what its main-thread samples were doing, in ms
 * @param request  the first request (reading the event to writing the response) split the same way
 * @param beans    bean creation by bean (the innermost bean definition on the stack), init and first request, in ms
 * @param jars     classes loaded per jar and their own loading time (JFR) in ms, most time first
 * @param samples  main-thread samples behind the splits
 */
public record Profile(Map<String, Double> phases, Map<String, Double> counters, Map<String, Double> init,
                      Map<String, Double> request, Map<String, Double> beans, List<Jar> jars, int samples) {

    /** The runtime's own reading of the event (a plain RequestHandler's) and writing of the answer. */
    static final String EVENT_READ = "event read by the runtime (its serializer; none for a stream handler)";
    static final String RESPONSE_WRITTEN =
            "response written by the runtime (its serializer; none for a stream handler)";

    /** One jar (or the JDK's own modules). */
    public record Jar(String name, long classes, double loadMs) {
    }

    /** The JVM options of the instrumented start: JFR with the settings of {@link #jfc}, class loading logged. */
    static List<String> jfrOptions(Path work, String row) {
        return List.of("-XX:FlightRecorderOptions:stackdepth=2048",
                "-XX:StartFlightRecording:name=bench,settings=" + work.resolve("bench-profile.jfc"),
                "-Xlog:class+load=info:file=" + work.resolve(row + ".profile-classes.log"));
    }

    /** JFR settings: main-thread stacks every millisecond (in Java and in native code), and every class load. */
    static void writeSettings(Path work) {
        String jfc = """
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration version="2.0" label="bench-profile">
                  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">1 ms</setting></event>
                  <event name="jdk.NativeMethodSample"><setting name="enabled">true</setting><setting name="period">1 ms</setting></event>
                  <event name="jdk.ClassLoad"><setting name="enabled">true</setting><setting name="stackTrace">false</setting><setting name="threshold">0 ms</setting></event>
                </configuration>
                """;
        try {
            Files.createDirectories(work);
            Files.writeString(work.resolve("bench-profile.jfc"), jfc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The counters of a running child (and its JFR recording dumped to {@code jfr} when it has one), by {@code jcmd}.
     */
    static Map<String, String> counters(long pid, Path jfr, boolean dumpRecording) {
        Path jcmd = ColdRunner.JAVA.resolveSibling("jcmd");
        if (dumpRecording) {
            run(List.of(jcmd.toString(), Long.toString(pid), "JFR.dump", "name=bench", "filename=" + jfr));
        }
        Map<String, String> counters = new LinkedHashMap<>();
        for (String line : run(List.of(jcmd.toString(), Long.toString(pid), "PerfCounter.print"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                counters.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
            }
        }
        return counters;
    }

    private static List<String> run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> lines;
            try (var in = process.getInputStream()) {
                lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            }
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new BenchFailure(String.join(" ", command) + " failed: " + String.join("\n", lines));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The JVM's class loading counters of one start, in ms (times) or as counts. */
    static Map<String, Double> classCounters(Map<String, String> raw) {
        double ticksPerMs = Double.parseDouble(raw.getOrDefault("sun.os.hrt.frequency", "1000000000")) / 1000.0;
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("classes loaded", number(raw, "java.cls.loadedClasses")
                + number(raw, "java.cls.sharedLoadedClasses"));
        out.put("of which from the CDS archive", number(raw, "java.cls.sharedLoadedClasses"));
        out.put("loading, all (ms)", number(raw, "sun.cls.time") / ticksPerMs);
        out.put("application class loader, own time (ms)", number(raw, "sun.cls.appClassLoadTime.self") / ticksPerMs);
        out.put("defining application classes (ms)", number(raw, "sun.cls.defineAppClassTime.self") / ticksPerMs);
        out.put("linking, own time (ms)", number(raw, "sun.cls.classLinkedTime.self") / ticksPerMs);
        out.put("of which verification (ms)", number(raw, "sun.cls.classVerifyTime.self") / ticksPerMs);
        out.put("static initializers, own time (ms)", number(raw, "sun.cls.classInitTime.self") / ticksPerMs);
        out.put("static initializers, with what they load (ms)", number(raw, "sun.cls.classInitTime") / ticksPerMs);
        return out;
    }

    private static double number(Map<String, String> raw, String name) {
        String value = raw.get(name);
        return value == null ? 0 : Double.parseDouble(value);
    }

    /** The medians of several starts' figures, key by key. */
    static Map<String, Double> medians(List<Map<String, Double>> starts) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String key : starts.get(0).keySet()) {
            long[] values = starts.stream().mapToLong(m -> Math.round(m.getOrDefault(key, 0.0) * 1000)).toArray();
            out.put(key, Stats.median(values) / 1000);
        }
        return out;
    }

    /** The phases of one plain start, in ms, from its marks on the parent's clock. */
    static Map<String, Double> phases(ColdRunner.Child child) {
        Map<String, Double> out = new LinkedHashMap<>();
        long main = child.mark("mainNs");
        long loaded = child.mark("loadedNs");
        long initialized = child.mark("initializedNs");
        long read = child.mark("readNs");
        long answered = child.mark("answeredNs");
        long written = child.mark("writtenNs");
        out.put("JVM start to the launcher's main", main / 1e6);
        out.put("handler class loaded and initialized", (loaded - main) / 1e6);
        out.put("handler constructed (the init)", (initialized - loaded) / 1e6);
        out.put(EVENT_READ, (read - initialized) / 1e6);
        out.put("first request (handleRequest)", (answered - read) / 1e6);
        out.put(RESPONSE_WRITTEN, (written - answered) / 1e6);
        out.put("total, process start to response", written / 1e6);
        out.put("CPU time of all threads, process start to response", Double.parseDouble(child.fields().get("cpuMs")));
        return out;
    }

    /** The JFR recording and class-load log of the instrumented start, spread over the plain starts' phases. */
    static Profile of(Map<String, Double> phases, Map<String, Double> counters, Path jfr, Path classLog) {
        Map<String, String> jarOfClass = jarOfClass(classLog);
        Map<String, Integer> initSamples = new HashMap<>();
        Map<String, Integer> requestSamples = new HashMap<>();
        Map<String, Integer> beanSamples = new HashMap<>();
        int[] phaseTotals = new int[2];
        Map<String, Long> loadNanos = new HashMap<>();
        List<RecordedEvent> loads = new ArrayList<>();
        try (RecordingFile recording = new RecordingFile(jfr)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String type = event.getEventType().getName();
                if (type.equals("jdk.ClassLoad")) {
                    if (event.getThread("eventThread") != null
                            && "main".equals(event.getThread("eventThread").getJavaName())) {
                        loads.add(event);
                    }
                    continue;
                }
                if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) {
                    continue;
                }
                if (event.getThread("sampledThread") == null
                        || !"main".equals(event.getThread("sampledThread").getJavaName())) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null) {
                    continue;
                }
                List<RecordedFrame> frames = stack.getFrames();
                int phase = phase(frames);
                if (phase < 0) {
                    continue;
                }
                phaseTotals[phase]++;
                (phase == 0 ? initSamples : requestSamples).merge(category(frames), 1, Integer::sum);
                String bean = innermostBean(frames);
                if (bean != null) {
                    beanSamples.merge(bean, 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a class load's own time: its duration less that of the loads nested in it (one thread, so nesting is time)
        loads.sort(Comparator.comparing(RecordedEvent::getStartTime));
        List<RecordedEvent> open = new ArrayList<>();
        Map<RecordedEvent, Long> own = new HashMap<>();
        for (RecordedEvent load : loads) {
            while (!open.isEmpty() && !open.get(open.size() - 1).getEndTime().isAfter(load.getStartTime())) {
                open.remove(open.size() - 1);
            }
            long nanos = load.getDuration().toNanos();
            own.put(load, nanos);
            if (!open.isEmpty()) {
                RecordedEvent parent = open.get(open.size() - 1);
                own.merge(parent, -nanos, Long::sum);
            }
            open.add(load);
        }
        own.forEach((load, nanos) -> {
            String name = load.getClass("loadedClass") == null ? "?" : load.getClass("loadedClass").getName();
            loadNanos.merge(jarOfClass.getOrDefault(name, "JDK and generated classes"), Math.max(nanos, 0), Long::sum);
        });
        Map<String, Long> classesPerJar = jarOfClass.values().stream()
                .collect(Collectors.groupingBy(j -> j, Collectors.counting()));
        List<Jar> jars = classesPerJar.entrySet().stream()
                .map(e -> new Jar(e.getKey(), e.getValue(), loadNanos.getOrDefault(e.getKey(), 0L) / 1e6))
                .sorted(Comparator.comparingDouble(Jar::loadMs).reversed().thenComparing(Jar::name))
                .toList();

        double initMs = phases.get("handler class loaded and initialized") + phases.get("handler constructed (the init)");
        double requestMs = phases.get(EVENT_READ) + phases.get("first request (handleRequest)")
                + phases.get(RESPONSE_WRITTEN);
        double msPerSample = (initMs + requestMs) / Math.max(1, phaseTotals[0] + phaseTotals[1]);
        return new Profile(phases, counters, spread(initSamples, phaseTotals[0], initMs),
                spread(requestSamples, phaseTotals[1], requestMs), scaled(beanSamples, msPerSample), jars,
                phaseTotals[0] + phaseTotals[1]);
    }

    /** A phase's wall time shared out by its samples, most first. */
    private static Map<String, Double> spread(Map<String, Integer> samples, int total, double wallMs) {
        return scaled(samples, wallMs / Math.max(1, total));
    }

    private static Map<String, Double> scaled(Map<String, Integer> samples, double msPerSample) {
        return samples.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() * msPerSample, (a, b) -> a,
                        LinkedHashMap::new));
    }

    /** 0 for the init (loading and constructing the handler), 1 for the first request, -1 for the rest. */
    static int phase(List<RecordedFrame> frames) {
        List<String> methods = frames.stream().map(Profile::method).toList();
        return phaseOf(methods);
    }

    /** The phase of a stack given as {@code class.method} names, innermost first. */
    static int phaseOf(List<String> methods) {
        String launcher = "io.participants.bench.launcher.LambdaLauncher.";
        for (int i = methods.size() - 1; i >= 0; i--) {
            String method = methods.get(i);
            if (method.equals(launcher + "handler") || method.equals("java.lang.Class.forName")) {
                return 0;
            }
            if (method.equals(launcher + "cold")) {
                return 1;
            }
        }
        return -1;
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /**
     * What a sample's work was for: the innermost frame of its stack (innermost first) that belongs to a known part,
     * JDK frames passed over, so that class loading counts for the code that caused it and a route's own work for
     * the service, not for the router and HTTP layers every request passes through.
     */
    static String category(List<RecordedFrame> frames) {
        return categoryOf(frames.stream().map(Profile::method).toList());
    }

    static final String LOGGING = "logging: logback and SLF4J (setup, first lines)";
    static final String SDK_CALLS = "AWS SDK: the first calls";
    static final String SDK_BUILDS = "AWS SDK: building clients";
    static final String BEANS = "Micronaut: bean definitions' own code (loading, instantiating)";
    static final String ENVIRONMENT = "Micronaut: environment and property sources";
    static final String SERVICES = "Micronaut: service loading (bean definitions, converters)";
    static final String ROUTER = "Micronaut: router";
    static final String JSON = "JSON: Micronaut serde and Jackson";
    static final String HTTP = "Micronaut: HTTP and the API Gateway adapter";
    static final String MICRONAUT = "Micronaut: bean context, other";
    static final String LAMBDA_JSON = "the runtime's event serializer";
    static final String OWN = "the service's own code";
    static final String OTHER = "JDK and other";

    static String categoryOf(List<String> methods) {
        for (String method : methods) {
            String category = part(method);
            if (category == null) {
                continue;
            }
            if (category.equals(SDK_BUILDS) && methods.stream().anyMatch(Profile::isServiceCall)) {
                return SDK_CALLS;
            }
            return category;
        }
        return OTHER;
    }

    /** The part one frame belongs to, or null for the JDK's and the launcher's. */
    private static String part(String method) {
        if (method.startsWith("ch.qos.logback.") || method.startsWith("org.slf4j.")) {
            return LOGGING;
        }
        if (method.startsWith("software.amazon.awssdk.")) {
            return SDK_BUILDS;
        }
        if (DEFINITION.matcher(method).find()) {
            return BEANS;
        }
        if (method.startsWith("io.micronaut.context.env.")) {
            return ENVIRONMENT;
        }
        if (method.startsWith("io.micronaut.core.io.service.") || method.contains(".aot.")
                && method.startsWith("io.participants.")) {
            return SERVICES;
        }
        if (method.startsWith("io.micronaut.web.router.")) {
            return ROUTER;
        }
        if (method.startsWith("io.micronaut.serde.") || method.startsWith("com.fasterxml.jackson.")
                || method.startsWith("io.micronaut.json.")) {
            return JSON;
        }
        if (method.startsWith("io.micronaut.http.") || method.startsWith("io.micronaut.function.")
                || method.startsWith("io.micronaut.servlet.")) {
            return HTTP;
        }
        if (method.startsWith("io.micronaut.")) {
            return MICRONAUT;
        }
        if (method.startsWith("com.amazonaws.services.lambda.runtime.serialization.")) {
            return LAMBDA_JSON;
        }
        if (method.startsWith("io.participants.") && !method.startsWith("io.participants.bench.")) {
            return OWN;
        }
        return null;
    }

    /** A call of an AWS service's operation: a method of a generated {@code Default...Client}. */
    private static boolean isServiceCall(String method) {
        return method.startsWith("software.amazon.awssdk.services.") && DEFAULT_CLIENT.matcher(method).find();
    }

    private static final Pattern DEFAULT_CLIENT = Pattern.compile("\\.Default[A-Za-z0-9]*Client\\.");
    private static final Pattern DEFINITION = Pattern.compile("([\\w.]+)\\.\\$([\\w$]+?)\\$Definition\\.[\\w<>]+$");

    /** The bean whose definition is innermost on the stack, as {@code package.Type} (factory methods named). */
    static String innermostBean(List<RecordedFrame> frames) {
        return innermostBeanOf(frames.stream().map(Profile::method).toList());
    }

    static String innermostBeanOf(List<String> methods) {
        for (String method : methods) {
            Matcher matcher = DEFINITION.matcher(method);
            if (matcher.find()) {
                String pkg = matcher.group(1);
                String name = matcher.group(2).replace('$', '.');
                return pkg.substring(pkg.lastIndexOf('.') + 1) + "." + name;
            }
        }
        return null;
    }

    /** Class name to jar file name (or the JDK's), from {@code -Xlog:class+load} lines. */
    static Map<String, String> jarOfClass(Path log) {
        Map<String, String> out = new HashMap<>();
        Pattern line = Pattern.compile("\\[class,load\\s*] (\\S+) source: (.*)$");
        try {
            for (String text : Files.readAllLines(log)) {
                Matcher matcher = line.matcher(text);
                if (matcher.find()) {
                    out.put(matcher.group(1), source(matcher.group(2)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static String source(String source) {
        if (source.startsWith("shared objects file") || source.startsWith("jrt:/")) {
            return "JDK (CDS archive or modules)";
        }
        int jar = source.lastIndexOf(".jar");
        if (jar > 0) {
            String path = source.substring(0, jar + 4);
            return path.substring(path.lastIndexOf('/') + 1);
        }
        return "JDK and generated classes";
    }
}
