package io.participants.domain.access;

/** The OAuth scopes the service checks; API Gateway routes require the same ones. */
public final class Scope {

    public static final String PARTICIPANTS_READ = "participants:read";
    public static final String PARTICIPANTS_WRITE = "participants:write";
    public static final String INTEGRATIONS_ADMIN = "integrations:admin";
    public static final String CONVERSATIONS_READ = "conversations:read";
    public static final String CONVERSATIONS_WRITE = "conversations:write";

    private Scope() {
    }
}
