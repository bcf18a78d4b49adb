package io.participants.domain.participant;

/** The {@code avatarAutoSync} of a create or a PATCH as the caller sends it, before validation. */
public record AvatarAutoSyncInput(Boolean enabled, String integrationConfigId, String address) {
}
