package io.participants.api.s3;

import io.participants.domain.avatar.AvatarImage;
import io.participants.domain.avatar.AvatarStore;
import io.participants.domain.common.TenantId;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Avatar images in one S3 bucket, under {@code avatars/{tenant}/{fileId}}, read through presigned GET links.
 * Uploads carry the tag {@code avatar-state=pending} until {@link #commit} removes it, just before a participant is
 * written to point to them; the bucket's lifecycle rule expires pending objects after a day, so an upload that was
 * never committed (and whose cleanup failed) does not stay. A store built without tagging (for an S3-compatible server
 * that has none, such as local mode's s3proxy) uploads untagged, and its commit only checks that the file exists.
 * Objects are encrypted by the bucket's default encryption: an upload names none, so a bucket set to SSE-KMS keeps it.
 */
public final class S3AvatarStore implements AvatarStore {

    /** The longest a link may live; longer requests are shortened to this. */
    public static final Duration MAX_LINK_VALIDITY = Duration.ofMinutes(15);

    /** The tag, and its value, of an upload no participant points to yet; the lifecycle rule matches it. */
    public static final String STATE_TAG = "avatar-state";
    public static final String PENDING = "pending";

    // a link lets the browser keep the image for a while, but no shared cache may hold a tenant's file
    static final String CACHE_CONTROL = "private, max-age=300";

    // only what put() hands out: a UUID, so a file id can never add a path segment and leave its tenant's prefix
    private static final Pattern FILE_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final boolean tagging;

    /** A store that tags uploads pending, as S3 itself allows. */
    public S3AvatarStore(S3Client s3, S3Presigner presigner, String bucket) {
        this(s3, presigner, bucket, true);
    }

    /** @param tagging whether the store tags uploads pending; false for an S3-compatible server without tagging */
    public S3AvatarStore(S3Client s3, S3Presigner presigner, String bucket, boolean tagging) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("bucket is required");
        }
        this.bucket = bucket;
        this.tagging = tagging;
    }

    @Override
    public String put(TenantId tenant, AvatarImage image) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(image, "image");
        String fileId = UUID.randomUUID().toString();
        byte[] bytes = image.bytes();
        s3.putObject(PutObjectRequest.builder()
                        .bucket(bucket)
                        .key(key(tenant, fileId))
                        .contentType(image.contentType())
                        .contentLength((long) bytes.length)
                        .cacheControl(CACHE_CONTROL)
                        .tagging(tagging ? STATE_TAG + "=" + PENDING : null)
                        .checksumCRC32(crc32(bytes))
                        .build(),
                RequestBody.fromBytes(bytes));
        return fileId;
    }

    /**
     * The image's CRC32 as S3 reads it from {@code x-amz-checksum-crc32}. Given in a header, it lets the body go out as
     * the image alone: left to the SDK, the checksum trails the body in aws-chunked framing, and a server that answers
     * once it has the image (s3proxy) closes the connection under the trailer, failing the upload when the client
     * is slow to write it. S3 checks the header as it checks the trailer.
     */
    static String crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        byte[] bigEndian = ByteBuffer.allocate(Integer.BYTES).putInt((int) crc.getValue()).array();
        return Base64.getEncoder().encodeToString(bigEndian);
    }

    @Override
    public boolean commit(TenantId tenant, String fileId) {
        String key = key(tenant, fileId);
        if (!tagging) {
            // nothing expires by tag on such a store, so the file is kept as long as it exists
            return exists(key);
        }
        try {
            s3.deleteObjectTagging(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void delete(TenantId tenant, String fileId) {
        String key = key(tenant, fileId);
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    @Override
    public URI link(TenantId tenant, String fileId, Duration validity) {
        Objects.requireNonNull(validity, "validity");
        if (validity.isZero() || validity.isNegative()) {
            throw new IllegalArgumentException("link validity must be positive");
        }
        String key = key(tenant, fileId);
        Duration duration = validity.compareTo(MAX_LINK_VALIDITY) > 0 ? MAX_LINK_VALIDITY : validity;
        GetObjectPresignRequest request = GetObjectPresignRequest.builder()
                .signatureDuration(duration)
                .getObjectRequest(b -> b.bucket(bucket).key(key))
                .build();
        try {
            return presigner.presignGetObject(request).url().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("presigner returned an invalid URL", e);
        }
    }

    private static String key(TenantId tenant, String fileId) {
        Objects.requireNonNull(tenant, "tenant");
        if (fileId == null || !FILE_ID.matcher(fileId).matches()) {
            throw new IllegalArgumentException("invalid file id");
        }
        // put() writes lower case; accept a caller's upper-case copy of the same id
        return "avatars/" + tenant.value() + "/" + fileId.toLowerCase(Locale.ROOT);
    }
}
