package io.participants.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API as a function's runtime client sees it, on loopback: {@code GET .../invocation/next} hands
 * out the next event (with the request id, deadline and function ARN headers), {@code POST .../invocation/{id}/response}
 * and {@code .../error} answer it, {@code POST .../init/error} reports a failed start. One stand-in per container.
 */
final class RuntimeApiStandIn implements AutoCloseable {

    private static final String BASE = "/2018-06-01/runtime";
    private static final Pattern ANSWER = Pattern.compile(BASE + "/invocation/([^/]+)/(response|error)");

    /** What the function answered: its response, or the error it reported ({@code error} true). */
    record Answer(boolean error, String body) {
    }

    private record Invocation(String id, String event, long deadlineMillis) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "runtime-api");
        thread.setDaemon(true);
        return thread;
    });
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final String functionArn;
    private volatile boolean closed;

    RuntimeApiStandIn(String functionName) {
        this.functionArn = "arn:aws:lambda:" + LambdaEnvironment.REGION + ":000000000000:function:" + functionName;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext(BASE + "/", this::handle);
        server.start();
    }

    /** {@code AWS_LAMBDA_RUNTIME_API}: host and port, no scheme. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Hands {@code event} to the function and waits for its answer; a failed start or no answer within
     * {@code timeout} is an {@link AssertionError} naming what happened.
     */
    Answer invoke(String event, Duration timeout) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        answers.put(id, answer);
        pending.add(new Invocation(id, event, System.currentTimeMillis() + timeout.toMillis()));
        try {
            Object first = CompletableFuture.anyOf(answer, initError).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (first instanceof Answer done) {
                return done;
            }
            throw new AssertionError("the function failed to start: " + first);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + timeout + " (the child's logs say why)");
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        } finally {
            answers.remove(id);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals(BASE + "/invocation/next")) {
                next(exchange);
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher answer = ANSWER.matcher(path);
            if (method.equals("POST") && answer.matches()) {
                CompletableFuture<Answer> waiting = answers.get(answer.group(1));
                if (waiting == null) {
                    send(exchange, 400, "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                waiting.complete(new Answer(answer.group(2).equals("error"), body));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.equals(BASE + "/init/error")) {
                initError.complete(body);
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                send(exchange, 404, "{\"errorMessage\":\"no such runtime API\",\"errorType\":\"NotFound\"}");
            }
        }
    }

    /** Long-polls as Lambda does: the client's request waits until an event is there. */
    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation = null;
        try {
            while (invocation == null && !closed) {
                invocation = pending.poll(200, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (invocation == null) {
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.id());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        send(exchange, 200, invocation.event());
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        threads.shutdownNow();
    }
}
