package io.participants.api.activations;

import io.participants.domain.activation.WebhookUrls;

import java.net.URI;

/** Where this deployment's inbound webhook route is published, for the URLs activations show and Twilio signs. */
public record WebhookAddress(WebhookUrls urls) {

    private static final String CALLBACK = "/v1/oauth/slack/callback";

    /**
     * The webhooks' base beside the Slack OAuth callback: {@code .../v1/oauth/slack/callback} gives
     * {@code .../v1/webhooks/}; another callback URL gives {@code /v1/webhooks/} on its host.
     */
    public static String besideCallback(URI callback) {
        String path = callback.getPath() == null ? "" : callback.getPath();
        return path.endsWith(CALLBACK) ? callback.resolve("../../webhooks/").toString()
                : callback.resolve("/v1/webhooks/").toString();
    }
}
