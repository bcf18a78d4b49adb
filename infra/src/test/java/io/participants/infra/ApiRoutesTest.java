package io.participants.infra;

import io.participants.api.FunctionCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** One API Gateway route per route key of the catalog, with its deployable's alias, authorizer and scopes. */
class ApiRoutesTest {

    private final Synth synth = Synth.get();

    @Test
    void oneRoutePerDistinctRouteKey() {
        List<String> routeKeys = FunctionCatalog.FUNCTIONS.stream().map(FunctionCatalog.Function::routeKey)
                .distinct().toList();
        assertThat(routes().keySet()).containsExactlyInAnyOrderElementsOf(routeKeys);
        assertThat(synth.resources("AWS::ApiGatewayV2::Route")).hasSize(routeKeys.size());
        assertThat(routeKeys).contains("POST /v1/tenants/{tenantId}/participants/{participantId}",
                "POST /v1/tenants/{tenantId}/integrations/configs/{integrationConfigId}",
                "GET /v1/oauth/slack/callback");
    }

    @Test
    void everyRouteButTheOAuthCallbackRequiresAJwtWithItsFunctionsScope() {
        String authorizer = synth.onlyLogicalId("AWS::ApiGatewayV2::Authorizer");
        Map<String, List<FunctionCatalog.Function>> byRoute = FunctionCatalog.FUNCTIONS.stream()
                .collect(Collectors.groupingBy(FunctionCatalog.Function::routeKey));
        routes().forEach((routeKey, route) -> {
            List<String> scopes = byRoute.get(routeKey).stream().map(FunctionCatalog.Function::scope)
                    .filter(Objects::nonNull).distinct().toList();
            // the OAuth callbacks (a signed state) and the inbound webhook (a key and the provider's signature)
            if (routeKey.equals("GET /v1/oauth/slack/callback")
                    || routeKey.equals("GET /v1/oauth/microsoft/callback")
                    || routeKey.equals("POST /v1/webhooks/{tenantId}")) {
                assertThat(route).containsEntry("AuthorizationType", "NONE")
                        .doesNotContainKeys("AuthorizerId", "AuthorizationScopes");
            } else {
                assertThat(route).as(routeKey).containsEntry("AuthorizationType", "JWT")
                        .containsEntry("AuthorizerId", Map.of("Ref", authorizer))
                        .containsEntry("AuthorizationScopes", scopes);
                assertThat(scopes).as(routeKey).hasSize(1);
            }
        });
        assertThat(routes().get("POST /v1/tenants/{tenantId}/participants/{participantId}"))
                .containsEntry("AuthorizationScopes", List.of("participants:write"));
        assertThat(routes().get("GET /workspaces/{workspaceId}/conversations"))
                .containsEntry("AuthorizationScopes", List.of("conversations:read"));
    }

    @Test
    void everyRouteInvokesTheLiveAliasOfItsDeployable() {
        Map<String, String> deployableOf = FunctionCatalog.FUNCTIONS.stream().collect(Collectors.toMap(
                FunctionCatalog.Function::routeKey, FunctionCatalog.Function::deployable, (a, b) -> a));
        routes().forEach((routeKey, route) -> {
            String target = Synth.text(route.get("Target"));
            assertThat(target).startsWith("integrations/${");
            String integrationId = target.substring("integrations/${".length(), target.length() - 1);
            Map<String, Object> integration = Synth.props(synth.resource(integrationId));
            assertThat(integration).as(routeKey).containsEntry("IntegrationType", "AWS_PROXY")
                    .containsEntry("PayloadFormatVersion", "2.0")
                    .containsEntry("IntegrationUri",
                            Map.of("Ref", Functions.logicalId(deployableOf.get(routeKey)) + "Alias"));
        });
        assertThat(deployableOf.get("POST /v1/tenants/{tenantId}/participants/{participantId}"))
                .isEqualTo("participant-state");
        assertThat(deployableOf.get("POST /v1/tenants/{tenantId}/integrations/configs/{integrationConfigId}"))
                .isEqualTo("integration-config-connection");
    }

    @Test
    void apiGatewayMayInvokeOnlyTheAliases() {
        Map<String, Map<String, Object>> permissions = new java.util.TreeMap<>(
                synth.resources("AWS::Lambda::Permission"));
        // the one permission that is not API Gateway's: auto-sync's schedule may invoke the sweep (AvatarRefresh)
        permissions.values().removeIf(permission -> {
            Map<String, Object> props = Synth.props(permission);
            return "events.amazonaws.com".equals(props.get("Principal"))
                    && Synth.text(props.get("FunctionName")).equals("${" + AvatarRefresh.SWEEP_ID + ".Arn}")
                    && Synth.text(props.get("SourceArn")).startsWith("${AvatarRefreshSchedule");
        });
        assertThat(permissions).hasSize(synth.resources("AWS::Lambda::Permission").size() - 1);
        permissions.forEach((id, permission) -> {
            Map<String, Object> props = Synth.props(permission);
            assertThat(props).containsEntry("Principal", "apigateway.amazonaws.com")
                    .containsEntry("Action", "lambda:InvokeFunction");
            assertThat(Synth.text(props.get("FunctionName"))).endsWith("FunctionAlias}");
            assertThat(Synth.text(props.get("SourceArn")))
                    .contains("${" + synth.onlyLogicalId("AWS::ApiGatewayV2::Api") + "}/*/*/");
        });
        assertThat(permissions).hasSize(FunctionCatalog.deployables().size());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> routes() {
        return synth.resources("AWS::ApiGatewayV2::Route").values().stream().map(Synth::props)
                .collect(Collectors.toMap(r -> (String) r.get("RouteKey"), r -> r));
    }
}
