package io.participants.api.fuzz;

import io.participants.api.FunctionCatalog;
import io.participants.api.http.EntityTags;
import io.participants.domain.common.Ids;
import io.participants.domain.integration.Addresses;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hostile requests to each function. Each starts from a request the API would accept (the function's route with
 * the ids of the seeded world, the caller's tenant and every scope, a valid body), gets some noise (unknown headers
 * and query parameters, cookies, hostile bodies where none is read, odd content types and so on), and then one
 * defect that the API is bound to refuse: no or wrong claims, a hostile path variable, a foreign tenant's ids, a
 * broken, mistyped or refused body, a stale If-Match, a bad query parameter, an oversized body. The defect is
 * applied last, so noise can add reasons to refuse but never take the defect away.
 */
final class Requests {

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)}");
    private static final int LIMIT = 64 * 1024;
    /** The avatar upload: its body is an image, sent base64-encoded as API Gateway sends a binary body. */
    static final String UPLOAD = "upload-participant-avatar";
    private static final List<String> IF_MATCH_FUNCTIONS = List.of("update-participant", "delete-participant",
            "update-conversation-participant", "update-conversation-participant-by-identifier",
            UPLOAD, "delete-participant-avatar");
    /** The creates that honour an Idempotency-Key. */
    static final List<String> IDEMPOTENT_CREATES = List.of("create-participant", "create-integration-config",
            "create-conversation");
    /** A few keys the fuzzer reuses across requests: a refused request must leave none of them claimed. */
    private static final List<String> KEYS = List.of("8e03978e-40d5-43e8-bc93-6894a57f9324", "fuzz-key-1",
            "\"fuzz-key-2\"");
    private static final List<String> ID_VARIABLES = List.of("participantId", "integrationConfigId", "conversationId",
            "conversationParticipantId");

    /** Its cap (UploadAvatarController.MAX_BYTES). */
    private static final int UPLOAD_LIMIT = 4 * 1024 * 1024;
    /** A real image the upload would take: every hostile upload differs from it by its defect alone. */
    private static final byte[] PNG = io.participants.api.avatars.AvatarStubs.PNG;

    /** The lookup by channel, which names its config in the query rather than the path. */
    private static final String LOOKUP = "lookup-participant-by-channel";
    private static final String LOOKUP_ADDRESS = "Ada@Example.com";
    /** The public inbound webhook, whose key and Slack signature authenticate it. */
    private static final String WEBHOOK = FunctionCatalog.RECEIVE_WEBHOOK;
    private static final String SLACK_MESSAGE = "{\"type\":\"event_callback\",\"event_id\":\"Ev0FUZZ0001\","
            + "\"event\":{\"type\":\"message\",\"user\":\"U0FUZZ0001\",\"text\":\"fuzz\"}}";

    private final FuzzWorld world;

    Requests(FuzzWorld world) {
        this.world = world;
    }

    /** One change to a request: a defect (the reason it must be refused) or noise. */
    record Mutation(String label, boolean defect, Consumer<HostileRequest> change) {

        /** Labels quote hostile strings, escaped and cut short, so that a report stays readable. */
        Mutation {
            String quoted = JsonGarbage.quote(label.length() > 60 ? label.substring(0, 60) + "…" : label);
            label = quoted.substring(1, quoted.length() - 1);
        }

        static Mutation defect(String label, Consumer<HostileRequest> change) {
            return new Mutation(label, true, change);
        }

        static Mutation noise(String label, Consumer<HostileRequest> change) {
            return new Mutation(label, false, change);
        }

        void apply(HostileRequest request) {
            change.accept(request);
            (defect ? request.defects : request.noise).add(label);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Hostile requests to {@code function}. */
    Arbitrary<HostileRequest> to(FunctionCatalog.Function function) {
        Arbitrary<String> text = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("Fuzzed Name")),
                Tuple.of(2, Hostile.validUnicodeText()));
        // half the requests to a create carry a valid key: the create claims it, and refusing must give it back
        Arbitrary<Optional<Mutation>> key = IDEMPOTENT_CREATES.contains(function.name())
                ? validIdempotencyKey().injectNull(0.5).map(Optional::ofNullable)
                : Arbitraries.just(Optional.empty());
        return Combinators.combine(defects(function), noise(function).list().ofMaxSize(4), text, key)
                .as((defect, noise, freeText, withKey) -> {
                    HostileRequest request = canonical(function, freeText);
                    withKey.ifPresent(k -> k.apply(request));
                    noise.forEach(n -> n.apply(request));
                    defect.apply(request);
                    return request;
                })
                // edge cases would favour the defects whose generators have the most of them (in a flatMap jqwik
                // mixes them in); every generator here lists its own edge values among its choices anyway
                .withoutEdgeCases();
    }

    static boolean takesBody(FunctionCatalog.Function function) {
        return Bodies.BODY_FUNCTIONS.contains(function.name());
    }

    static boolean isWorkspace(FunctionCatalog.Function function) {
        return function.path().startsWith("/workspaces/");
    }

    static List<String> variables(FunctionCatalog.Function function) {
        List<String> names = new ArrayList<>();
        Matcher variable = VARIABLE.matcher(function.path());
        while (variable.find()) {
            names.add(variable.group(1));
        }
        return names;
    }

    /**
     * The request the API would accept: the world's ids, the caller's own tenant, every scope, a valid body, the
     * Host header API Gateway sends. (No callback is acceptable: its state is never one the service signed.)
     */
    HostileRequest canonical(FunctionCatalog.Function function, String freeText) {
        HostileRequest request = new HostileRequest(function);
        request.tenantClaim = isWorkspace(function) ? world.workspace() : FuzzWorld.ACME;
        request.scopes = FuzzWorld.ALL_SCOPES;
        request.headers.put("host", "fuzz.execute-api.us-east-1.amazonaws.com");
        for (String variable : variables(function)) {
            request.pathVariables.put(variable, validValue(function, variable));
        }
        if (takesBody(function)) {
            request.body = Bodies.model(function.name(), world, freeText).validJson();
            request.headers.put("content-type", "application/json");
        }
        if (function.name().equals(UPLOAD)) {
            request.body = Base64.getEncoder().encodeToString(PNG);
            request.base64 = true;
            request.headers.put("content-type", "image/png");
        }
        if (function.name().equals("slack-oauth-callback")) {
            request.query.put("code", "4021.code");
            request.query.put("state", "v1.eyJ0IjoiYWNtZSJ9.c2lnbmF0dXJl");
        }
        if (function.name().equals(WEBHOOK)) {
            // a signed Slack message to the world's webhook, from a user nobody holds: it would be verified
            request.query.put("key", world.slackWebhookKey());
            request.body = SLACK_MESSAGE;
            request.headers.put("content-type", "application/json");
            signSlack(request, System.currentTimeMillis() / 1000, FuzzWorld.SLACK_SIGNING_SECRET);
        }
        if (function.name().equals(LOOKUP)) {
            // Ada's email channel, in another spelling than the stored one: the lookup finds her
            request.query.put("integrationConfigId", world.acmeEmailConfig());
            request.query.put("address", LOOKUP_ADDRESS);
        }
        return request;
    }

    private String validValue(FunctionCatalog.Function function, String variable) {
        return switch (variable) {
            case "tenantId" -> FuzzWorld.ACME;
            case "participantId" -> world.participant();
            case "integrationConfigId" -> world.acmeSlackConfig();
            case "agentId" -> FuzzWorld.AGENT;
            case "workspaceId" -> world.workspace();
            case "conversationId" -> world.conversation();
            case "conversationParticipantId" -> world.member();
            case "identifierKey" -> FuzzWorld.MEMBER_KEY;
            case "identifierValue" -> FuzzWorld.MEMBER_VALUE;
            default -> throw new IllegalArgumentException(function.name() + ": unknown path variable " + variable);
        };
    }

    // ---- defects ---------------------------------------------------------------------------------------------

    /**
     * The defects {@code function} must refuse, by family: claims, size, path, foreign ids, body, transport,
     * If-Match, query; a function that takes a body gets mostly body defects, a list mostly query ones.
     */
    Arbitrary<Mutation> defects(FunctionCatalog.Function function) {
        List<Tuple.Tuple2<Integer, Arbitrary<Mutation>>> families = new ArrayList<>();
        if (function.authorized()) {
            families.add(Tuple.of(2, unauthorized(function)));
        }
        families.add(Tuple.of(1, oversized()));
        if (!variables(function).isEmpty()) {
            families.add(Tuple.of(2, hostilePath(function)));
        }
        if (variables(function).stream().anyMatch(ID_VARIABLES::contains) || function.name().equals(LOOKUP)) {
            families.add(Tuple.of(1, foreignTenant(function)));
        }
        if (takesBody(function)) {
            families.add(Tuple.of(6, badBody(function)));
            families.add(Tuple.of(2, badTransport(function)));
        }
        if (function.name().equals(UPLOAD)) {
            families.add(Tuple.of(6, badImage()));
        }
        if (IF_MATCH_FUNCTIONS.contains(function.name())) {
            families.add(Tuple.of(1, staleIfMatch()));
        }
        if (IDEMPOTENT_CREATES.contains(function.name())) {
            families.add(Tuple.of(2, hostileIdempotencyKey()));
        }
        Arbitrary<Mutation> query = badQuery(function);
        if (query != null) {
            families.add(Tuple.of(function.authorized() ? 3 : 6, query));
        }
        return Arbitraries.frequencyOf(families);
    }

    /** No claims, claims without a tenant, a token without the route's scope, or another tenant's token. */
    private Arbitrary<Mutation> unauthorized(FunctionCatalog.Function function) {
        String own = isWorkspace(function) ? world.workspace() : FuzzWorld.ACME;
        Arbitrary<String> otherTenant = Arbitraries.oneOf(
                        Arbitraries.of(FuzzWorld.GLOBEX, world.otherWorkspace(), world.workspace().toUpperCase(Locale.ROOT),
                                FuzzWorld.ACME.toUpperCase(Locale.ROOT), " " + own, own + "\u0000", "*", "%"),
                        Arbitraries.create(() -> UUID.randomUUID().toString()), Hostile.identifier())
                .filter(t -> !t.equals(own) && !t.isBlank());
        List<String> others = FuzzWorld.ALL_SCOPES.stream().filter(s -> !s.equals(function.scope())).toList();
        Arbitrary<List<String>> withoutScope = Arbitraries.oneOf(
                        Arbitraries.just(others),
                        Arbitraries.just(List.<String>of()),
                        Arbitraries.of(function.scope().toUpperCase(Locale.ROOT), function.scope() + "x",
                                        " " + function.scope(), function.scope() + ",", "*", "admin",
                                        function.scope().replace(':', '.'), function.scope().split(":")[0] + ":*",
                                        function.scope().replace('a', '\u0430'))
                                .map(near -> { List<String> s = new ArrayList<>(others); s.add(near); return s; }))
                .map(List::copyOf);
        return Arbitraries.oneOf(
                Arbitraries.just(Mutation.defect("anonymous", r -> r.tenantClaim = null)),
                Arbitraries.just(Mutation.defect("claims-without-any-claim", r -> r.claims = false)),
                Arbitraries.of("", " ", "\t", "\n").map(blank -> Mutation.defect("blank-tenant-claim",
                        r -> r.tenantClaim = blank)),
                withoutScope.map(scopes -> Mutation.defect("without-scope " + scopes, r -> r.scopes = scopes)),
                otherTenant.map(tenant -> Mutation.defect("other-tenant-claim", r -> {
                    // whatever noise put in the path, the claim names another tenant than the path does
                    String path = isWorkspace(function) ? canonicalWorkspace(r.pathVariables.get("workspaceId"))
                            : r.pathVariables.get("tenantId");
                    r.tenantClaim = tenant.equals(path) ? tenant + "-other" : tenant;
                })));
    }

    /** A body over 64 KiB, plain or base64, on any route: it must be refused before anything reads it. */
    private Arbitrary<Mutation> oversized() {
        Arbitrary<Integer> size = Arbitraries.integers().between(LIMIT + 1, 4 * LIMIT).withoutEdgeCases();
        Arbitrary<String> unit = Arbitraries.of("a", "{", "[", "\"", "\u20AC", "\uD83D\uDE00", "\u0000", "%", "\\");
        return Arbitraries.oneOf(
                Combinators.combine(size, unit).as((n, u) -> Mutation.defect("oversized " + n + " chars",
                        r -> {
                            r.body = "{\"displayName\":\"" + u.repeat(n / u.length() + 1) + "\"}";
                            r.base64 = false;
                        })),
                Combinators.combine(size, unit).as((n, u) -> Mutation.defect("oversized-garbage " + n + " chars",
                        r -> {
                            r.body = u.repeat(n / u.length() + 1);
                            r.base64 = false;
                        })),
                size.map(n -> Mutation.defect("oversized-base64 " + n + " bytes", r -> {
                    byte[] bytes = new byte[n];
                    java.util.Arrays.fill(bytes, (byte) 'a');
                    bytes[0] = '"';
                    r.body = Base64.getEncoder().encodeToString(bytes);
                    r.base64 = true;
                })));
    }

    /** One path variable replaced by a value that can name nothing the caller may reach. */
    private Arbitrary<Mutation> hostilePath(FunctionCatalog.Function function) {
        List<Arbitrary<Mutation>> ways = new ArrayList<>();
        for (String variable : variables(function)) {
            ways.add(refusedPathValue(function, variable).map(value -> Mutation.defect("path " + variable,
                    r -> r.pathVariables.put(variable, value))));
        }
        return Arbitraries.oneOf(ways);
    }

    /**
     * Values of a path variable that the API must refuse (or find nothing under), given the world. None is empty
     * or all slashes: API Gateway routes no empty segment to a variable, and the router would read such a path as
     * the parent collection's (a list, which is no refusal). A variable whose refusal depends on its value's syntax
     * (a tenant, an agent id, an identifier) gets no slash either: the router would split it, and ignore a trailing
     * one ({@code x/} is {@code x}); an id variable gets them, as no part of a hostile value is a stored id.
     */
    Arbitrary<String> refusedPathValue(FunctionCatalog.Function function, String variable) {
        return refusedPathValues(function, variable).filter(Requests::isSegment)
                .filter(value -> ID_VARIABLES.contains(variable) || !value.contains("/"));
    }

    static boolean isSegment(String value) {
        return !value.replace("/", "").isEmpty();
    }

    private Arbitrary<String> refusedPathValues(FunctionCatalog.Function function, String variable) {
        Arbitrary<String> hostile = Hostile.identifier();
        return switch (variable) {
            // never another real tenant or workspace: a defect that moves the claims there too would make it valid
            case "tenantId" -> Arbitraries.oneOf(hostile, Arbitraries.of("ACME", "acme ", " acme", "acme\u0000",
                            "acme/", "acme%2f..", "acm\u0435"))
                    .filter(t -> !t.equals(FuzzWorld.ACME) && !t.equals(FuzzWorld.GLOBEX));
            case "workspaceId" -> Arbitraries.oneOf(hostile, Hostile.badUuid(),
                            Arbitraries.create(() -> UUID.randomUUID().toString()))
                    .filter(w -> !world.idsOfKind(variable).contains(canonicalWorkspace(w)));
            // never an id of the same kind in any tenant; ids of other kinds are welcome
            case "participantId", "integrationConfigId", "conversationId", "conversationParticipantId" ->
                    Arbitraries.oneOf(hostile, Hostile.badUuid(), Hostile.badUuid(),
                                    Arbitraries.create(() -> UUID.randomUUID().toString()),
                                    Arbitraries.of(world.ids()))
                            .filter(id -> world.idsOfKind(variable).stream().noneMatch(id::equalsIgnoreCase));
            case "agentId" -> hostile.filter(a -> !Hostile.isAgentId(a));
            case "identifierKey" -> hostile.filter(k -> !Hostile.IDENTIFIER_KEY.matcher(k.toLowerCase(Locale.ROOT))
                    .matches());
            case "identifierValue" -> Arbitraries.oneOf(hostile, Hostile.value())
                    .filter(v -> !Addresses.isEmail(v) || v.length() > 256);
            default -> throw new IllegalArgumentException(variable);
        };
    }

    /** A workspace id as the API reads it: a UUID in its canonical (lower-case) form, anything else as is. */
    static String canonicalWorkspace(String value) {
        return Ids.parse(value).map(UUID::toString).orElse(value);
    }

    /** The canonical ids, asked for under another tenant or workspace with that tenant's own token. */
    private Arbitrary<Mutation> foreignTenant(FunctionCatalog.Function function) {
        if (isWorkspace(function)) {
            return Arbitraries.just(Mutation.defect("foreign-workspace-ids", r -> {
                r.pathVariables.put("workspaceId", world.otherWorkspace());
                r.tenantClaim = world.otherWorkspace();
            }));
        }
        return Arbitraries.just(Mutation.defect("foreign-tenant-ids", r -> {
            r.pathVariables.put("tenantId", FuzzWorld.GLOBEX);
            r.tenantClaim = FuzzWorld.GLOBEX;
        }));
    }

    /** A body that is not one JSON object, or whose fields are of the wrong type, unknown, refused or missing. */
    private Arbitrary<Mutation> badBody(FunctionCatalog.Function function) {
        Bodies.Model model = Bodies.model(function.name(), world, "Fuzzed Name");
        String valid = model.validJson();
        String field = model.fields().get(0).name();
        Arbitrary<Mutation> fields = Bodies.refused(model).map(b -> body(b.label(), b.body()));
        return Arbitraries.frequencyOf(
                Tuple.of(2, JsonGarbage.malformed(valid).map(b -> body("malformed-json", b))),
                Tuple.of(1, malformedJustUnderTheLimit(field).map(b -> body("malformed-json-near-limit", b))),
                Tuple.of(1, JsonGarbage.deeplyNested(field).map(b -> body("deeply-nested", b))),
                Tuple.of(1, JsonGarbage.notAnObject().map(b -> body("not-an-object", b))),
                Tuple.of(1, JsonGarbage.empty().map(b -> body("empty-body", b))),
                Tuple.of(1, Arbitraries.just(body("absent-body", null))),
                Tuple.of(8, fields));
    }

    private static Arbitrary<String> malformedJustUnderTheLimit(String field) {
        return Combinators.combine(Arbitraries.integers().between(LIMIT - 2000, LIMIT - 40),
                        Arbitraries.of("x", "\\", "[", "{\"a\":", ",", "\u00E9"))
                .as((n, unit) -> {
                    String head = "{" + JsonGarbage.quote(field) + ":\"";
                    return head + unit.repeat((n - head.length()) / unit.length());
                })
                .filter(b -> b.length() <= LIMIT && !JsonGarbage.isOneJsonValue(b));
    }

    private static Mutation body(String label, String body) {
        return Mutation.defect(label, r -> {
            r.body = body;
            r.base64 = false;
        });
    }

    /** The body's transport is wrong: invalid base64, base64 of broken JSON or of bytes that are not UTF-8, or a
     *  media type that is not JSON. */
    private Arbitrary<Mutation> badTransport(FunctionCatalog.Function function) {
        String valid = Bodies.model(function.name(), world, "Fuzzed Name").validJson();
        Arbitrary<String> notJson = Arbitraries.of("text/plain", "application/xml", "text/html",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                        "application/octet-stream", "image/png", "application/javascript", "text/csv",
                        "application/x-yaml", "application/jsonl", "application/json-seq", "application/xml; x=json",
                        "application/vnd.api+xml", "text/plain; charset=utf-8", "application/jwt")
                .filter(t -> !t.split(";")[0].endsWith("json"));
        return Arbitraries.oneOf(
                JsonGarbage.badBase64().map(b -> Mutation.defect("invalid-base64", r -> {
                    r.body = b;
                    r.base64 = true;
                })),
                JsonGarbage.malformed(valid).map(b -> Mutation.defect("base64-of-malformed-json", r -> {
                    r.body = Base64.getEncoder().encodeToString(b.getBytes(StandardCharsets.UTF_8));
                    r.base64 = true;
                })),
                JsonGarbage.invalidUtf8AsBase64().map(b -> Mutation.defect("base64-of-invalid-utf8", r -> {
                    r.body = b;
                    r.base64 = true;
                })),
                notJson.map(type -> Mutation.defect("unsupported-content-type " + type,
                        r -> r.headers.put("content-type", type))));
    }

    /**
     * An upload the API must refuse by its body or its declared type: bytes that are no PNG, JPEG, GIF or WebP
     * (text, markup, a truncated or shifted signature, random bytes, a RIFF that is no WebP), invalid base64, a
     * Content-Type that is no image, no body, or an image one byte or more over the cap (rarely: it is 5.6 MB).
     */
    private static Arbitrary<Mutation> badImage() {
        Arbitrary<byte[]> notAnImage = Arbitraries.oneOf(
                Arbitraries.of("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "<html><body>x</body></html>",
                                "{\"avatar\":\"x\"}", "GIF88a", "RIFF\0\0\0\0WAVEfmt ", "\u0089PN", "BM6\0\0\0")
                        .map(t -> t.getBytes(StandardCharsets.ISO_8859_1)),
                Arbitraries.integers().between(1, PNG.length - 1).map(n -> java.util.Arrays.copyOfRange(PNG, n,
                        PNG.length)),
                Arbitraries.integers().between(1, 7).map(n -> java.util.Arrays.copyOf(PNG, n)),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(512)
                        .filter(b -> io.participants.api.providers.ImageType.sniff(b).isEmpty()));
        Arbitrary<String> notAnImageType = Arbitraries.of("application/json", "text/plain", "text/html",
                "image/svg+xml", "image/bmp", "image/tiff", "multipart/form-data; boundary=x", "image/*", "image",
                "application/x-www-form-urlencoded", "", " ", "image/png, image/jpeg");
        Arbitrary<Integer> over = Arbitraries.integers().between(UPLOAD_LIMIT + 1, UPLOAD_LIMIT + 4096);
        return Arbitraries.frequencyOf(
                Tuple.of(8, notAnImage.map(bytes -> Mutation.defect("not-an-image " + bytes.length + " bytes", r -> {
                    r.body = Base64.getEncoder().encodeToString(bytes);
                    r.base64 = true;
                }))),
                Tuple.of(4, notAnImageType.map(type -> Mutation.defect("content-type-not-an-image " + type,
                        r -> r.headers.put("content-type", type)))),
                Tuple.of(1, Arbitraries.just(Mutation.defect("no-content-type",
                        r -> r.headers.remove("content-type")))),
                Tuple.of(2, JsonGarbage.badBase64().map(b -> Mutation.defect("invalid-base64", r -> {
                    r.body = b;
                    r.base64 = true;
                }))),
                Tuple.of(1, Arbitraries.of("", null).map(b -> Mutation.defect("no-image", r -> {
                    r.body = b;
                    r.base64 = b != null;
                }))),
                Tuple.of(1, over.map(n -> Mutation.defect("image-over-the-cap " + n + " bytes", r -> {
                    byte[] big = java.util.Arrays.copyOf(PNG, n);
                    r.body = Base64.getEncoder().encodeToString(big);
                    r.base64 = true;
                }))));
    }

    /** An If-Match that names no version the target has: the write must not happen. */
    private Arbitrary<Mutation> staleIfMatch() {
        return Arbitraries.oneOf(
                        Arbitraries.of("\"0\"", "\"2\"", "\"999\"", "\"-1\"", "W/\"1\"", "garbage", "\"abc\"",
                                "\"99999999999999999999\"", "1", "\"1", "1\"", "\"\"", "\"0\", \"1\"", "W/\"*\"",
                                "\"1 \"", "\"\u0661\""),
                        Hostile.value())
                .filter(tag -> {
                    Long version = EntityTags.ifMatch(tag);
                    return version != null && version != 1L;
                })
                .map(tag -> Mutation.defect("stale-if-match", r -> r.headers.put("if-match", tag)));
    }

    /**
     * An Idempotency-Key no create may accept: empty, over 255 characters, with a control or non-ASCII character (a
     * tab or space at either end is trimmed, as the gateway does, so it does not count), two keys (a repeated
     * header, which the gateway joins with a comma), or a quoted string that is not one.
     */
    private static Arbitrary<Mutation> hostileIdempotencyKey() {
        Arbitrary<String> uuid = Arbitraries.create(() -> UUID.randomUUID().toString());
        Arbitrary<String> refused = Arbitraries.oneOf(
                Arbitraries.of("", "\"\"", " ", "\"", "\"\\\"", "\"a\\qb\"", "\"key\" x", "\"key\";p=1",
                        "a,b", ",", "\"a\",\"b\""),
                Hostile.overlong(300, 3000).flatMap(k -> Arbitraries.of(k, "\"" + k + "\"")),
                Hostile.withControlCharacters().filter(k -> !isPrintableAscii(trimmed(k))),
                Hostile.unicode().filter(k -> !isPrintableAscii(trimmed(k))),
                Combinators.combine(uuid, uuid).as((a, b) -> a + "," + b),
                Combinators.combine(uuid, uuid).as((a, b) -> "\"" + a + "\", \"" + b + "\""),
                uuid.map(k -> "\"" + k),
                uuid.map(k -> "\"" + k + "\"" + k));
        return refused.map(key -> Mutation.defect("hostile-idempotency-key", r -> r.headers.put("idempotency-key", key)));
    }

    /** A key the creates accept, often one of a few the fuzzer reuses: noise, not a defect. */
    private static Arbitrary<Mutation> validIdempotencyKey() {
        return Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.create(() -> UUID.randomUUID().toString()))
                .map(key -> Mutation.noise("idempotency-key", r -> r.headers.put("idempotency-key", key)));
    }

    /** The value as the gateway passes it on: spaces and tabs around it are no part of it. */
    private static String trimmed(String value) {
        return value.replaceAll("^[ \\t]+|[ \\t]+$", "");
    }

    private static boolean isPrintableAscii(String key) {
        return !key.isEmpty() && key.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
    }

    /** Query parameters the function must refuse; null when it reads none. */
    private Arbitrary<Mutation> badQuery(FunctionCatalog.Function function) {
        Arbitrary<Mutation> limit = badLimit().map(v -> Mutation.defect("bad-limit", r -> r.query.put("limit", v)));
        Arbitrary<Mutation> token = Hostile.overlong(1025, 8000).map(v -> Mutation.defect("overlong-page-token",
                r -> r.query.put("pageToken", v)));
        return switch (function.name()) {
            case "list-participants" -> Arbitraries.oneOf(limit, token, Hostile.identifier()
                    .filter(a -> !a.isEmpty() && !Hostile.isAgentId(a))
                    .map(a -> Mutation.defect("bad-agent-id-filter", r -> r.query.put("agentId", a))));
            case "list-integration-configs", "list-conversations" -> Arbitraries.oneOf(limit, token);
            case "list-conversation-participants" -> Arbitraries.oneOf(limit, token, Hostile.identifier()
                    .filter(v -> !v.isEmpty() && !v.equals("true") && !v.equals("false") && !v.contains(","))
                    .map(v -> Mutation.defect("bad-reverse", r -> r.query.put("reverse", v))));
            case "list-contact-conversations" -> Arbitraries.oneOf(limit, token, Hostile.identifier()
                    .filter(v -> !v.isBlank() && !v.contains(",")
                            && Hostile.differsFrom(v, "invited", "pending", "active", "inactive"))
                    .map(v -> Mutation.defect("bad-status-filter", r -> r.query.put("status", v))));
            case "slack-oauth-callback" -> oauthCallback();
            case LOOKUP -> lookup();
            case WEBHOOK -> webhook();
            default -> null;
        };
    }

    /** Page sizes out of range or not integers; never a bare (possibly non-ASCII) number within 1 to 100. */
    private static Arbitrary<String> badLimit() {
        return Arbitraries.oneOf(
                Arbitraries.of("0", "-1", "101", "1000", "2147483647", "2147483648", "-2147483649",
                        "99999999999999999999", "1.5", "1e2", "0x10", "ten", "1 0", "5abc", "+-1", "--1", "NaN",
                        "Infinity", "null", "true", "[5]", "{}", "%35", "5%00", "5\u0000", "\u0000"),
                Hostile.identifier().filter(v -> v.chars().anyMatch(c -> !Character.isDigit(c)
                        && !Character.isWhitespace(c) && c != '+' && c != '-') && !v.contains(",")));
    }

    /**
     * The lookup by channel: a parameter missing, blank, overlong, with control characters or a comma (a repeated
     * one, as the gateway joins them); a config id that is no UUID or names no config of the tenant; an address
     * nobody holds. Never a spelling of Ada's address on her config, which would find her.
     */
    private Arbitrary<Mutation> lookup() {
        Arbitrary<String> badAddress = Arbitraries.oneOf(Arbitraries.of("", " ", "   ", LOOKUP_ADDRESS + ",",
                        LOOKUP_ADDRESS + ",x@example.com", "," + LOOKUP_ADDRESS), Hostile.withControlCharacters(),
                Hostile.longerThan(256), Hostile.overlong(257, 4000));
        Arbitrary<String> otherAddress = Hostile.value().filter(a -> Hostile.differsFrom(a, LOOKUP_ADDRESS));
        Arbitrary<String> otherConfig = Arbitraries.oneOf(Arbitraries.create(() -> UUID.randomUUID().toString()),
                        Arbitraries.of(world.ids()), Arbitraries.of(world.acmeEmailConfig() + "," + UUID.randomUUID()))
                .filter(id -> !id.equalsIgnoreCase(world.acmeEmailConfig()));
        return Arbitraries.oneOf(
                Arbitraries.just(Mutation.defect("no-address", r -> r.query.remove("address"))),
                Arbitraries.just(Mutation.defect("no-config", r -> r.query.remove("integrationConfigId"))),
                badAddress.map(a -> Mutation.defect("bad-address", r -> r.query.put("address", a))),
                otherAddress.map(a -> Mutation.defect("unheld-address", r -> r.query.put("address", a))),
                Hostile.badUuid().map(c -> Mutation.defect("bad-config-id", r -> r.query.put("integrationConfigId", c))),
                otherConfig.map(c -> Mutation.defect("other-config", r -> r.query.put("integrationConfigId", c))));
    }

    /**
     * The inbound webhook's own refusals: no key, or one no webhook has (of the right shape: unknown, or rotated
     * away); no or a forged Slack signature, a timestamp outside the five-minute window or unreadable (each
     * correctly signed), a body changed after signing.
     */
    private Arbitrary<Mutation> webhook() {
        long now = System.currentTimeMillis() / 1000;
        Arbitrary<Long> outside = Arbitraries.longs().between(301, 10_000_000).map(d -> now - d);
        Arbitrary<Long> future = Arbitraries.longs().between(301, 10_000_000).map(d -> now + d);
        Arbitrary<String> otherSecret = Hostile.value().filter(s -> !s.isEmpty()
                && !s.equals(FuzzWorld.SLACK_SIGNING_SECRET));
        String key = world.slackWebhookKey();
        Arbitrary<String> otherKey = Arbitraries.oneOf(Hostile.value(),
                        Arbitraries.strings().withChars("0123456789abcdef").ofLength(12)
                                .map(id -> "whk_" + id + "_" + "A".repeat(43)),
                        Arbitraries.of(key.substring(0, 17) + "B".repeat(43), key.toUpperCase(Locale.ROOT),
                                key + "," + key, key + "x", key.substring(0, key.length() - 1)))
                .filter(k -> !k.equals(key));
        return Arbitraries.oneOf(
                Arbitraries.just(Mutation.defect("no-key", r -> r.query.remove("key"))),
                otherKey.map(k -> Mutation.defect("unknown-key", r -> r.query.put("key", k))),
                Arbitraries.just(Mutation.defect("no-signature", r -> r.headers.remove("x-slack-signature"))),
                Arbitraries.just(Mutation.defect("no-timestamp", r -> r.headers.remove("x-slack-request-timestamp"))),
                otherSecret.map(secret -> Mutation.defect("forged-signature",
                        r -> signSlack(r, now, secret))),
                outside.map(t -> Mutation.defect("replayed-timestamp", r -> signSlack(r, t,
                        FuzzWorld.SLACK_SIGNING_SECRET))),
                future.map(t -> Mutation.defect("future-timestamp", r -> signSlack(r, t,
                        FuzzWorld.SLACK_SIGNING_SECRET))),
                Arbitraries.of("", "abc", "-1", "1e9", " 1", "99999999999999999999").map(t -> Mutation.defect(
                        "unreadable-timestamp", r -> {
                            signSlack(r, now, FuzzWorld.SLACK_SIGNING_SECRET);
                            r.headers.put("x-slack-request-timestamp", t);
                        })),
                Hostile.value().map(extra -> Mutation.defect("tampered-body", r -> {
                    signSlack(r, now, FuzzWorld.SLACK_SIGNING_SECRET);
                    r.body = (r.body == null ? "" : r.body) + " " + extra;
                    r.base64 = false;
                })));
    }

    /** Signs the request's body as Slack does, at {@code timestamp}, with {@code secret}. */
    private static void signSlack(HostileRequest r, long timestamp, String secret) {
        byte[] body = r.body == null ? new byte[0] : r.body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (r.base64 && r.body != null) {
            try {
                body = Base64.getDecoder().decode(r.body);
            } catch (IllegalArgumentException e) {
                // noise made it invalid base64: the signature covers what the text would be, refused either way
            }
        }
        r.headers.put("x-slack-request-timestamp", Long.toString(timestamp));
        r.headers.put("x-slack-signature", io.participants.api.slack.SlackEventsVerifier.sign(secret,
                Long.toString(timestamp), body));
    }

    /** The public callback: no state, an empty or forged state, no code, an overlong code. */
    private Arbitrary<Mutation> oauthCallback() {
        Arbitrary<String> forged = Arbitraries.oneOf(Hostile.value(),
                Arbitraries.strings().withChars("ABCDEFabcdef0123456789-_.").ofMinLength(1).ofMaxLength(200)
                        .map(s -> "v1." + s),
                Arbitraries.of("v1.e30.c2lnbmF0dXJl", "v1..", "v1", "v2.e30.AA", "..", "v1.%%%.%%%"))
                .filter(s -> !s.isEmpty() && !s.contains(","));
        return Arbitraries.oneOf(
                Arbitraries.just(Mutation.defect("no-state", r -> r.query.remove("state"))),
                Arbitraries.just(Mutation.defect("empty-state", r -> r.query.put("state", ""))),
                Arbitraries.just(Mutation.defect("no-code-no-error", r -> {
                    r.query.remove("code");
                    r.query.remove("error");
                })),
                Hostile.overlong(1025, 6000).filter(c -> !c.contains(","))
                        .map(c -> Mutation.defect("overlong-code", r -> r.query.put("code", c))),
                forged.map(s -> Mutation.defect("forged-state", r -> r.query.put("state", s))),
                Combinators.combine(forged, Hostile.value()).as((s, e) -> Mutation.defect("forged-state-with-error",
                        r -> {
                            r.query.put("state", s);
                            r.query.put("error", e);
                        })));
    }

    // ---- noise -----------------------------------------------------------------------------------------------

    private static final List<String> HEADER_NAMES = List.of("x-forwarded-for", "x-forwarded-host",
            "x-forwarded-proto", "x-original-url", "x-rewrite-url", "x-http-method-override", "x-amzn-trace-id",
            "accept", "accept-encoding", "accept-language", "accept-charset", "origin", "referer", "cookie",
            "authorization", "content-length", "transfer-encoding", "expect", "host", "if-none-match",
            "if-modified-since", "if-unmodified-since", "range", "prefer", "x-request-id", "x-api-key", "forwarded",
            "via", "user-agent", "content-encoding", "te", "upgrade", "if-match", "x-tenant-id", "x-scope",
            "content-type", "content-language", "content-md5", "connection", "keep-alive", "max-forwards");

    /** Noise that adds hostility without taking the defect away. */
    Arbitrary<Mutation> noise(FunctionCatalog.Function function) {
        Arbitrary<String> headerName = Arbitraries.oneOf(Arbitraries.of(HEADER_NAMES),
                Hostile.identifier().map(n -> ("x-" + n).toLowerCase(Locale.ROOT)));
        List<Arbitrary<Mutation>> noise = new ArrayList<>(List.of(
                Combinators.combine(headerName, Hostile.value()).as((n, v) -> Mutation.noise("header " + n,
                        r -> r.headers.merge(n, v, (a, b) -> a + "," + b))),
                Arbitraries.of("application/json,text/plain", "application/json, application/json", "json",
                                "application/", "/", ";", "application/json;;;", "application/json; charset=utf-16",
                                "application/json; charset=klingon", "application/json\u0000", "*/*", "",
                                "APPLICATION/JSON", "application/json; boundary=\"", "text/plain")
                        .map(t -> Mutation.noise("content-type " + t, r -> r.headers.put("content-type", t))),
                Arbitraries.of("text/html", "application/xml", "*/*", "", "application/json;q=0", "image/*",
                                "application/problem+json", "text/*;q=0.1, */*;q=0", ",,,", "application/json\u0000")
                        .map(a -> Mutation.noise("accept " + a, r -> r.headers.put("accept", a))),
                Arbitraries.of("https://evil.example", "null", "http://localhost:8080", "..", "*", "",
                                "https://participants.test", "file://", "http://[::1]")
                        .map(o -> Mutation.noise("origin " + o, r -> r.headers.put("origin", o))),
                Arbitraries.just(Mutation.noise("no host header", r -> r.headers.remove("host"))),
                Arbitraries.just(Mutation.noise("no content-type", r -> r.headers.remove("content-type"))),
                Arbitraries.of("0", "-1", "abc", "1e9", "99999999999999999999", "", " 5", "5,5")
                        .map(l -> Mutation.noise("content-length " + l, r -> r.headers.put("content-length", l))),
                Arbitraries.integers().between(30, 150).map(n -> Mutation.noise(n + " extra headers", r -> {
                    for (int i = 0; i < n; i++) {
                        r.headers.put("x-fuzz-" + i, "v" + i);
                    }
                })),
                Combinators.combine(Hostile.identifier(), Hostile.value()).as((n, v) -> Mutation.noise("query " + n,
                        r -> r.query.merge(n, v, (a, b) -> a + "," + b))),
                Combinators.combine(Arbitraries.of("limit", "pageToken", "agentId", "reverse", "status", "code",
                        "state", "error", "tenantId", "debug", "fields", "expand"), Hostile.value())
                        .as((n, v) -> Mutation.noise("query " + n, r -> r.query.merge(n, v, (a, b) -> a + "," + b))),
                Hostile.value().map(c -> Mutation.noise("cookie", r -> r.cookies.add(c))),
                Combinators.combine(Hostile.value(), Hostile.value()).as((ip, agent) -> Mutation.noise("source",
                        r -> {
                            r.sourceIp = ip;
                            r.userAgent = agent;
                        }))));
        if (!variables(function).isEmpty()) {
            // a refused value too: a merely odd one could make another variable's defect valid (any value is a
            // valid identifier under an opaque identifierKey, say)
            noise.add(Arbitraries.of(variables(function)).flatMap(v -> refusedPathValue(function, v)
                    .map(value -> Mutation.noise("path " + v, r -> r.pathVariables.put(v, value)))));
        }
        if (!takesBody(function)) {
            noise.add(Arbitraries.oneOf(JsonGarbage.malformed("{\"a\":1}"), JsonGarbage.notAnObject(),
                            Hostile.value(), JsonGarbage.deeplyNested("a"))
                    .map(b -> Mutation.noise("unread body", r -> r.body = b)));
            noise.add(JsonGarbage.badBase64().map(b -> Mutation.noise("unread invalid base64 body", r -> {
                r.body = b;
                r.base64 = true;
            })));
        }
        if (function.authorized()) {
            noise.add(Hostile.value().map(s -> Mutation.noise("extra scope", r -> {
                List<String> scopes = new ArrayList<>(r.scopes);
                scopes.add(s);
                r.scopes = List.copyOf(scopes);
            })));
        }
        return Arbitraries.oneOf(noise);
    }
}
