package io.participants.bench.launcher;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.participants.bench.launcher.crac.Core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.CompilationMXBean;
import java.lang.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The child JVM of one cold start, standing in for the Lambda Java runtime: constructs the handler by its no-arg
 * constructor (Lambda's init phase), reads the event with the runtime's own serializer, invokes the handler once,
 * writes the response as the runtime would, prints one {@code RESULT} line and stops the JVM without shutdown hooks,
 * as Lambda freezes or kills an environment rather than exiting it.
 *
 * <p>Usage: {@code LambdaLauncher <handler class> <event file>}, with {@value #MODE_PROPERTY} for another {@link
 * Mode} (in {@link Mode#PRIMED} the file holds one event a line). It depends on the JDK, aws-lambda-java-core,
 * -events and -serialization only, so that the classpath of a cold start is the function's own plus this jar.
 */
public final class LambdaLauncher {

    /** The line the parent waits for: {@code RESULT status=200 rssPeakKb=123456 initMs=812 invokeMs=240 ...}. */
    public static final String RESULT = "RESULT";
    /** The system property that picks the {@link Mode}. */
    public static final String MODE_PROPERTY = "bench.mode";

    /**
     * What the child does after the init. Time marks ({@code ...Ns}) are {@link System#nanoTime()} values, which on
     * Linux share one clock with the parent's, so the parent can place them on its own timeline.
     */
    public enum Mode {
        /** One invocation of the event, then a halt. */
        COLD,
        /** As {@link #COLD}, then waits to be ended, so that the parent can read the JVM's counters. */
        PROFILE,
        /** The work before a snapshot, then a normal exit (which writes a JDK AOT cache). */
        TRAIN,
        /** The work before a snapshot, then a file of events, each timed. */
        PRIMED
    }

    /** The package of the checkpoint machinery given to org.crac (see {@link Core}). */
    public static final String CRAC_COMPAT = Core.class.getPackageName();

    private LambdaLauncher() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: LambdaLauncher <handler class> <event file>");
            Runtime.getRuntime().halt(2);
        }
        try {
            long main = System.nanoTime();
            // before the handler touches org.crac: its hooks then reach Core, as on a SnapStart runtime
            System.setProperty("org.crac.Core.Compat", CRAC_COMPAT);
            Mode mode = Mode.valueOf(System.getProperty(MODE_PROPERTY, Mode.COLD.name()).toUpperCase(Locale.ROOT));
            ClassLoader loader = LambdaLauncher.class.getClassLoader();
            Class<?> type = Class.forName(args[0], true, loader);
            long loaded = System.nanoTime();
            Invoker handler = Invoker.of(type.getConstructor().newInstance(), loader);
            long initialized = System.nanoTime();

            switch (mode) {
                case TRAIN -> train(handler, args[1], loader);
                case PRIMED -> primed(handler, args[1], main, loaded, initialized);
                default -> cold(handler, args[1], loader, main, loaded, initialized, mode == Mode.PROFILE);
            }
        } catch (Throwable e) {
            e.printStackTrace();
            System.out.println(RESULT + " status=0 error=" + e.getClass().getName());
            System.out.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    /** One invocation of the event after the init, as a cold start: the default mode. */
    private static void cold(Invoker handler, String eventFile, ClassLoader loader, long main, long loaded,
                             long initialized, boolean profile) throws IOException, InterruptedException {
        Object event = handler.read(Files.readAllBytes(Path.of(eventFile)));
        long read = System.nanoTime();
        Object response = handler.handle(event, new FakeContext("00000000-0000-4000-8000-00000000be17", 15_000));
        long answered = System.nanoTime();
        byte[] body = handler.write(response);
        long invoked = System.nanoTime();

        System.out.println(RESULT + " status=" + handler.status(response, body) + " rssPeakKb=" + peakRssKb()
                + " initMs=" + (initialized - main) / 1_000_000 + " invokeMs=" + (invoked - initialized) / 1_000_000
                + " responseBytes=" + body.length + " mainNs=" + main + " loadedNs=" + loaded
                + " initializedNs=" + initialized + " readNs=" + read + " answeredNs=" + answered
                + " writtenNs=" + invoked + " cpuMs=" + cpuMillis() + " pid=" + ProcessHandle.current().pid());
        System.out.flush();
        if (profile) {
            // the harness reads the JVM's own counters (jcmd PerfCounter.print), then ends this process
            Thread.sleep(120_000);
        }
        Runtime.getRuntime().halt(0);
    }

    /**
     * A training run for a JDK AOT cache: the init, then what the function does before its SnapStart snapshot (its
     * registered checkpoint hooks: priming, after a full collection); a handler without hooks (the baseline) gets its
     * own request for a missing resource instead, the counterpart of a priming request. Exits normally: the JVM writes
     * the cache as it exits.
     */
    private static void train(Invoker invoker, String eventFile, ClassLoader loader) throws Exception {
        int status;
        if (Core.registered() > 0) {
            System.gc();
            Core.checkpoint();
            status = 200;
        } else {
            // a handler without hooks is the baseline, a plain RequestHandler
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = invoker.eventHandler();
            APIGatewayV2HTTPEvent event = readEvent(eventFile, loader);
            missingResource(event);
            status = handler.handleRequest(event, new FakeContext("00000000-0000-4000-8000-0000000a0700", 15_000))
                    .getStatusCode();
        }
        System.out.println(RESULT + " status=" + status + " trained=true");
        System.out.flush();
        System.exit(0);
    }

    /**
     * What SnapStart leaves: the init, the checkpoint hooks as Lambda runs them before the snapshot (after a full
     * collection, so that a hook held only weakly would be gone), the restore hooks, then each event of the file (one
     * JSON event a line) timed alone: the first is the first real request after a restore, the others warm ones, the
     * last of which comes after a full collection and a walk through memory that flushes the CPU's caches.
     */
    private static void primed(Invoker handler, String eventsFile, long main, long loaded, long initialized)
            throws Exception {
        int hooks = Core.registered();
        long primed = initialized;
        if (hooks > 0) {
            System.gc();
            Core.checkpoint();
            primed = System.nanoTime();
        }
        List<String> lines = Files.readAllLines(Path.of(eventsFile), StandardCharsets.UTF_8);
        // what the first request still has to do that priming did not: the classes it loads, the JIT's time meanwhile
        ClassLoadingMXBean classLoading = ManagementFactory.getClassLoadingMXBean();
        CompilationMXBean compilation = ManagementFactory.getCompilationMXBean();
        // the handling thread's CPU time: the function's own work, without its waits on the stores and stand-ins
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] cpuNanos = new long[lines.size()];
        // the last event comes after a full collection and a walk through more memory than the CPU's caches hold: a
        // warm request that finds its objects moved and nothing of its own in the caches, as the first one after a
        // snapshot does, which tells that cost apart from what priming could still do
        int flushed = lines.size() - 1;
        long firstClasses = 0;
        long firstCompileMs = 0;
        long[] nanos = new long[lines.size()];
        long firstStartMs = 0;
        long firstEndMs = 0;
        int firstStatus = 0;
        int unexpected = 0;
        String example = null;
        for (int i = 0; i < lines.size(); i++) {
            // reading the event is the runtime's work, outside the invocation, as in the warm figures (a stream
            // handler reads it itself, inside)
            Object event = handler.read(lines.get(i).getBytes(StandardCharsets.UTF_8));
            if (i == 0) {
                firstStartMs = System.currentTimeMillis();
                firstClasses = classLoading.getTotalLoadedClassCount();
                firstCompileMs = compilation.getTotalCompilationTime();
            }
            if (i == flushed) {
                flushCaches();
            }
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            Object response = handler.handle(event,
                    new FakeContext(String.format("00000000-0000-4000-8000-%012d", i), 15_000));
            byte[] written = handler.write(response);
            nanos[i] = System.nanoTime() - start;
            cpuNanos[i] = threads.getCurrentThreadCpuTime() - cpuStart;
            int status = handler.status(response, written);
            if (i == 0) {
                // wall-clock bounds, to find the first request's samples in a JFR recording
                firstEndMs = System.currentTimeMillis();
                firstClasses = classLoading.getTotalLoadedClassCount() - firstClasses;
                firstCompileMs = compilation.getTotalCompilationTime() - firstCompileMs;
                firstStatus = status;
            } else if (status != firstStatus) {
                unexpected++;
                if (example == null) {
                    String body = new String(written, StandardCharsets.UTF_8);
                    // one token of the RESULT line: the status and the answer's start, without spaces
                    example = status + ":" + body.substring(0, Math.min(body.length(), 160))
                            .replaceAll("\\s+", "_");
                }
            }
        }
        long[] warm = Arrays.copyOfRange(nanos, flushed / 2, flushed);
        Arrays.sort(warm);
        long[] warmCpu = Arrays.copyOfRange(cpuNanos, flushed / 2, flushed);
        Arrays.sort(warmCpu);
        System.out.println(RESULT + " status=" + firstStatus + " hooks=" + hooks + " initMs="
                + (initialized - main) / 1_000_000 + " primingMs=" + (primed - initialized) / 1_000_000
                + " firstUs=" + nanos[0] / 1_000 + " firstCpuUs=" + cpuNanos[0] / 1_000
                + " warmCpuP50Us=" + warmCpu[warmCpu.length / 2] / 1_000 + " flushedUs=" + nanos[flushed] / 1_000
                + " flushedCpuUs=" + cpuNanos[flushed] / 1_000 + " firstClasses=" + firstClasses + " firstCompileMs="
                + firstCompileMs + " warmP50Us=" + warm[warm.length / 2] / 1_000
                + " warmP99Us=" + warm[Math.max(0, (int) Math.ceil(warm.length * 0.99) - 1)] / 1_000
                + " warmRequests=" + warm.length + " unexpected=" + unexpected + " rssPeakKb=" + peakRssKb()
                + " mainNs=" + main + " firstStartMs=" + firstStartMs + " firstEndMs=" + firstEndMs
                + (example == null ? "" : " unexpectedExample=" + example));
        System.out.flush();
        // a normal exit, after the figures: a JFR recording given by BENCH_CHILD_OPTIONS is written as the JVM exits
        System.exit(0);
    }

    /** A full collection, then a walk through 128 MiB (more than any cache of this CPU holds), twice. */
    private static void flushCaches() {
        System.gc();
        byte[] memory = new byte[128 << 20];
        long sum = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < memory.length; i += 64) {
                memory[i]++;
                sum += memory[i];
            }
        }
        if (sum == 42) {
            // never: the sum keeps the walk from being optimized away
            System.out.print("");
        }
    }

    /** The event of a file, read by the runtime's own serializer. */
    private static APIGatewayV2HTTPEvent readEvent(String eventFile, ClassLoader loader) throws IOException {
        try (InputStream in = new FileInputStream(eventFile)) {
            return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, loader).fromJson(in);
        }
    }

    /** Every id in the path (a tenant or workspace aside) replaced by a fresh one, which names nothing stored. */
    public static void missingResource(APIGatewayV2HTTPEvent event) {
        Map<String, String> path = event.getPathParameters();
        if (path == null) {
            return;
        }
        Map<String, String> fresh = new HashMap<>(path);
        path.forEach((name, value) -> {
            if (name.endsWith("Id") && !name.equals("tenantId") && !name.equals("workspaceId")) {
                String id = UUID.randomUUID().toString();
                fresh.put(name, id);
                event.setRawPath(event.getRawPath().replace(value, id));
            }
        });
        event.setPathParameters(fresh);
    }

    /**
     * A handler called as Lambda's runtime calls one named by its class alone: as a {@link RequestStreamHandler} when
     * it is one (the event's bytes in, the answer's bytes out: the function reads and writes them), else as a {@link
     * RequestHandler} whose event and response the runtime's own serializer reads and writes.
     */
    interface Invoker {

        Pattern STATUS = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)");

        /** What the runtime does before the invocation: nothing for a stream handler, else reading the event. */
        Object read(byte[] event) throws IOException;

        /** The invocation. */
        Object handle(Object event, Context context) throws IOException;

        /** What the runtime does after it: nothing for a stream handler, else writing the response. */
        byte[] write(Object response) throws IOException;

        default int status(Object response, byte[] written) {
            Matcher status = STATUS.matcher(new String(written, StandardCharsets.UTF_8));
            return status.find() ? Integer.parseInt(status.group(1)) : 0;
        }

        /** The handler as a plain event handler (the baseline's training request). */
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> eventHandler();

        @SuppressWarnings("unchecked")
        static Invoker of(Object handler, ClassLoader loader) {
            if (handler instanceof RequestStreamHandler stream) {
                return new Invoker() {
                    @Override
                    public Object read(byte[] event) {
                        return event;
                    }

                    @Override
                    public Object handle(Object event, Context context) throws IOException {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        stream.handleRequest(new ByteArrayInputStream((byte[]) event), out, context);
                        return out.toByteArray();
                    }

                    @Override
                    public byte[] write(Object response) {
                        return (byte[]) response;
                    }

                    @Override
                    public RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> eventHandler() {
                        return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler;
                    }
                };
            }
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> events =
                    (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler;
            return new Invoker() {
                // made at the first use, as the runtime makes its serializers at the first invocation, then kept
                private PojoSerializer<APIGatewayV2HTTPEvent> reader;
                private PojoSerializer<APIGatewayV2HTTPResponse> writer;

                @Override
                public Object read(byte[] event) {
                    if (reader == null) {
                        reader = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, loader);
                    }
                    return reader.fromJson(new ByteArrayInputStream(event));
                }

                @Override
                public Object handle(Object event, Context context) {
                    return events.handleRequest((APIGatewayV2HTTPEvent) event, context);
                }

                @Override
                public byte[] write(Object response) {
                    if (writer == null) {
                        writer = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, loader);
                    }
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    writer.toJson((APIGatewayV2HTTPResponse) response, out);
                    return out.toByteArray();
                }

                @Override
                public int status(Object response, byte[] written) {
                    return ((APIGatewayV2HTTPResponse) response).getStatusCode();
                }

                @Override
                public RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> eventHandler() {
                    return events;
                }
            };
        }
    }

    /**
     * The CPU time of this process so far (every thread: the JIT's and GC's too), in ms: on Lambda, which gives a
     * 1024 MB function about 0.6 of a vCPU, a cold start's wall time follows it more than here on 2 shared cores.
     */
    public static long cpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
    }

    /** The JVM's peak resident set (VmHWM of /proc/self/status) in KiB, or -1 where there is no such file. */
    public static long peakRssKb() {
        try (InputStream in = new FileInputStream("/proc/self/status")) {
            String status = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            int at = status.indexOf("VmHWM:");
            if (at < 0) {
                return -1;
            }
            int end = status.indexOf('\n', at);
            String value = status.substring(at + "VmHWM:".length(), end < 0 ? status.length() : end).trim();
            return Long.parseLong(value.substring(0, value.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The Context of one invocation, as the runtime gives each invocation one of its own: a request id, the
     * function's name, a deadline, and the runtime's one logger.
     */
    public static final class FakeContext implements Context {

        private static final LambdaLogger LOGGER = new LambdaLogger() {
            @Override
            public void log(String message) {
                System.err.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.err.print(new String(message, StandardCharsets.UTF_8));
            }
        };

        private final String requestId;
        private final long deadline;

        public FakeContext(String requestId, long timeoutMillis) {
            this.requestId = requestId;
            this.deadline = System.currentTimeMillis() + timeoutMillis;
        }

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + getFunctionName();
        }

        @Override
        public String getLogStreamName() {
            return "2026/11/22/[$LATEST]00000000000000000000000000000000";
        }

        @Override
        public String getFunctionName() {
            String name = System.getenv("AWS_LAMBDA_FUNCTION_NAME");
            return name == null ? "bench" : name;
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:" + getFunctionName();
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, deadline - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return LOGGER;
        }
    }
}
