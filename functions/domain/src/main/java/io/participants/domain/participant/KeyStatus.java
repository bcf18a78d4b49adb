package io.participants.domain.participant;

/** The state of the provider credentials behind a channel; UNSPECIFIED until provider connections exist. */
public enum KeyStatus {
    UNSPECIFIED
}
