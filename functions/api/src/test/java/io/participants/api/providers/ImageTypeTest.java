package io.participants.api.providers;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ImageTypeTest {

    @Test
    void recognisesEachAcceptedFormatByItsSignature() {
        assertThat(ImageType.sniff(Images.PNG)).contains(ImageType.PNG);
        assertThat(ImageType.sniff(Images.JPEG)).contains(ImageType.JPEG);
        assertThat(ImageType.sniff(Images.GIF)).contains(ImageType.GIF);
        assertThat(ImageType.sniff(Images.WEBP)).contains(ImageType.WEBP);
        assertThat(ImageType.WEBP.mediaType()).isEqualTo("image/webp");
    }

    @Test
    void refusesOtherBodies() {
        assertThat(ImageType.sniff("<html><body>hi</body></html>".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageType.sniff(new byte[0])).isEmpty();
        assertThat(ImageType.sniff(new byte[]{(byte) 0x89, 'P', 'N'})).isEmpty();
        // A RIFF container that is not WebP (a WAV file).
        assertThat(ImageType.sniff("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }
}
