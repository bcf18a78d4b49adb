package io.participants.api.activations;

import io.participants.domain.activation.WebhookUrls;

/** Where this deployment's inbound webhook route is published, for the URLs activations show and Twilio signs. */
public record WebhookAddress(WebhookUrls urls) {
}
