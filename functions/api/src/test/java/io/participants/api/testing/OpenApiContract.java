package io.participants.api.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

/** Checks every response the tests see against the OpenAPI document generated at build time. */
final class OpenApiContract {

    private OpenApiContract() {
    }

    static void verify(APIGatewayV2HTTPEvent request, ApiResponse response) {
        // Filled in by the contract check (see the OpenAPI issue work); until then every response passes.
    }
}
