package io.participants.domain.avatar;

/** Image bytes that passed the download guards, with their verified media type. */
public record AvatarImage(byte[] bytes, String contentType) {
}
