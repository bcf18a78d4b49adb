package io.participants.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, driven over the DevTools protocol with the JDK's WebSocket client: one page (a target
 * attached in flat mode), every protocol event kept for the test to read.
 */
final class HeadlessChromium implements AutoCloseable {

    /** The platform notes' flags: no sandbox as root, and no background traffic of the browser's own. */
    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    /** A guard against a browser that hangs, not a time the page must beat: 1.9 MB of script on a loaded machine. */
    private static final Duration REPLY = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
    private final String session;

    private HeadlessChromium(Process process, WebSocket socket, Listener listener) {
        this.process = process;
        this.socket = socket;
        listener.owner = this;
        JsonNode target = send(null, "Target.createTarget", Map.of("url", "about:blank"));
        this.session = send(null, "Target.attachToTarget",
                Map.of("targetId", target.get("targetId").asText(), "flatten", true)).get("sessionId").asText();
    }

    /** The browser on the PATH (Debian's package installs {@code chromium}), if any. */
    static Optional<Path> find() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .flatMap(dir -> Stream.of("chromium", "chromium-browser").map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * Starts {@code binary} with a fresh profile in {@code profile}, DevTools on a free loopback port, and every host
     * name unresolvable: a page can reach IP literals only (127.0.0.1 for local mode). Its output goes to {@code log}.
     */
    static HeadlessChromium start(Path binary, Path profile, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(FLAGS);
        command.addAll(List.of("--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--window-size=1280,1600",
                "--hide-scrollbars", "--mute-audio", "about:blank"));
        Process process = new ProcessBuilder(command).redirectOutput(log.toFile()).start();
        try {
            URI endpoint = devToolsEndpoint(process, log);
            Listener listener = new Listener();
            WebSocket socket = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()
                    .newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(endpoint, listener).get(30, TimeUnit.SECONDS);
            return new HeadlessChromium(process, socket, listener);
        } catch (IOException | RuntimeException | ExecutionException | TimeoutException e) {
            stop(process);
            throw new IllegalStateException("Chromium did not start; see " + log, e);
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while Chromium started", e);
        }
    }

    /** Reads Chromium's stderr up to its DevTools line, then copies the rest into {@code log} from a daemon thread. */
    private static URI devToolsEndpoint(Process process, Path log) throws IOException {
        BufferedReader err =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder before = new StringBuilder();
        for (String line = err.readLine(); line != null; line = err.readLine()) {
            before.append(line).append('\n');
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                Thread drain = new Thread(() -> {
                    try (var out = Files.newBufferedWriter(log.resolveSibling(log.getFileName() + ".stderr"))) {
                        out.write(before.toString());
                        for (String rest = err.readLine(); rest != null; rest = err.readLine()) {
                            out.write(rest);
                            out.newLine();
                        }
                    } catch (IOException e) {
                        // the browser is gone; nothing more to keep
                    }
                }, "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                return URI.create(listening.group(1));
            }
        }
        throw new IOException("Chromium exited before DevTools listened:\n" + before);
    }

    /** A protocol command on the page; its result, or a failure naming the protocol's error. */
    JsonNode send(String method, Map<String, ?> params) {
        return send(session, method, params);
    }

    /** Evaluates {@code expression} in the page, awaiting it if it is a promise; its value as JSON. */
    JsonNode evaluate(String expression) {
        JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true,
                "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("The page threw: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** How many events arrived so far: a mark for {@link #awaitEvent}. */
    int eventCount() {
        return events.size();
    }

    /** The {@code params} of the first event named {@code method} that arrived after {@code mark}, waiting for it. */
    JsonNode awaitEvent(String method, int mark) {
        CompletableFuture<JsonNode> found = new CompletableFuture<>();
        Waiter waiter = new Waiter(method, mark, found);
        synchronized (events) {
            waiters.add(waiter);
            for (int i = mark; i < events.size(); i++) {
                waiter.offer(i, events.get(i));
            }
        }
        try {
            return found.get(REPLY.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + method, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("No " + method + " within " + REPLY, e);
        } finally {
            waiters.remove(waiter);
        }
    }

    /** Every event so far named {@code method}, in arrival order: their {@code params}. */
    List<JsonNode> events(String method) {
        return events.stream().filter(e -> method.equals(e.path("method").asText()))
                .map(e -> e.path("params")).toList();
    }

    private JsonNode send(String sessionId, String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            socket.sendText(message.toString(), true).get(REPLY.toSeconds(), TimeUnit.SECONDS);
            JsonNode answer = reply.get(REPLY.toSeconds(), TimeUnit.SECONDS);
            if (answer.has("error")) {
                throw new IllegalStateException(method + " failed: " + answer.get("error"));
            }
            return answer.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("No answer to " + method + " within " + REPLY, e);
        } finally {
            pending.remove(id);
        }
    }

    private void received(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.get(message.get("id").asInt());
            if (reply != null) {
                reply.complete(message);
            }
        } else {
            synchronized (events) {
                events.add(message);
                waiters.forEach(waiter -> waiter.offer(events.size() - 1, message));
            }
        }
    }

    @Override
    public void close() {
        try {
            send(null, "Browser.close", Map.of());
        } catch (RuntimeException e) {
            // it may be gone already; the process is stopped below either way
        }
        socket.abort();
        stop(process);
    }

    private static void stop(Process process) {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Someone waiting for an event named {@code method} at or after position {@code mark}. */
    private record Waiter(String method, int mark, CompletableFuture<JsonNode> found) {

        void offer(int position, JsonNode event) {
            if (position >= mark && method.equals(event.path("method").asText())) {
                found.complete(event.path("params"));
            }
        }
    }

    /** Puts a message's parts together, then hands it to its browser. */
    private static final class Listener implements WebSocket.Listener {

        private final StringBuilder parts = new StringBuilder();
        private volatile HeadlessChromium owner;
        private final List<String> early = new ArrayList<>();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                String text = parts.toString();
                parts.setLength(0);
                deliver(text);
            }
            webSocket.request(1);
            return null;
        }

        /** Before the browser object exists nothing was sent, so nothing but events can arrive; keep them. */
        private synchronized void deliver(String text) {
            if (owner == null) {
                early.add(text);
                return;
            }
            early.forEach(owner::received);
            early.clear();
            owner.received(text);
        }
    }
}
