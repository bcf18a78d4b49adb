package io.participants.api.providers;

import java.util.Arrays;

/** Test bodies: the smallest byte sequences that carry each accepted format's signature, padded to a size. */
public final class Images {

    public static final byte[] PNG = pad(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13,
            'I', 'H', 'D', 'R'}, 64);
    public static final byte[] JPEG = pad(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16,
            'J', 'F', 'I', 'F', 0}, 64);
    public static final byte[] GIF = pad(new byte[]{'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0}, 64);
    public static final byte[] WEBP = pad(new byte[]{'R', 'I', 'F', 'F', 56, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8',
            ' '}, 64);

    private Images() {
    }

    /** A png of {@code size} bytes. */
    public static byte[] pngOfSize(int size) {
        return pad(PNG, size);
    }

    private static byte[] pad(byte[] head, int size) {
        return Arrays.copyOf(head, Math.max(size, head.length));
    }
}
