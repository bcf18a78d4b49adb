package io.participants.api.fuzz;

import io.participants.domain.integration.Addresses;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The request body of each function that takes one, field by field: its JSON type, whether it is required, and
 * values the API is bound to refuse (a value out of its enum, too long, with control characters, not a UUID). From
 * these come bodies that are each refused for a known reason: a field of the wrong JSON type, an unknown field, a
 * refused value or a missing required field.
 */
final class Bodies {

    /** A field's JSON type, as the API reads it. */
    enum Kind { STRING, INTEGER, BOOLEAN, STRINGS, OBJECT, OBJECTS }

    /**
     * One field of a body. {@code refused} gives JSON values of the right type that the API must refuse, or null;
     * {@code item} is the valid member of an object (or array of objects) field, {@code itemFields} its fields.
     */
    record Field(String name, Kind kind, boolean required, Arbitrary<String> refused, Map<String, String> item,
                 List<Field> itemFields) {

        static Field of(String name, Kind kind, boolean required, Arbitrary<String> refused) {
            return new Field(name, kind, required, refused, null, List.of());
        }
    }

    /** A valid body (field name to JSON value, in order) and every field the function reads. */
    record Model(Map<String, String> valid, List<Field> fields) {

        String validJson() {
            return json(valid);
        }
    }

    static final List<String> BODY_FUNCTIONS = List.of("create-participant", "update-participant",
            "sync-participant-avatar", "create-integration-config", "create-conversation",
            "add-conversation-participant", "update-conversation-participant",
            "update-conversation-participant-by-identifier");

    private Bodies() {
    }

    static String json(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> JsonGarbage.quote(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** The body model of {@code function}, whose free-text fields hold {@code text} (valid, possibly unusual). */
    static Model model(String function, FuzzWorld world, String text) {
        String name = JsonGarbage.quote(text);
        return switch (function) {
            case "create-participant" -> new Model(ordered("displayName", name), participantFields(world, true));
            case "update-participant" -> new Model(ordered("displayName", name), participantFields(world, false));
            case "sync-participant-avatar" -> new Model(
                    ordered("integrationConfigId", JsonGarbage.quote(world.acmeSlackConfig()), "address",
                            "\"U0123ABCD\""),
                    List.of(Field.of("integrationConfigId", Kind.STRING, true, Hostile.badUuid().map(JsonGarbage::quote)),
                            Field.of("address", Kind.STRING, true, Arbitraries.just("\"\""))));
            case "create-integration-config" -> new Model(ordered("provider", "\"EMAIL\"", "name", name), List.of(
                    Field.of("provider", Kind.STRING, true, notOneOf("SLACK", "EMAIL", "SMS", "WHATSAPP", "TELEGRAM")),
                    Field.of("name", Kind.STRING, true, badName(150)),
                    // the valid body's config is EMAIL's, which receives no messages: true is refused
                    Field.of("messageTextInEvents", Kind.BOOLEAN, false, Arbitraries.just("true"))));
            case "create-conversation" -> new Model(ordered("name", name), List.of(
                    Field.of("name", Kind.STRING, true, badName(200)),
                    Field.of("description", Kind.STRING, false, tooLong(2000))));
            case "add-conversation-participant" -> new Model(ordered("type", "\"user\"", "id", "\"fuzz-user\""),
                    List.of(Field.of("type", Kind.STRING, true, notOneOf("user", "agent", "flow", "bot", "contact")),
                            Field.of("id", Kind.STRING, false, Arbitraries.oneOf(Arbitraries.just("\"\""),
                                    tooLong(256), control())),
                            // the valid body adds a user: any contact is refused
                            new Field("contact", Kind.OBJECT, false, Arbitraries.of(
                                    "{\"identifierKey\":\"emailaddress\",\"identifierValue\":\"x@example.com\"}",
                                    "{}"), ordered("identifierKey", "\"emailaddress\"", "identifierValue",
                                    "\"x@example.com\""),
                                    List.of(Field.of("identifierKey", Kind.STRING, false, null),
                                            Field.of("identifierValue", Kind.STRING, false, null),
                                            Field.of("platformAddressSelector", Kind.STRING, false, null))),
                            Field.of("status", Kind.STRING, false, notOneOf("invited", "pending", "active", "inactive"))));
            case "update-conversation-participant", "update-conversation-participant-by-identifier" -> new Model(
                    ordered("status", "\"active\""), List.of(Field.of("status", Kind.STRING, true,
                    notOneOf("invited", "pending", "active", "inactive"))));
            default -> throw new IllegalArgumentException(function + " takes no body");
        };
    }

    private static List<Field> participantFields(FuzzWorld world, boolean create) {
        Map<String, String> channelItem = ordered("integrationConfigId", JsonGarbage.quote(world.acmeEmailConfig()),
                "address", "\"fuzz@example.com\"");
        String channel = json(channelItem);
        List<Field> channelFields = List.of(
                Field.of("integrationConfigId", Kind.STRING, true, Hostile.badUuid().map(JsonGarbage::quote)),
                Field.of("address", Kind.STRING, true, Arbitraries.oneOf(Arbitraries.just("\"\""), tooLong(256),
                        control())),
                Field.of("priority", Kind.INTEGER, false, null),
                Field.of("label", Kind.STRING, false, Arbitraries.oneOf(tooLong(100), control())),
                Field.of("disabled", Kind.BOOLEAN, false, null));
        Arbitrary<String> badChannels = Arbitraries.oneOf(
                Arbitraries.just("[null]"),
                Arbitraries.integers().between(11, 40).map(n -> {
                    List<String> many = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        many.add("{\"integrationConfigId\":" + JsonGarbage.quote(world.acmeEmailConfig())
                                + ",\"address\":\"fuzz" + i + "@example.com\"}");
                    }
                    return "[" + String.join(",", many) + "]";
                }),
                Arbitraries.just("[" + channel + "," + channel + "]"));
        Arbitrary<String> badAgents = Arbitraries.oneOf(
                Hostile.identifier().filter(s -> !Hostile.isAgentId(s))
                        .map(s -> "[\"agent-1\"," + JsonGarbage.quote(s) + "]"),
                Arbitraries.integers().between(26, 60).map(Bodies::agents));
        List<Field> fields = new ArrayList<>(List.of(
                Field.of("kind", Kind.STRING, false, create ? notOneOf("PERSON", "GROUP", "AI_AGENT") : notOneOf("PERSON")),
                Field.of("displayName", Kind.STRING, create, badName(150)),
                Field.of("email", Kind.STRING, false, Arbitraries.oneOf(
                        Hostile.value().filter(s -> !Addresses.isEmail(s)).map(JsonGarbage::quote), tooLong(4000))),
                Field.of("relatedAgentId", Kind.STRING, false, Arbitraries.oneOf(Arbitraries.just("\"\""),
                        tooLong(128), control())),
                new Field("channels", Kind.OBJECTS, false, badChannels, channelItem, channelFields),
                Field.of("agentIds", Kind.STRINGS, false, badAgents)));
        if (!create) {
            fields.add(Field.of("avatarFileId", Kind.STRING, false, null));
        }
        return fields;
    }

    private static String agents(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("\"agent-" + i + "\"");
        }
        return "[" + String.join(",", ids) + "]";
    }

