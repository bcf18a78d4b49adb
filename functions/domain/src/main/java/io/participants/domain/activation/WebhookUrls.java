package io.participants.domain.activation;

import io.participants.domain.common.TenantId;

/**
 * Where the inbound route is published: {@code {base}{tenantId}?key={webhookKey}}, base ending in a slash (such as
 * {@code https://api.example.com/v1/webhooks/}). The tenant in the path keeps every read in its tenant's partition;
 * the key is in the query, which API Gateway's access log ({@code $context.path}) and problem details leave out.
 */
public record WebhookUrls(String base) {

    public static final String KEY_PLACEHOLDER = "{webhookKey}";

    public WebhookUrls {
        base = base.endsWith("/") ? base : base + "/";
    }

    public String template(TenantId tenant) {
        return base + tenant.value() + "?key=" + KEY_PLACEHOLDER;
    }

    public String url(TenantId tenant, WebhookKey key) {
        return url(tenant, key.value());
    }

    /** The URL of the full key {@code key}. */
    public String url(TenantId tenant, String key) {
        return base + tenant.value() + "?key=" + key;
    }
}
