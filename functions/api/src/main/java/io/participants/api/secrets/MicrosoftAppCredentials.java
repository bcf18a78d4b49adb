package io.participants.api.secrets;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Microsoft Entra ID app registration's client id and secret, and the directory (tenant) its users sign in to:
 * a tenant id or domain, or {@code organizations} for any work or school account. {@link #toString()} hides the
 * secret.
 */
public record MicrosoftAppCredentials(String clientId, String clientSecret, String directoryTenant) {

    /** Any work or school account's directory: the default when the app names none. */
    public static final String ORGANIZATIONS = "organizations";

    /** A tenant id (GUID), a domain, or one of the identity platform's own names: one URL path segment. */
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,253}");

    public MicrosoftAppCredentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        directoryTenant = directoryTenant == null || directoryTenant.isBlank() ? ORGANIZATIONS : directoryTenant;
        if (!isDirectoryTenant(directoryTenant)) {
            throw new IllegalArgumentException("the directory tenant must be a tenant id, a domain or organizations");
        }
    }

    public static boolean isDirectoryTenant(String value) {
        return value != null && TENANT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return "MicrosoftAppCredentials[clientId=" + clientId + ", clientSecret=***, directoryTenant="
                + directoryTenant + "]";
    }
}
