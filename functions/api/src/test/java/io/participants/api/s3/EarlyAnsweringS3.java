package io.participants.api.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for S3 that answers the way S3 does when it refuses a request on its headers alone: at once, before it
 * reads the body, then closing the connection. A request that asked to wait ({@code Expect: 100-continue}) gets the
 * refusal in place of the go-ahead and never sends its body; one that did not ask gets the refusal while its body is
 * still unread, and the connection is reset under it. Accepted requests get "100 Continue" (when asked), their body is
 * read, and they are answered 200 (204 for a DELETE). Each request is recorded with its headers and what its body
 * was; the sockets are real, on loopback, and the HTTP is written by hand so that the timing of each byte is known.
 */
final class EarlyAnsweringS3 implements AutoCloseable {

    /** What one request carried: method, target, headers (names in lower case), and the body bytes that arrived. */
    record Request(String method, String target, Map<String, String> headers, byte[] body) {

        boolean waitedToContinue() {
            return "100-continue".equalsIgnoreCase(headers.get("expect"));
        }

        /** The SDK's attempt number ({@code amz-sdk-request: attempt=2; max=3}). */
        int attempt() {
            String value = headers.getOrDefault("amz-sdk-request", "");
            int start = value.indexOf("attempt=") + "attempt=".length();
            int end = value.indexOf(';', start);
            return Integer.parseInt(value.substring(start, end < 0 ? value.length() : end).trim());
        }

        @Override
        public String toString() {
            // the headers hold a signature: print what a failed assertion needs only
            return method + " " + target + " attempt " + attempt() + (waitedToContinue() ? ", waited" : "")
                    + ", " + body.length + " body bytes";
        }
    }

    private record Refusal(int status, String code) {
    }

    private record Selective(String method, String suffix, Refusal refusal) {
    }

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool();
    private final Deque<Refusal> refusals = new ConcurrentLinkedDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile Refusal always;
    private volatile Selective selective;

    EarlyAnsweringS3() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        connections.execute(this::accept);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** The next request is refused with this S3 error, before its body is read. */
    EarlyAnsweringS3 refuseNext(int status, String code) {
        refusals.add(new Refusal(status, code));
        return this;
    }

    /** Requests of {@code method} whose target ends with {@code suffix} are refused with this S3 error. */
    EarlyAnsweringS3 refuseOnly(String method, String suffix, int status, String code) {
        selective = new Selective(method, suffix, new Refusal(status, code));
        return this;
    }

    /** Every request is refused with this S3 error, before its body is read. */
    EarlyAnsweringS3 refuseAll(int status, String code) {
        always = new Refusal(status, code);
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String head;
            while ((head = readHead(in)) != null) {
                String[] lines = head.split("\r\n");
                String[] requestLine = lines[0].split(" ");
                Map<String, String> headers = new TreeMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
                long length = Long.parseLong(headers.getOrDefault("content-length", "0"));
                boolean waits = "100-continue".equalsIgnoreCase(headers.get("expect"));
                Refusal refusal = refusals.isEmpty() ? always : refusals.poll();
                Selective only = selective;
                if (only != null && only.method().equals(requestLine[0]) && requestLine[1].endsWith(only.suffix())) {
                    refusal = only.refusal();
                }
                if (refusal != null) {
                    write(out, response(refusal));
                    if (waits) {
                        // the client may not send the body now; whatever it sends until it closes is recorded
                        requests.add(new Request(requestLine[0], requestLine[1], headers, in.readAllBytes()));
                    } else {
                        requests.add(new Request(requestLine[0], requestLine[1], headers, new byte[0]));
                        if (length > 0) {
                            // S3 drops the connection with the body unread: a reset, not an orderly close
                            socket.setSoLinger(true, 0);
                        }
                    }
                    return;
                }
                if (waits) {
                    write(out, "HTTP/1.1 100 Continue\r\n\r\n");
                }
                // a client told to go ahead may still send nothing (JDK 17 re-sends a refused request's head when
                // asked for the answer, then gives up on that connection): what arrived before it closed is kept
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                try {
                    body.write(in.readNBytes((int) length));
                } catch (SocketException | SocketTimeoutException e) {
                    requests.add(new Request(requestLine[0], requestLine[1], headers, body.toByteArray()));
                    return;
                }
                requests.add(new Request(requestLine[0], requestLine[1], headers, body.toByteArray()));
                write(out, requestLine[0].equals("DELETE")
                        ? "HTTP/1.1 204 No Content\r\nx-amz-request-id: STANDIN\r\n\r\n"
                        : "HTTP/1.1 200 OK\r\nx-amz-request-id: STANDIN\r\nETag: \"0\"\r\nContent-Length: 0\r\n\r\n");
            }
        } catch (SocketException | SocketTimeoutException e) {
            // the client went away, or the stand-in closed; what it sent is recorded
        } catch (IOException e) {
            throw new IllegalStateException("stand-in S3 failed", e);
        }
    }

    private static String response(Refusal refusal) {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + refusal.code()
                + "</Code><Message>refused by the stand-in</Message><RequestId>STANDIN</RequestId></Error>";
        return "HTTP/1.1 " + refusal.status() + " Refused\r\nx-amz-request-id: STANDIN\r\nConnection: close\r\n"
                + "Content-Type: application/xml\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    /** The request line and headers, or null when the client closed the connection between requests. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - end.length);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        connections.shutdownNow();
    }
}
