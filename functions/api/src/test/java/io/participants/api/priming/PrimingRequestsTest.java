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

    @TestFactory
    Stream<DynamicTest> everyRouteWithABodySendsOneItsValidationAccepts() {
        return FunctionCatalog.FUNCTIONS.stream().map(function -> dynamicTest(function.name(), () -> {
            String body = PrimingRequests.of(function, "tenant_id").getBody();

            if (function.method().equals("GET") || function.method().equals("DELETE")) {
                assertThat(body).isNull();
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

    @Test
    void connectNamesTheTelegramConfigAndTheCallbacksTheirProvidersConfigs() {
        var connect = PrimingRequests.of(FunctionCatalog.named("connect-integration-config").orElseThrow(), "tenant_id");
        var slack = PrimingRequests.of(FunctionCatalog.named("slack-oauth-callback").orElseThrow(), "tenant_id");
        var microsoft = PrimingRequests.of(FunctionCatalog.named("microsoft-oauth-callback").orElseThrow(), "tenant_id");

        assertThat(connect.getRawPath()).contains("/integrations/configs/" + PrimingRequests.TELEGRAM_CONFIG + ":connect");
        assertThat(connect.getBody()).contains("\"botToken\"");
        var states = new io.participants.domain.connection.SignedStates(
                () -> PrimingRequests.STATE_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(states.decode(slack.getQueryStringParameters().get("state")).orElseThrow().integrationConfigId())
                .hasToString(PrimingRequests.CONFIG);
        assertThat(states.decode(microsoft.getQueryStringParameters().get("state")).orElseThrow().integrationConfigId())
                .hasToString(PrimingRequests.MICROSOFT_CONFIG);
    }
}