    /** Strings (as JSON) that equal none of {@code valid}, however cased or trimmed. */
    static Arbitrary<String> notOneOf(String... valid) {
        return Arbitraries.oneOf(Hostile.identifier(),
                        Arbitraries.of(valid).map(v -> v + "\u0000"),
                        Arbitraries.of(valid).map(v -> v.replace('A', '\u0391').replace('a', '\u0430') + "\u200B"),
                        Arbitraries.of(valid).map(v -> v + "s"),
                        Arbitraries.of(valid).map(v -> "\uFEFF" + v + "\uD800"))
                .filter(s -> Hostile.differsFrom(s, valid))
                .map(JsonGarbage::quote);
    }

    /** Names that are blank, longer than {@code max} code points, or hold control characters. */
    static Arbitrary<String> badName(int max) {
        return Arbitraries.oneOf(Arbitraries.of("\"\"", "\" \"", "\"   \"", "\"\\t\"", "\"\\n\"", "\"\\u0000\""),
                tooLong(max), control(), hugeUnderTheLimit());
    }

    /** Longer than {@code max} code points. */
    static Arbitrary<String> tooLong(int max) {
        return Hostile.longerThan(max).map(JsonGarbage::quote);
    }

    /** A string just under the 64 KiB body limit: refused for its length, not for the body's size. */
    static Arbitrary<String> hugeUnderTheLimit() {
        return Arbitraries.integers().between(60_000, 65_400).map(n -> "\"" + "x".repeat(n) + "\"");
    }

    static Arbitrary<String> control() {
        return Hostile.withControlCharacters().map(JsonGarbage::quote);
    }

