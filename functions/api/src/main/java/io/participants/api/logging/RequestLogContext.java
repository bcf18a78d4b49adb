package io.participants.api.logging;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.participants.domain.common.TenantId;
import org.slf4j.MDC;

import java.util.Map;

/**
 * What every log line of a request carries: the Lambda request id, API Gateway's request id, the function and the
 * tenant of the verified claims. Nothing else from the request is put there: no header, no token, no body.
 */
public final class RequestLogContext {

    static final String REQUEST_ID = "requestId";
    static final String API_REQUEST_ID = "apiRequestId";
    static final String FUNCTION = "function";
    static final String TENANT = "tenant";

    private RequestLogContext() {
    }

    /** Sets the request's fields for this thread until {@link #clear()}. */
    public static void open(APIGatewayV2HTTPEvent event, Context context, String function,
                                         String tenantClaim) {
        MDC.clear();
        put(REQUEST_ID, context == null ? null : context.getAwsRequestId());
        put(FUNCTION, function);
        if (event != null && event.getRequestContext() != null) {
            var request = event.getRequestContext();
            put(API_REQUEST_ID, request.getRequestId());
            if (request.getAuthorizer() != null && request.getAuthorizer().getJwt() != null) {
                Map<String, String> claims = request.getAuthorizer().getJwt().getClaims();
                String tenant = claims == null ? null : claims.get(tenantClaim);
                // only a well-formed tenant id: a claim is the caller's text and must not forge log fields
                put(TENANT, TenantId.isValid(tenant) ? tenant : null);
            }
        }
    }

    private static void put(String key, String value) {
        if (value != null && !value.isBlank()) {
            MDC.put(key, value);
        }
    }

    /** Ends the request: the next one on this thread starts with nothing of it. */
    public static void clear() {
        MDC.clear();
    }
}
