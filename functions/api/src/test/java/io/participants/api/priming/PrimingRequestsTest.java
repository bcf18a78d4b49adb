package io.participants.api.priming;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.participants.api.FunctionCatalog;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

class PrimingRequestsTest {

    @TestFactory
    Stream<DynamicTest> eachRequestIsRoutedToItsOwnFunctionAsTheGatewayWouldRouteIt() {
        return FunctionCatalog.FUNCTIONS.stream().map(function -> dynamicTest(function.name(), () -> {
            APIGatewayV2HTTPEvent event = PrimingRequests.of(function, "tenant_id");

            assertThat(FunctionCatalog.route(function.method(), event.getRawPath())).contains(function);
            assertThat(event.getRouteKey()).isEqualTo(function.routeKey());
            assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo(function.method());
        }));
    }

    @TestFactory
    Stream<DynamicTest> authorizedRoutesCarryThePrimingTenantAndTheRouteScopeOnly() {
        return FunctionCatalog.FUNCTIONS.stream().map(function -> dynamicTest(function.name(), () -> {
            APIGatewayV2HTTPEvent event = PrimingRequests.of(function, "org_id");
            var authorizer = event.getRequestContext().getAuthorizer();

            if (function.authorized()) {
                assertThat(authorizer.getJwt().getClaims())
                        .containsEntry("org_id", PrimingRequests.TENANT)
                        .containsEntry("scope", function.scope())
                        .hasSize(2);
            } else {
                assertThat(authorizer).isNull();
            }
        }));
    }

    /** The connect route, whose provider call (Telegram's getMe for a bot token) the canned layer does not answer yet. */
    private static final java.util.Set<String> NOT_YET_CANNED = java.util.Set.of("connect-integration-config");

    @TestFactory
    Stream<DynamicTest> everyRouteWithABodySendsOneItsValidationAccepts() {
        return FunctionCatalog.FUNCTIONS.stream().map(function -> dynamicTest(function.name(), () -> {
            String body = PrimingRequests.of(function, "tenant_id").getBody();

            if (function.method().equals("GET") || function.method().equals("DELETE")) {
                assertThat(body).isNull();
            } else if (NOT_YET_CANNED.contains(function.name())) {
                assertThat(body).isEqualTo(PrimingRequests.REFUSED_BODY);
            } else {
                assertThat(body).isNotEqualTo(PrimingRequests.REFUSED_BODY);
            }
        }));
    }

    @Test
    void routesNameTheCannedItems() {
        FunctionCatalog.Function get = FunctionCatalog.named("get-participant").orElseThrow();
        FunctionCatalog.Function conversation = FunctionCatalog.named("get-conversation").orElseThrow();

        assertThat(PrimingRequests.of(get, "tenant_id").getRawPath())
                .isEqualTo("/v1/tenants/" + PrimingRequests.TENANT + "/participants/" + PrimingRequests.PARTICIPANT);
        assertThat(PrimingRequests.of(conversation, "tenant_id").getRawPath())
                .isEqualTo("/workspaces/" + PrimingRequests.TENANT + "/conversations/" + PrimingRequests.CONVERSATION);
    }
}
