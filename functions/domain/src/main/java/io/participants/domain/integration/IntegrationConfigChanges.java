package io.participants.domain.integration;

/**
 * An update of an integration config's settings, as a merge patch reads: a field the update leaves alone is absent.
 *
 * @param gravatar                  null: unchanged
 * @param changesAvatarSyncInterval whether the update names {@code avatarSyncInterval} at all
 * @param avatarSyncInterval        when named: an ISO-8601 duration, or null to go back to the deployment's interval
 * @param messageTextInEvents       null: unchanged
 */
public record IntegrationConfigChanges(Boolean gravatar, boolean changesAvatarSyncInterval,
                                       String avatarSyncInterval, Boolean messageTextInEvents) {

    /** An update of Gravatar, the interval or both. */
    public IntegrationConfigChanges(Boolean gravatar, boolean changesAvatarSyncInterval, String avatarSyncInterval) {
        this(gravatar, changesAvatarSyncInterval, avatarSyncInterval, null);
    }

    /** An update of Gravatar alone. */
    public static IntegrationConfigChanges gravatar(Boolean gravatar) {
        return new IntegrationConfigChanges(gravatar, false, null, null);
    }

    /** An update of whether message text goes into change events, alone. */
    public static IntegrationConfigChanges messageTextInEvents(Boolean messageTextInEvents) {
        return new IntegrationConfigChanges(null, false, null, messageTextInEvents);
    }

    /** Whether the update names anything at all. */
    public boolean namesAny() {
        return gravatar != null || changesAvatarSyncInterval || messageTextInEvents != null;
    }
}
