package io.participants.domain.access;

import io.participants.domain.common.ForbiddenException;
import io.participants.domain.common.NotFoundException;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.UnauthenticatedException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Admission order: no identity (401), then the scope (403), then the tenant (404, worded as a missing resource). */
class CallerTest {

    private static final String MISSING = "Participant 42 was not found";

    @Test
    void anAnonymousCallerIsUnauthenticatedWhateverElseIsWrong() {
        assertThatThrownBy(() -> Caller.ANONYMOUS.authorize("acme", Scope.PARTICIPANTS_READ, MISSING))
                .isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> Caller.ANONYMOUS.authorize("not a tenant", Scope.INTEGRATIONS_ADMIN, MISSING))
                .isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void aMissingScopeIsForbiddenBeforeTheTenantIsLookedAt() {
        Caller reader = new Caller("acme", Set.of(Scope.PARTICIPANTS_READ));

        assertThatThrownBy(() -> reader.authorize("acme", Scope.PARTICIPANTS_WRITE, MISSING))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining(Scope.PARTICIPANTS_WRITE);
        assertThatThrownBy(() -> reader.authorize("globex", Scope.PARTICIPANTS_WRITE, MISSING))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> reader.authorize("acme", Scope.INTEGRATIONS_ADMIN, MISSING))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void anotherTenantsPathIsAMissingResourceInTheCallersWords() {
        Caller caller = new Caller("acme", Set.of(Scope.PARTICIPANTS_READ));

        assertThatThrownBy(() -> caller.authorize("globex", Scope.PARTICIPANTS_READ, MISSING))
                .isInstanceOf(NotFoundException.class).hasMessage(MISSING);
        assertThatThrownBy(() -> caller.authorize("ACME", Scope.PARTICIPANTS_READ, MISSING))
                .isInstanceOf(NotFoundException.class).hasMessage(MISSING);
    }

    @Test
    void aTenantClaimThatIsNoValidTenantIdAdmitsNowhere() {
        Caller odd = new Caller("bad tenant", Set.of(Scope.PARTICIPANTS_READ));

        assertThatThrownBy(() -> odd.authorize("bad tenant", Scope.PARTICIPANTS_READ, MISSING))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void theRightScopeOnTheOwnTenantAdmits() {
        Caller caller = new Caller("acme", Set.of(Scope.PARTICIPANTS_READ, Scope.PARTICIPANTS_WRITE));

        assertThat(caller.authorize("acme", Scope.PARTICIPANTS_WRITE, MISSING)).isEqualTo(new TenantId("acme"));
    }
}
