package io.participants.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The stack synthesized once per test JVM, offline, with test context and a small dummy Lambda zip in target/ (so
 * infra tests do not depend on the functions build), plus helpers to read the template.
 */
final class Synth {

    static final String ISSUER = "https://issuer.test.example/";
    static final String AUDIENCE = "participants-test";

    private static Synth instance;

    final App app;
    final ParticipantsStack stack;
    final Template template;
    final Map<String, Object> json;

    private Synth(Map<String, Object> context) {
        app = App.Builder.create().context(context).build();
        stack = ParticipantsApp.build(app);
        template = Template.fromStack(stack);
        json = template.toJSON();
    }

    static synchronized Synth get() {
        if (instance == null) {
            instance = new Synth(context(Map.of()));
        }
        return instance;
    }

    /** A fresh synthesis with these context values on top of the test defaults (for settings tests). */
    static Synth with(Map<String, Object> overrides) {
        return new Synth(context(overrides));
    }

    static Map<String, Object> context(Map<String, Object> overrides) {
        Map<String, Object> context = new HashMap<>();
        context.put("jwtIssuer", ISSUER);
        context.put("jwtAudience", AUDIENCE);
        context.put("lambdaZip", dummyZip().toString());
        context.put("changeEventsZip", dummyZip("test-change-events-lambda.zip").toString());
        context.putAll(overrides);
        return context;
    }

    static Path dummyZip() {
        return dummyZip("test-lambda.zip");
    }

    /** A stand-in artifact under target/, its content named after it so that each is an asset of its own. */
    static synchronized Path dummyZip(String name) {
        Path zip = Path.of("target", name).toAbsolutePath();
        if (!Files.exists(zip)) {
            try {
                Files.createDirectories(zip.getParent());
                try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
                    z.putNextEntry(new ZipEntry("README.txt"));
                    z.write(("dummy Lambda artifact for infra tests: " + name).getBytes(StandardCharsets.UTF_8));
                    z.closeEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return zip;
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> resources() {
        return (Map<String, Map<String, Object>>) json.get("Resources");
    }

    Map<String, Map<String, Object>> resources(String type) {
        return resources().entrySet().stream().filter(e -> type.equals(e.getValue().get("Type")))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                        java.util.LinkedHashMap::new));
    }

    Map<String, Object> resource(String logicalId) {
        Map<String, Object> resource = resources().get(logicalId);
        if (resource == null) {
            throw new AssertionError("no resource " + logicalId);
        }
        return resource;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> props(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    String onlyLogicalId(String type) {
        Map<String, Map<String, Object>> found = resources(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + found.keySet());
        }
        return found.keySet().iterator().next();
    }

    /**
     * A CloudFormation value as text: {@code Ref X} is {@code ${X}}, {@code Fn::GetAtt [X, Y]} is {@code ${X.Y}},
     * {@code Fn::Join} is the joined text, so ARNs can be compared as strings.
     */
    @SuppressWarnings("unchecked")
    static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<String, Object> e = ((Map<String, Object>) map).entrySet().iterator().next();
            switch (e.getKey()) {
                case "Ref":
                    return "${" + e.getValue() + "}";
                case "Fn::GetAtt":
                    List<Object> att = (List<Object>) e.getValue();
                    return "${" + att.get(0) + "." + att.get(1) + "}";
                case "Fn::Join":
                    List<Object> join = (List<Object>) e.getValue();
                    return ((List<Object>) join.get(1)).stream().map(Synth::text)
                            .collect(Collectors.joining((String) join.get(0)));
                default:
                    break;
            }
        }
        throw new AssertionError("cannot render " + value);
    }

    /** A value that may be one string or a list of them (IAM Action, Resource). */
    @SuppressWarnings("unchecked")
    static List<String> texts(Object value) {
        return value instanceof List<?> list ? ((List<Object>) list).stream().map(Synth::text).toList()
                : List.of(text(value));
    }
}
