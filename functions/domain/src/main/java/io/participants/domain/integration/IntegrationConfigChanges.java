package io.participants.domain.integration;

/**
 * An update of an integration config's settings, as a merge patch reads: a field the update leaves alone is absent.
 *
 * @param gravatar                  null: unchanged
 * @param changesAvatarSyncInterval whether the update names {@code avatarSyncInterval} at all
 * @param avatarSyncInterval        when named: an ISO-8601 duration, or null to go back to the deployment's interval
 */
public record IntegrationConfigChanges(Boolean gravatar, boolean changesAvatarSyncInterval,
                                       String avatarSyncInterval) {

    /** An update of Gravatar alone. */
    public static IntegrationConfigChanges gravatar(Boolean gravatar) {
        return new IntegrationConfigChanges(gravatar, false, null);
    }
}
