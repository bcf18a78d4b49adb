package io.participants.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The local secrets kept as one JSON file, {@value #FILE_NAME}, readable by its owner only. Every access reads the
 * whole file and a change rewrites it through a temporary file and an atomic move, under a lock that other
 * processes ({@code ./local slack-app} while the server runs) and threads respect: none of them loses another's
 * change.
 */
final class SecretsFile {

    static final String FILE_NAME = "secrets.json";
    private static final String LOCK_NAME = ".secrets.lock";
    private static final int FORMAT = 1;

    private static final JsonMapper JSON = JsonMapper.builder()
            // an error's location would otherwise quote the file, secret values included
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    /** A JVM may not take a file lock twice, so threads (and two instances on one file) queue here first. */
    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path dir;
    private final Path file;

    SecretsFile(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        this.file = this.dir.resolve(FILE_NAME);
    }

    Path file() {
        return file;
    }

    /** Applies {@code change} to the secrets by name and writes them back if it changed any. */
    <T> T transact(Function<Map<String, StoredSecret>, T> change) {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        local.lock();
        try {
            createDirectory();
            try (FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_NAME),
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), ownerOnly("rw-------"))) {
                FileLock lock = lockChannel.lock();
                try {
                    Map<String, StoredSecret> before = read();
                    Map<String, StoredSecret> secrets = new LinkedHashMap<>(before);
                    T result = change.apply(secrets);
                    if (!secrets.equals(before)) {
                        write(secrets);
                    }
                    return result;
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the local secrets file " + file, e);
        } finally {
            local.unlock();
        }
    }

    private void createDirectory() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, ownerOnly("rwx------"));
        }
    }

    private Map<String, StoredSecret> read() throws IOException {
        Map<String, StoredSecret> secrets = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return secrets;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            for (JsonNode node : root.path("secrets")) {
                StoredSecret secret = fromJson(node);
                secrets.put(secret.name(), secret);
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // no cause: a parser's message may quote the file
            throw new IllegalStateException("The local secrets file " + file + " is not one local mode wrote"
                    + (e instanceof JsonProcessingException json && json.getLocation() != null
                    ? " (invalid JSON at line " + json.getLocation().getLineNr() + ")" : "")
                    + "; move it away to start with no secrets");
        }
        return secrets;
    }

    private void write(Map<String, StoredSecret> secrets) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT);
        ArrayNode list = root.putArray("secrets");
        secrets.values().forEach(secret -> list.add(toJson(secret)));
        Path temp = Files.createTempFile(dir, ".secrets-", ".tmp", ownerOnly("rw-------"));
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
                JSON.writerWithDefaultPrettyPrinter().writeValue(out, root);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static ObjectNode toJson(StoredSecret secret) {
        ObjectNode node = JSON.createObjectNode()
                .put("name", secret.name())
                .put("arn", secret.arn())
                .put("description", secret.description())
                .put("secretString", secret.secretString())
                .put("secretBinary", secret.secretBinary())
                .put("versionId", secret.versionId())
                .put("createdDate", secret.createdDate().toString())
                .put("lastChangedDate", secret.lastChangedDate().toString())
                .put("deletionDate", secret.deletionDate() == null ? null : secret.deletionDate().toString());
        ObjectNode tags = node.putObject("tags");
        secret.tags().forEach(tags::put);
        return node;
    }

    private static StoredSecret fromJson(JsonNode node) {
        Map<String, String> tags = new LinkedHashMap<>();
        node.path("tags").properties().forEach(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
        return new StoredSecret(text(node, "name"), text(node, "arn"), text(node, "description"),
                text(node, "secretString"), text(node, "secretBinary"), text(node, "versionId"),
                instant(node, "createdDate"), instant(node, "lastChangedDate"), instant(node, "deletionDate"), tags);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : Instant.parse(text);
    }

    private static FileAttribute<?>[] ownerOnly(String permissions) {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))};
        }
        return new FileAttribute<?>[0];
    }
}
