package io.participants.local;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One secret of the local Secrets Manager with its current version only. {@code secretString} and
 * {@code secretBinary} (base64) are both null for a secret created without a value; {@code deletionDate} is set
 * once a deletion is scheduled. {@link #toString()} never shows the value.
 */
record StoredSecret(
        String name,
        String arn,
        String description,
        String secretString,
        String secretBinary,
        String versionId,
        Instant createdDate,
        Instant lastChangedDate,
        Instant deletionDate,
        Map<String, String> tags) {

    StoredSecret {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(createdDate, "createdDate");
        Objects.requireNonNull(lastChangedDate, "lastChangedDate");
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    boolean hasValue() {
        return versionId != null;
    }

    boolean scheduledForDeletion() {
        return deletionDate != null;
    }

    StoredSecret withValue(String newString, String newBinary, String newVersionId, Instant now) {
        return new StoredSecret(name, arn, description, newString, newBinary, newVersionId, createdDate, now,
                deletionDate, tags);
    }

    StoredSecret withDeletionDate(Instant date) {
        return new StoredSecret(name, arn, description, secretString, secretBinary, versionId, createdDate,
                lastChangedDate, date, tags);
    }

    @Override
    public String toString() {
        return "StoredSecret[name=" + name + ", versionId=" + versionId + "]";
    }
}
