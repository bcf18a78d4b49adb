package io.participants.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.servlet.http.ServletHttpRequest;
import io.participants.domain.access.Caller;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds a controller's {@link Caller} argument from the claims that API Gateway's JWT authorizer verified and put
 * in {@code requestContext.authorizer.jwt}. The function trusts them because only the gateway (or local mode,
 * which verifies tokens the same way) can invoke it. No claims makes an anonymous caller.
 */
@Singleton
public final class CallerBinder implements TypedRequestArgumentBinder<Caller> {

    private static final Argument<Caller> TYPE = Argument.of(Caller.class);

    /** The claim that names the caller's tenant. */
    public static final String TENANT_CLAIM_PROPERTY = "participants.tenant-claim";
    public static final String DEFAULT_TENANT_CLAIM = "tenant_id";

    private final String tenantClaim;

    public CallerBinder(@Value("${" + TENANT_CLAIM_PROPERTY + ":" + DEFAULT_TENANT_CLAIM + "}") String tenantClaim) {
        this.tenantClaim = tenantClaim;
    }

    @Override
    public Argument<Caller> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        Caller caller = Caller.ANONYMOUS;
        if (source instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event) {
            caller = fromEvent(event);
        }
        Caller bound = caller;
        return () -> Optional.of(bound);
    }

    Caller fromEvent(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null) {
            return Caller.ANONYMOUS;
        }
        var jwt = context.getAuthorizer().getJwt();
        Map<String, String> claims = jwt.getClaims() == null ? Map.of() : jwt.getClaims();
        String tenant = claims.get(tenantClaim);
        if (tenant == null || tenant.isBlank()) {
            return Caller.ANONYMOUS;
        }
        return new Caller(tenant, scopes(jwt.getScopes(), claims));
    }

    /** The gateway lists scopes itself; otherwise the space-separated {@code scope} claim (or Azure's {@code scp}). */
    private static Set<String> scopes(List<String> listed, Map<String, String> claims) {
        Set<String> scopes = new LinkedHashSet<>();
        if (listed != null && !listed.isEmpty()) {
            scopes.addAll(listed);
            return scopes;
        }
        for (String claim : new String[] {claims.get("scope"), claims.get("scp")}) {
            if (claim != null) {
                // API Gateway renders array claims as "[a b]".
                String plain = claim.startsWith("[") && claim.endsWith("]") ? claim.substring(1, claim.length() - 1) : claim;
                Arrays.stream(plain.split("[\\s,]+")).filter(s -> !s.isEmpty()).forEach(scopes::add);
            }
        }
        return scopes;
    }
}
