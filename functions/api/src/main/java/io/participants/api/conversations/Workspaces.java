package io.participants.api.conversations;

import io.participants.domain.access.Caller;
import io.participants.domain.common.Ids;
import io.participants.domain.common.NotFoundException;
import io.participants.domain.common.TenantId;

import java.util.UUID;

/**
 * The workspace is the tenant, named by a UUID; the path's ids are UUIDs, and one that is not cannot name anything,
 * so it is a 404 (this family's page defines no 400).
 */
final class Workspaces {

    private Workspaces() {
    }

    static TenantId authorize(Caller caller, String workspaceId, String scope) {
        String canonical = Ids.parse(workspaceId).map(UUID::toString).orElse(workspaceId);
        TenantId tenant = caller.authorize(canonical, scope, "Workspace " + canonical + " was not found");
        if (Ids.parse(workspaceId).isEmpty()) {
            throw new NotFoundException("Workspace " + workspaceId + " was not found");
        }
        return tenant;
    }

    static UUID id(String what, String value) {
        return Ids.parse(value).orElseThrow(() -> new NotFoundException(what + " " + value + " was not found"));
    }
}
