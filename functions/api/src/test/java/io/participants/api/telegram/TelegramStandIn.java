package io.participants.api.telegram;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A WireMock Bot API answering in the shapes of core.telegram.org/bots/api: {@code getMe} (a User),
 * {@code getUserProfilePhotos} (UserProfilePhotos: {@code total_count}, {@code photos} as arrays of PhotoSize,
 * smallest first), {@code getFile} (File: {@code file_id}, {@code file_unique_id}, {@code file_size},
 * {@code file_path}), the file itself under {@code /file/bot<token>/<file_path>}, and errors as
 * {@code {"ok":false,"error_code":N,"description":"…","parameters":{"retry_after":S}}}.
 */
public final class TelegramStandIn {

    /** A token in BotFather's shape; its secret part is what a leak test looks for. */
    public static final String TOKEN = "7212345678:AAHfakeTelegramSecretPart_0123456789xyz";
    public static final String SECRET_PART = "AAHfakeTelegramSecretPart_0123456789xyz";
    public static final String BOT_ID = "7212345678";
    public static final String FILE_PATH = "photos/file_17.jpg";

    private final WireMockServer server;

    public TelegramStandIn(WireMockServer server) {
        this.server = server;
    }

    public static String method(String name) {
        return "/bot" + TOKEN + "/" + name;
    }

    public void getMe() {
        server.stubFor(get(urlPathEqualTo(method("getMe"))).willReturn(okJson("""
                {"ok":true,"result":{"id":%s,"is_bot":true,"first_name":"Acme Support",
                 "username":"acme_support_bot","can_join_groups":true,"can_read_all_group_messages":false,
                 "supports_inline_queries":false}}""".formatted(BOT_ID))));
    }

    /** The user's newest photo in three sizes, largest last, with {@code unique} as the largest's file_unique_id. */
    public void photo(String userId, String unique) {
        photos(userId, okJson("""
                {"ok":true,"result":{"total_count":1,"photos":[[
                  {"file_id":"AgACAgSmall","file_unique_id":"AQADs","file_size":3071,"width":160,"height":160},
                  {"file_id":"AgACAgMedium","file_unique_id":"AQADm","file_size":10562,"width":320,"height":320},
                  {"file_id":"AgACAgLarge","file_unique_id":"%s","file_size":26510,"width":640,"height":640}
                ]]}}""".formatted(unique)));
        server.stubFor(get(urlPathEqualTo(method("getFile"))).withQueryParam("file_id", equalTo("AgACAgLarge"))
                .willReturn(okJson("""
                        {"ok":true,"result":{"file_id":"AgACAgLarge","file_unique_id":"%s","file_size":26510,
                         "file_path":"%s"}}""".formatted(unique, FILE_PATH))));
    }

    public void photos(String userId, ResponseDefinitionBuilder answer) {
        server.stubFor(get(urlPathEqualTo(method("getUserProfilePhotos")))
                .withQueryParam("user_id", equalTo(userId)).withQueryParam("limit", equalTo("1"))
                .willReturn(answer));
    }

    public void noPhoto(String userId) {
        photos(userId, okJson("{\"ok\":true,\"result\":{\"total_count\":0,\"photos\":[]}}"));
    }

    public void file(ResponseDefinitionBuilder answer) {
        server.stubFor(get(urlPathEqualTo("/file/bot" + TOKEN + "/" + FILE_PATH)).willReturn(answer));
    }

    public void file(byte[] bytes) {
        file(aResponse().withStatus(200).withHeader("Content-Type", "image/jpeg").withBody(bytes));
    }

    /** A Bot API error, as Telegram sends it with the same HTTP status. */
    public static ResponseDefinitionBuilder error(int code, String description) {
        return aResponse().withStatus(code).withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":false,\"error_code\":" + code + ",\"description\":\"" + description + "\"}");
    }

    public static ResponseDefinitionBuilder tooManyRequests(Integer retryAfter) {
        return aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after "
                        + retryAfter + "\"" + (retryAfter == null ? "" : ",\"parameters\":{\"retry_after\":"
                        + retryAfter + "}") + "}");
    }
}
