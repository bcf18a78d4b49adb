package io.participants.api.config;

import io.micronaut.context.ApplicationContext;
import io.participants.api.microsoft.MicrosoftConfig;
import io.participants.api.slack.SlackApiConfig;
import io.participants.api.telegram.TelegramApiConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The providers' public endpoints when nothing overrides them, as deployed (the stack sets none of the
 * {@code participants.*.base} properties). A placeholder default holding a URL ({@code ${x:https://...}}) is cut at
 * its second colon by Micronaut, leaving {@code //host}, a URI without a scheme that the JDK's HTTP client refuses.
 */
class ProviderBasesDefaultsTest {

    @Test
    void withNoPropertiesEveryProviderIsReachedAtItsPublicHttpsEndpoint() {
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("participants.oauth.redirect-uri", "https://api.example.com/v1/oauth/slack/callback"))
                .build().start()) {

            assertThat(context.getBean(MicrosoftConfig.class).loginBase()).hasToString("https://login.microsoftonline.com");
            assertThat(context.getBean(MicrosoftConfig.class).graphBase()).hasToString("https://graph.microsoft.com/v1.0");
            assertThat(context.getBean(SlackApiConfig.class).apiBase()).hasToString("https://slack.com/api");
            assertThat(context.getBean(TelegramApiConfig.class).apiBase()).hasToString("https://api.telegram.org");
        }
    }

    @Test
    void aPropertyNamesAStandIn() {
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("participants.microsoft.login-base", "http://127.0.0.1:9003",
                        "participants.slack.api-base", "http://127.0.0.1:9001/api"))
                .build().start()) {
            assertThat(context.getBean(MicrosoftConfig.class).loginBase()).hasToString("http://127.0.0.1:9003");
            assertThat(context.getBean(SlackApiConfig.class).apiBase()).hasToString("http://127.0.0.1:9001/api");
        }
    }
}
