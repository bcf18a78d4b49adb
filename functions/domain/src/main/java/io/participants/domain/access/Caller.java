package io.participants.domain.access;

import io.participants.domain.common.ForbiddenException;
import io.participants.domain.common.NotFoundException;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.UnauthenticatedException;

import java.util.Set;

/**
 * Who is calling, as the verified token says: the tenant it belongs to and the scopes it was granted.
 * A caller with no tenant is anonymous.
 */
public record Caller(String tenant, Set<String> scopes) {

    public static final Caller ANONYMOUS = new Caller(null, Set.of());

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    /**
     * Admits the caller to {@code pathTenant} with {@code scope}. Another tenant's path answers as a missing
     * resource, with the same words, so that a caller learns nothing about tenants it does not belong to.
     */
    public TenantId authorize(String pathTenant, String scope, String notFoundMessage) {
        if (tenant == null) {
            throw new UnauthenticatedException("The request carries no verified token claims");
        }
        if (!scopes.contains(scope)) {
            throw new ForbiddenException("The token lacks the scope " + scope);
        }
        if (!tenant.equals(pathTenant) || !TenantId.isValid(pathTenant)) {
            throw new NotFoundException(notFoundMessage);
        }
        return new TenantId(pathTenant);
    }
}
