package io.participants.api.logging;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.Context;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.lang.reflect.Proxy;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLogContextTest {

    @Test
    void aRequestCarriesItsIdsFunctionAndTenantUntilItEnds() {
        RequestLogContext.open(event("acme"), lambda("lambda-request-1"), "get-participant", "tenant_id");
        try {
            assertThat(MDC.getCopyOfContextMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "requestId", "lambda-request-1",
                    "apiRequestId", "api-request-1",
                    "function", "get-participant",
                    "tenant", "acme"));
        } finally {
            RequestLogContext.clear();
        }
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void aClaimThatIsNoTenantIdIsLeftOutRatherThanLogged() {
        RequestLogContext.open(event("acme\",\"level\":\"ERROR"), null, null, "tenant_id");
        try {
            assertThat(MDC.get("tenant")).isNull();
            assertThat(MDC.get("apiRequestId")).isEqualTo("api-request-1");
        } finally {
            RequestLogContext.clear();
        }
    }

    @Test
    void anAnonymousRequestHasNoTenant() {
        APIGatewayV2HTTPEvent event = event("acme");
        event.getRequestContext().setAuthorizer(null);
        RequestLogContext.open(event, null, "slack-oauth-callback", "tenant_id");
        try {
            assertThat(MDC.get("tenant")).isNull();
            assertThat(MDC.get("function")).isEqualTo("slack-oauth-callback");
        } finally {
            RequestLogContext.clear();
        }
    }

    @Test
    void whatAnEarlierRequestLeftBehindIsCleared() {
        MDC.put("tenant", "earlier");
        RequestLogContext.open(null, null, null, "tenant_id");
        try {
            assertThat(MDC.get("tenant")).isNull();
        } finally {
            RequestLogContext.clear();
        }
    }

    /** A Lambda context that knows its request id only. */
    private static Context lambda(String requestId) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> method.getName().equals("getAwsRequestId") ? requestId : null);
    }

    private static APIGatewayV2HTTPEvent event(String tenant) {
        return APIGatewayV2HTTPEvent.builder()
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("api-request-1")
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(Map.of("tenant_id", tenant, "scope", "participants:read"))
                                        .build())
                                .build())
                        .build())
                .build();
    }
}
