package io.participants.infra;

import io.participants.api.FunctionCatalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each deployable (Lambda) may do, and nothing more: the one place that maps the functions' code to IAM.
 * Each entry was read off the deployable's controller(s), the domain service they call and the adapters behind it
 * (functions/api: {@code dynamodb/}, {@code s3/}, {@code secrets/}, wired in {@code config/ServiceFactory}).
 * Transactions need no action of their own: DynamoDB authorizes each item of a TransactWriteItems as the PutItem,
 * UpdateItem, DeleteItem or ConditionCheckItem it is.
 *
 * @param tableActions  DynamoDB actions on the table
 * @param queriesIndexes whether a Query reads GSI1 or GSI2: {@code dynamodb:Query} on {@code table/index/*} (a Query
 *                      of the table itself is one of the {@code tableActions})
 * @param avatarActions S3 actions on {@code avatars/*} objects of the avatar bucket
 * @param tokenActions  Secrets Manager actions on the per-tenant provider token secrets
 *                      ({@code {prefix}/tenants/{tenant}/integrations/{configId}/token})
 * @param oauthFlow     whether it runs an OAuth flow: reads the state key secret and gets the callback URL in its
 *                      environment
 * @param appSecrets    the providers' app credential secrets it reads ({@link #SLACK_APP}, {@link #MICROSOFT_APP}):
 *                      the OAuth functions of that provider, and the avatar sync for Microsoft's token refresh
 */
public record Permissions(Set<String> tableActions, boolean queriesIndexes, Set<String> avatarActions,
                          Set<String> tokenActions, boolean oauthFlow, Set<String> appSecrets) {

    // DynamoDB
    public static final String GET = "dynamodb:GetItem";
    public static final String BATCH_GET = "dynamodb:BatchGetItem";
    public static final String QUERY = "dynamodb:Query";
    public static final String PUT = "dynamodb:PutItem";
    public static final String UPDATE = "dynamodb:UpdateItem";
    public static final String DELETE = "dynamodb:DeleteItem";
    public static final String CONDITION_CHECK = "dynamodb:ConditionCheckItem";
    // S3
    public static final String GET_OBJECT = "s3:GetObject";
    public static final String PUT_OBJECT = "s3:PutObject";
    public static final String PUT_OBJECT_TAGGING = "s3:PutObjectTagging";
    public static final String DELETE_OBJECT_TAGGING = "s3:DeleteObjectTagging";
    public static final String DELETE_OBJECT = "s3:DeleteObject";
    // Secrets Manager
    public static final String GET_SECRET = "secretsmanager:GetSecretValue";
    public static final String CREATE_SECRET = "secretsmanager:CreateSecret";
    public static final String TAG_SECRET = "secretsmanager:TagResource";
    public static final String PUT_SECRET = "secretsmanager:PutSecretValue";
    public static final String DELETE_SECRET = "secretsmanager:DeleteSecret";
    /** Moves AWSCURRENT to a refreshed token's version only if it is still on the version read (Microsoft). */
    public static final String UPDATE_SECRET_STAGE = "secretsmanager:UpdateSecretVersionStage";
    // app credential secrets
    public static final String SLACK_APP = "slack";
    public static final String MICROSOFT_APP = "microsoft";

    public Permissions {
        tableActions = sorted(tableActions);
        avatarActions = sorted(avatarActions);
        tokenActions = sorted(tokenActions);
        appSecrets = sorted(appSecrets);
    }

    /** Whether it reads or writes the avatar bucket (and so gets its name in the environment). */
    public boolean usesAvatars() {
        return !avatarActions.isEmpty();
    }

    /** Whether it holds a provider token, and so calls the provider (Slack) while it answers. */
    public boolean callsProvider() {
        return !tokenActions.isEmpty();
    }

    /** Whether it reads any secret (and so gets the secrets prefix in the environment). */
    public boolean usesSecrets() {
        return oauthFlow || !tokenActions.isEmpty() || !appSecrets.isEmpty();
    }

    private static Permissions table(boolean indexes, String... actions) {
        return new Permissions(Set.of(actions), indexes, Set.of(), Set.of(), false, Set.of());
    }

    private Permissions avatars(String... actions) {
        return new Permissions(tableActions, queriesIndexes, Set.of(actions), tokenActions, oauthFlow, appSecrets);
    }

    private Permissions tokens(String... actions) {
        return new Permissions(tableActions, queriesIndexes, avatarActions, Set.of(actions), oauthFlow, appSecrets);
    }

    /** Runs an OAuth flow with the app credentials of {@code apps}. */
    private Permissions oauth(String... apps) {
        return new Permissions(tableActions, queriesIndexes, avatarActions, tokenActions, true, Set.of(apps));
    }

    private Permissions apps(String... apps) {
        return new Permissions(tableActions, queriesIndexes, avatarActions, tokenActions, oauthFlow, Set.of(apps));
    }

    private static final boolean INDEXES = true;
    private static final boolean NO_INDEXES = false;

    /**
     * Per deployable. Returning a participant reads its channels' configs in one BatchGetItem (key status);
     * showing a conversation participant linked to a directory participant queries GSI1, reads that participant and
     * presigns a GET link to its avatar.
     */
    public static final Map<String, Permissions> BY_DEPLOYABLE = byDeployable();

    private static Map<String, Permissions> byDeployable() {
        Map<String, Permissions> p = new LinkedHashMap<>();
        // create: configs of the channels (BatchGetItem), participant + claims + bindings in one transaction with a
        // check of each config; the participant is returned with its health
        // With an Idempotency-Key: the record's claim (PutItem), its answer as one more Put of the transaction, and
        // the record's DeleteItem when the create is refused or fails (the same for the other two creates)
        p.put("create-participant", table(NO_INDEXES, PUT, CONDITION_CHECK, BATCH_GET, DELETE));
        // the tenant's participants (Query of the base table), or an agent's bindings then a batch read
        p.put("list-participants", table(NO_INDEXES, QUERY, BATCH_GET));
        p.put("get-participant", table(NO_INDEXES, GET, BATCH_GET));
        // one BatchGetItem of the config and the claims of the address's spellings, then GetItem of the holder
        p.put("lookup-participant-by-channel", table(NO_INDEXES, GET, BATCH_GET));
        // read-merge-write in a transaction (claims and bindings put and deleted, per-binding key items put and
        // deleted, the keys' prefixes set on kept claims: UpdateItem); clearing the avatar deletes its file
        p.put("update-participant", table(NO_INDEXES, GET, PUT, DELETE, UPDATE, CONDITION_CHECK, BATCH_GET)
                .avatars(DELETE_OBJECT));
        // reads the per-binding keys' prefixes on the claims (BatchGetItem), deletes the participant, its claims,
        // bindings and key items, then its avatar file
        p.put("delete-participant", table(NO_INDEXES, GET, DELETE, BATCH_GET).avatars(DELETE_OBJECT));
        // :disable and :enable: one conditional UpdateItem returning the participant; :rotateWebhooks reads the
        // participant and its claims, then puts the new key items, deletes the old and updates the claims (a pair
        // without a key gets its first one, conditional on its binding item: ConditionCheck)
        p.put(FunctionCatalog.PARTICIPANT_STATE, table(NO_INDEXES, GET, PUT, DELETE, UPDATE, CONDITION_CHECK,
                BATCH_GET));
        // reads the participant; without per-binding channels, a transaction of its UpdateItem and the binding
        // item's Put (bind) or Delete (unbind), 204; with them (Teams), a read-merge-write as PATCH's: the
        // participant's Put, the binding, the key items issued or retired, the claims' UpdateItem (a bind that
        // issued keys answers the participant, read with one BatchGetItem; an unbind reads the claims first)
        p.put("bind-participant", table(NO_INDEXES, GET, UPDATE, PUT, BATCH_GET));
        p.put("unbind-participant", table(NO_INDEXES, GET, UPDATE, PUT, DELETE, BATCH_GET));
        // reads the participant and the config's token; uploads the image tagged pending, writes the participant,
        // commits the upload (removes the tag), deletes the replaced file; a rejected token marks the config.
        // An expired Microsoft token is refreshed with the Microsoft app's credentials (never Slack's) and the new
        // one written beside the old (PutSecretValue) and made current only if the old still is
        // (UpdateSecretVersionStage)
        p.put("sync-participant-avatar", table(NO_INDEXES, GET, PUT, UPDATE, BATCH_GET)
                .avatars(PUT_OBJECT, PUT_OBJECT_TAGGING, DELETE_OBJECT_TAGGING, DELETE_OBJECT)
                .tokens(GET_SECRET, PUT_SECRET, UPDATE_SECRET_STAGE).apps(MICROSOFT_APP));
        // presigns a GET link to the stored file
        p.put("get-participant-avatar", table(NO_INDEXES, GET).avatars(GET_OBJECT));
        // an operator's upload: reads the participant, stores the image tagged pending, commits it (removes the
        // tag), writes the participant, deletes the replaced file; no token, no provider
        p.put("upload-participant-avatar", table(NO_INDEXES, GET, PUT, BATCH_GET)
                .avatars(PUT_OBJECT, PUT_OBJECT_TAGGING, DELETE_OBJECT_TAGGING, DELETE_OBJECT));
        // clears the avatar as a PATCH of avatarFileId "" does: read, conditional write, then the file's delete
        p.put("delete-participant-avatar", table(NO_INDEXES, GET, PUT, BATCH_GET).avatars(DELETE_OBJECT));

        p.put("create-integration-config", table(NO_INDEXES, PUT, DELETE));
        p.put("list-integration-configs", table(NO_INDEXES, QUERY));
        p.put("get-integration-config", table(NO_INDEXES, GET));
        // reads the config (its provider, whether Gravatar is on already), then one conditional UpdateItem
        p.put("update-integration-config", table(NO_INDEXES, GET, UPDATE));
        // a delete lease (UpdateItem), a Query for claims that still use it, then DeleteItem (or lease removal)
        p.put("delete-integration-config", table(NO_INDEXES, UPDATE, QUERY, DELETE));
        // :authorize reads the config and opens the state item; :connect stores a bot token the provider accepted
        // (CreateSecret with tags, else PutSecretValue) and sets the connection; :disconnect reads the token,
        // revokes and deletes it, and clears the config's connection
        // :generateWebhookUrl and :rotateWebhook read the config and its webhook (BatchGetItem), then write the
        // config's key prefix (UpdateItem), the new key item (PutItem) and delete the old one in one transaction
        p.put(FunctionCatalog.CONFIG_CONNECTION, table(NO_INDEXES, GET, PUT, UPDATE, BATCH_GET, DELETE)
                .tokens(GET_SECRET, CREATE_SECRET, TAG_SECRET, PUT_SECRET, DELETE_SECRET)
                .oauth(SLACK_APP, MICROSOFT_APP));
        // consumes the state item, reads the config, stores the token (CreateSecret with tags, else PutSecretValue),
        // sets the connection; a config deleted meanwhile deletes the token again
        p.put("slack-oauth-callback", table(NO_INDEXES, GET, DELETE, UPDATE)
                .tokens(CREATE_SECRET, TAG_SECRET, PUT_SECRET, DELETE_SECRET).oauth(SLACK_APP));
        // the same for Microsoft, with the Microsoft app's credentials only
        p.put("microsoft-oauth-callback", table(NO_INDEXES, GET, DELETE, UPDATE)
                .tokens(CREATE_SECRET, TAG_SECRET, PUT_SECRET, DELETE_SECRET).oauth(MICROSOFT_APP));

        // the inbound webhook: reads the key item, checks the provider's signature (the Slack app's signing
        // secret, a Twilio config's auth token), then the sender's claims (BatchGetItem) and holder (GetItem); a new
        // message is one conditional PutItem and the claim's lastMessageAt one conditional UpdateItem
        p.put(FunctionCatalog.RECEIVE_WEBHOOK, table(NO_INDEXES, GET, BATCH_GET, PUT, UPDATE).tokens(GET_SECRET)
                .apps(SLACK_APP));

        p.put("create-conversation", table(NO_INDEXES, PUT, DELETE));
        p.put("list-conversations", table(NO_INDEXES, QUERY));
        p.put("get-conversation", table(NO_INDEXES, GET));
        // a transaction: the conversation's ConditionCheck and the participant's Put; a lost race reads it back
        p.put("add-conversation-participant", table(INDEXES, CONDITION_CHECK, PUT, GET)
                .avatars(GET_OBJECT));
        // Query of GSI2 (add order); an empty page reads the conversation for a clear 404
        p.put("list-conversation-participants", table(INDEXES, GET).avatars(GET_OBJECT));
        p.put("get-conversation-participant", table(INDEXES, GET).avatars(GET_OBJECT));
        p.put("get-conversation-participant-by-identifier", table(INDEXES, GET).avatars(GET_OBJECT));
        // a conditional UpdateItem of the status; refusals and no-op bodies read the item
        p.put("update-conversation-participant", table(INDEXES, UPDATE, GET).avatars(GET_OBJECT));
        p.put("update-conversation-participant-by-identifier", table(INDEXES, UPDATE, GET)
                .avatars(GET_OBJECT));
        // a conditional DeleteItem; a miss reads the conversation for a clear 404
        p.put("remove-conversation-participant", table(NO_INDEXES, DELETE, GET));
        // Query of GSI1 (the contact's memberships), then one batch read of the conversations
        p.put("list-contact-conversations", table(INDEXES, BATCH_GET));
        return Map.copyOf(p);
    }

    /**
     * Whether a deployable shows or checks webhook URLs: the inbound route (Twilio signs the URL), the config routes
     * that generate them, and every route that answers a participant (its channel activations). The stack gives
     * those {@code PARTICIPANTS_WEBHOOKS_BASE_URL}; the bench's environment follows the same rule.
     */
    public static boolean showsWebhooks(String deployable) {
        return FunctionCatalog.servedBy(deployable).stream().anyMatch(f -> f.path().startsWith("/v1/webhooks/")
                || f.path().endsWith(":generateWebhookUrl")
                // bindings answer 204, a participant's delete 204, its avatar's GET a link
                || f.path().startsWith("/v1/tenants/{tenantId}/participants") && !f.path().contains("/bindings/")
                && !(f.method().equals("DELETE") && f.path().endsWith("}"))
                && !(f.method().equals("GET") && f.path().endsWith("/avatar")));
    }

    /**
     * The permissions of every deployable of the catalog.
     *
     * @throws IllegalStateException when a deployable has no entry, or an entry names no deployable
     */
    public static Map<String, Permissions> forCatalog() {
        List<String> deployables = FunctionCatalog.deployables();
        Set<String> missing = new TreeSet<>(deployables);
        missing.removeAll(BY_DEPLOYABLE.keySet());
        Set<String> unknown = new TreeSet<>(BY_DEPLOYABLE.keySet());
        unknown.removeAll(deployables);
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalStateException("Permissions and FunctionCatalog disagree: no permissions for " + missing
                    + "; permissions for deployables not in the catalog: " + unknown);
        }
        Map<String, Permissions> ordered = new LinkedHashMap<>();
        deployables.forEach(d -> ordered.put(d, BY_DEPLOYABLE.get(d)));
        return ordered;
    }

    private static Set<String> sorted(Set<String> actions) {
        return java.util.Collections.unmodifiableSortedSet(new TreeSet<>(actions));
    }
}
