package io.participants.local;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The secrets of local mode with Secrets Manager's rules for the operations the service uses: create, put a new
 * value, read, describe, delete (now or after a recovery window). Kept in memory or in a {@link SecretsFile}.
 */
final class LocalSecrets {

    static final String CURRENT = "AWSCURRENT";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@!-]{1,512}");
    private static final String ARN_SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final long DEFAULT_RECOVERY_DAYS = 30;

    /** Where the secrets live: runs a change on all of them at once, as one atomic step. */
    private interface Storage {
        <T> T transact(Function<Map<String, StoredSecret>, T> change);
    }

    /** A deletion's outcome: the secret as it was and when it is (or was) gone for good. */
    record Deletion(StoredSecret secret, Instant deletionDate) {
    }

    private final Storage storage;
    private final Clock clock;
    private final String location;

    private LocalSecrets(Storage storage, Clock clock, String location) {
        this.storage = storage;
        this.clock = clock;
        this.location = location;
    }

    static LocalSecrets inMemory(Clock clock) {
        Map<String, StoredSecret> secrets = new LinkedHashMap<>();
        return new LocalSecrets(new Storage() {
            @Override
            public synchronized <T> T transact(Function<Map<String, StoredSecret>, T> change) {
                return change.apply(secrets);
            }
        }, clock, "memory");
    }

    /** The secrets of {@code dir}/{@value SecretsFile#FILE_NAME}, re-read on every call. */
    static LocalSecrets inDirectory(Path dir, Clock clock) {
        SecretsFile file = new SecretsFile(dir);
        return new LocalSecrets(file::transact, clock, file.file().toString());
    }

    /** "memory" or the file's path, for messages. */
    String location() {
        return location;
    }

    StoredSecret create(String name, String description, String string, String binary, String token,
                        Map<String, String> tags) {
        checkName(name);
        checkOneValue(string, binary, false);
        return transact(secrets -> {
            StoredSecret existing = secrets.get(name);
            if (existing != null) {
                if (existing.scheduledForDeletion()) {
                    throw new SecretsError(SecretsError.INVALID_REQUEST, "You can't create this secret because a"
                            + " secret with this name is already scheduled for deletion.");
                }
                if (token != null && token.equals(existing.versionId()) && sameValue(existing, string, binary)) {
                    return existing; // a retried request
                }
                throw new SecretsError(SecretsError.EXISTS,
                        "The operation failed because the secret " + name + " already exists.");
            }
            StoredSecret secret = newSecret(name, description, string, binary, token, tags);
            secrets.put(name, secret);
            return secret;
        });
    }

    StoredSecret putValue(String secretId, String string, String binary, String token) {
        checkOneValue(string, binary, true);
        return transact(secrets -> {
            StoredSecret secret = live(secrets, secretId);
            if (token != null && token.equals(secret.versionId())) {
                if (sameValue(secret, string, binary)) {
                    return secret; // a retried request
                }
                throw new SecretsError(SecretsError.EXISTS, "You can't modify an existing version, you can only"
                        + " create a new version.");
            }
            StoredSecret changed = secret.withValue(string, binary, versionId(token), clock.instant());
            secrets.put(secret.name(), changed);
            return changed;
        });
    }

    /**
     * Values written with staging labels that leave {@code AWSCURRENT} where it is (a refreshed token before its
     * compare-and-set), by secret name and version id. Kept in memory only: one lost with a restart is a refresh
     * that lost its race, which the service handles.
     */
    private final Map<String, Map<String, StoredSecret>> staged = new java.util.concurrent.ConcurrentHashMap<>();

    /** As {@link #putValue}, but the new version gets {@code stages} and stays out of AWSCURRENT. */
    StoredSecret stageValue(String secretId, String string, String binary, String token) {
        checkOneValue(string, binary, true);
        return transact(secrets -> {
            StoredSecret secret = live(secrets, secretId);
            StoredSecret version = secret.withValue(string, binary, versionId(token), clock.instant());
            staged.computeIfAbsent(secret.name(), n -> new java.util.concurrent.ConcurrentHashMap<>())
                    .put(version.versionId(), version);
            return version;
        });
    }

    /**
     * Moves AWSCURRENT to a staged version, as Secrets Manager does: only when {@code removeFrom} names the version
     * that holds it now; otherwise {@code InvalidParameterException}.
     */
    StoredSecret moveCurrent(String secretId, String stage, String moveTo, String removeFrom) {
        if (!CURRENT.equals(stage) || moveTo == null) {
            throw new SecretsError(SecretsError.INVALID_PARAMETER,
                    "Local mode's Secrets Manager moves only the AWSCURRENT label to a version");
        }
        return transact(secrets -> {
            StoredSecret secret = live(secrets, secretId);
            if (moveTo.equals(secret.versionId())) {
                return secret;
            }
            StoredSecret version = staged.getOrDefault(secret.name(), Map.of()).get(moveTo);
            if (version == null) {
                throw new SecretsError(SecretsError.NOT_FOUND, "Secrets Manager can't find the specified version.");
            }
            if (!secret.versionId().equals(removeFrom)) {
                throw new SecretsError(SecretsError.INVALID_PARAMETER, "When you move staging label AWSCURRENT,"
                        + " RemoveFromVersionId must be set to the version that currently has it.");
            }
            staged.get(secret.name()).remove(moveTo);
            secrets.put(secret.name(), version);
            return version;
        });
    }

    /** The current value of a secret; {@code versionId} and {@code versionStage} may be null. */
    StoredSecret value(String secretId, String versionId, String versionStage) {
        return transact(secrets -> {
            StoredSecret secret = live(secrets, secretId);
            if (versionId != null && !versionId.equals(secret.versionId())) {
                throw new SecretsError(SecretsError.NOT_FOUND,
                        "Secrets Manager can't find the specified secret value for VersionId: " + versionId);
            }
            String stage = versionStage == null ? CURRENT : versionStage;
            if (!secret.hasValue() || !CURRENT.equals(stage)) {
                throw new SecretsError(SecretsError.NOT_FOUND,
                        "Secrets Manager can't find the specified secret value for staging label: " + stage);
            }
            return secret;
        });
    }

    StoredSecret describe(String secretId) {
        return transact(secrets -> find(secrets, secretId));
    }

    Deletion delete(String secretId, boolean force, Long recoveryWindowDays) {
        if (force && recoveryWindowDays != null) {
            throw SecretsError.invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with"
                    + " RecoveryWindowInDays.");
        }
        long days = recoveryWindowDays == null ? DEFAULT_RECOVERY_DAYS : recoveryWindowDays;
        if (days < 7 || days > 30) {
            throw SecretsError.invalidParameter("The RecoveryWindowInDays value must be between 7 and 30 days"
                    + " (inclusive).");
        }
        return transact(secrets -> {
            StoredSecret secret = find(secrets, secretId);
            Instant now = clock.instant();
            if (force) {
                secrets.remove(secret.name());
                return new Deletion(secret, now);
            }
            if (secret.scheduledForDeletion()) {
                throw new SecretsError(SecretsError.INVALID_REQUEST, "You can't perform this operation on the"
                        + " secret because it was already scheduled for deletion.");
            }
            Instant date = now.plus(Duration.ofDays(days));
            secrets.put(secret.name(), secret.withDeletionDate(date));
            return new Deletion(secret, date);
        });
    }

    /** Creates the secret {@code name} with {@code string}, or gives it that new value if it exists. */
    StoredSecret upsert(String name, String description, String string) {
        checkName(name);
        checkOneValue(string, null, true);
        return transact(secrets -> {
            StoredSecret existing = secrets.get(name);
            StoredSecret secret = existing == null
                    ? newSecret(name, description, string, null, null, Map.of())
                    : live(secrets, name).withValue(string, null, versionId(null), clock.instant());
            secrets.put(name, secret);
            return secret;
        });
    }

    private <T> T transact(Function<Map<String, StoredSecret>, T> change) {
        return storage.transact(secrets -> {
            // a deletion whose recovery window has passed is final
            Instant now = clock.instant();
            secrets.values().removeIf(s -> s.scheduledForDeletion() && !now.isBefore(s.deletionDate()));
            return change.apply(secrets);
        });
    }

    private StoredSecret newSecret(String name, String description, String string, String binary, String token,
                                   Map<String, String> tags) {
        Instant now = clock.instant();
        boolean valued = string != null || binary != null;
        return new StoredSecret(name, arn(name), description, string, binary, valued ? versionId(token) : null,
                now, now, null, tags);
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw SecretsError.invalidParameter("Invalid name. Must be a valid name containing alphanumeric"
                    + " characters, or any of the following: -/_+=.@!");
        }
    }

    private static StoredSecret find(Map<String, StoredSecret> secrets, String secretId) {
        if (secretId == null || secretId.isEmpty()) {
            throw SecretsError.invalidParameter("You must provide a SecretId.");
        }
        StoredSecret byName = secrets.get(secretId);
        if (byName != null) {
            return byName;
        }
        Optional<StoredSecret> byArn = secrets.values().stream().filter(s -> s.arn().equals(secretId)).findFirst();
        return byArn.orElseThrow(SecretsError::notFound);
    }

    private static StoredSecret live(Map<String, StoredSecret> secrets, String secretId) {
        StoredSecret secret = find(secrets, secretId);
        if (secret.scheduledForDeletion()) {
            throw new SecretsError(SecretsError.INVALID_REQUEST, "You can't perform this operation on the secret"
                    + " because it was marked for deletion.");
        }
        return secret;
    }

    private static void checkOneValue(String string, String binary, boolean required) {
        if (string != null && binary != null) {
            throw SecretsError.invalidParameter("You can't specify both a binary secret value and a string secret"
                    + " value in the same secret.");
        }
        if (required && string == null && binary == null) {
            throw SecretsError.invalidParameter("You must provide either SecretString or SecretBinary.");
        }
    }

    private static boolean sameValue(StoredSecret secret, String string, String binary) {
        return Objects.equals(secret.secretString(), string) && Objects.equals(secret.secretBinary(), binary);
    }

    private static String versionId(String token) {
        return token != null && !token.isEmpty() ? token : UUID.randomUUID().toString();
    }

    /** As Secrets Manager makes them: the name and a dash with six random characters. */
    private static String arn(String name) {
        StringBuilder suffix = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            suffix.append(ARN_SUFFIX_CHARS.charAt(ThreadLocalRandom.current().nextInt(ARN_SUFFIX_CHARS.length())));
        }
        return "arn:aws:secretsmanager:" + LocalAws.REGION.id() + ":" + LocalAws.ACCOUNT + ":secret:" + name + "-"
                + suffix;
    }
}