    /** JSON values of any type but {@code kind}; null is never among them, as every field may be null. */
    static Arbitrary<String> wrongType(Kind kind) {
        List<String> values = switch (kind) {
            case STRING -> List.of("42", "-1.5", "1e999", "0", "true", "false", "{}", "{\"a\":1}", "[]", "[\"x\"]");
            case INTEGER -> List.of("\"1\"", "1.5", "1.0", "2147483648", "-2147483649", "1e3", "true", "[]", "{}",
                    "\"abc\"", "99999999999999999999999", "[1]");
            case BOOLEAN -> List.of("\"true\"", "1", "0", "[true]", "{}", "\"yes\"", "\"false\"", "[]");
            case STRINGS -> List.of("\"x\"", "1", "{}", "true", "[1]", "[{}]", "[[]]", "[\"a\",2]", "[true]",
                    "{\"0\":\"a\"}");
            case OBJECT -> List.of("\"x\"", "1", "[]", "true", "[{}]", "\"{}\"");
            case OBJECTS -> List.of("\"x\"", "{}", "1", "[1]", "[\"x\"]", "[[]]", "[true]", "\"[]\"");
        };
        // nested arrays are of the wrong type for every kind, arrays included (their items are no strings or objects)
        return Arbitraries.oneOf(Arbitraries.of(values),
                Arbitraries.integers().between(2, 400).map(depth -> "[".repeat(depth) + "]".repeat(depth)));
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** The model's valid body with {@code field} set to the JSON {@code value}. */
    static String with(Model model, String field, String value) {
        Map<String, String> body = new LinkedHashMap<>(model.valid());
        body.put(field, value);
        return json(body);
    }

    /** A valid item of an object field with one of its own fields set to {@code value}, as that field's value. */
    static String itemWith(Field field, String itemField, String value) {
        Map<String, String> item = new LinkedHashMap<>(field.item());
        item.put(itemField, value);
        return field.kind() == Kind.OBJECTS ? "[" + json(item) + "]" : json(item);
    }

    /** Bodies that are each refused for one known reason; labelled with it. */
    static Arbitrary<Labelled> refused(Model model) {
        List<Arbitrary<Labelled>> ways = new ArrayList<>();
        for (Field field : model.fields()) {
            ways.add(wrongType(field.kind()).map(v -> new Labelled("wrong-type " + field.name(), with(model, field.name(), v))));
            if (field.refused() != null) {
                ways.add(field.refused().map(v -> new Labelled("refused-value " + field.name(),
                        with(model, field.name(), v))));
            }
            if (field.required()) {
                Map<String, String> without = new LinkedHashMap<>(model.valid());
                without.remove(field.name());
                ways.add(Arbitraries.just(new Labelled("missing " + field.name(), json(without))));
            }
            for (Field inner : field.itemFields()) {
                ways.add(wrongType(inner.kind()).map(v -> new Labelled(
                        "wrong-type " + field.name() + "." + inner.name(),
                        with(model, field.name(), itemWith(field, inner.name(), v)))));
                if (inner.refused() != null && field.kind() == Kind.OBJECTS) {
                    ways.add(inner.refused().map(v -> new Labelled("refused-value " + field.name() + "." + inner.name(),
                            with(model, field.name(), itemWith(field, inner.name(), v)))));
                }
            }
            if (field.item() != null) {
                ways.add(unknownFieldName(field.itemFields()).map(name -> new Labelled("unknown-field " + field.name()
                        + "." + name, with(model, field.name(), itemWith(field, name, "1")))));
            }
        }
        List<Field> strings = model.fields().stream().filter(f -> f.kind() == Kind.STRING).toList();
        if (!strings.isEmpty()) {
            ways.add(Combinators.combine(Arbitraries.of(strings), unpairedSurrogate()).as((field, text) ->
                    new Labelled("unpaired-surrogate " + field.name(), with(model, field.name(), JsonGarbage.quote(text)))));
        }
        ways.add(Combinators.combine(unknownFieldName(model.fields()), anyJson())
                .as((name, value) -> new Labelled("unknown-field", with(model, name, value))));
        return Arbitraries.oneOf(ways);
    }

    private static Arbitrary<String> unknownFieldName(List<Field> fields) {
        return Arbitraries.oneOf(Hostile.identifier(), Arbitraries.of("__proto__", "constructor", "$where", "id",
                        "tenantId", "version", "pk", "sk", "createdAt", "updatedAt", "disabledAt", "connection", "",
                        "DISPLAYNAME", "display_name", "displayname ", "status\u0000", "\uFEFFname"))
                .filter(name -> fields.stream().noneMatch(f -> f.name().equalsIgnoreCase(name.strip())));
    }

    /** Otherwise valid text with a surrogate that is not half of a pair: not Unicode text. */
    static Arbitrary<String> unpairedSurrogate() {
        return Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(10),
                        Arbitraries.chars().range('\uD800', '\uDFFF'), Arbitraries.strings().alpha().ofMaxLength(10),
                        Arbitraries.of("", "\uD83D\uDE00", "\u00E9"))
                .as((before, surrogate, after, also) -> before + also + surrogate + after)
                .filter(Hostile::hasLoneSurrogate);
    }

    /** Any JSON value, deeply nested ones included. */
    static Arbitrary<String> anyJson() {
        return Arbitraries.oneOf(Arbitraries.of("1", "\"x\"", "null", "true", "{}", "[]", "{\"$ne\":null}"),
                Hostile.value().map(JsonGarbage::quote),
                Arbitraries.integers().between(2, 900).map(d -> JsonGarbage.nested(d, d % 4, "a")));
    }

    /** A body and why the API must refuse it. */
    record Labelled(String label, String body) {
    }
}
