package io.participants.api.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.atlassian.oai.validator.interaction.response.ResponseValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.ApiPathImpl;
import com.atlassian.oai.validator.model.NormalisedPathImpl;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks every response the tests see against its operation in the OpenAPI document generated at build time. */
public final class OpenApiContract {

    /** Where the micronaut-openapi annotation processor writes the document, on the test classpath. */
    public static final String DOCUMENT = "META-INF/swagger/participants-api-1.yml";

    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Pattern PARAMETER = Pattern.compile("\\{[^}/]+}");
    /** The statuses of refusals that come before routing, so on any path. */
    private static final Set<Integer> BEFORE_ROUTING = Set.of(400, 403, 413);

    private static final OpenAPI API = load();
    private static final List<Route> ROUTES = routes(API);
    private static final MessageResolver MESSAGES = new MessageResolver();
    private static final SchemaValidator SCHEMAS = new SchemaValidator(API, MESSAGES);
    private static final ResponseValidator RESPONSES = new ResponseValidator(SCHEMAS, MESSAGES, API, List.of());

    private OpenApiContract() {
    }

    /** One documented operation: its method, path template and operationId. */
    public record Route(String method, String path, String operationId, Operation operation, Pattern pattern) {

        /** Literal characters of the template: the more, the more specific, as a router ranks them. */
        int literalLength() {
            return PARAMETER.matcher(path).replaceAll("").length();
        }

        @Override
        public String toString() {
            return method + " " + path + " (" + operationId + ")";
        }
    }

    /** The parsed document, its references resolved. */
    public static OpenAPI document() {
        return API;
    }

    /** Every operation of the document. */
    public static List<Route> routes() {
        return ROUTES;
    }

    static void verify(APIGatewayV2HTTPEvent request, ApiResponse response) {
        String method = request.getRequestContext().getHttp().getMethod();
        List<String> violations = violations(method, request.getRawPath(), response.status(), response.headers(),
                response.body());
        if (!violations.isEmpty()) {
            throw new AssertionError("Response to " + method + " " + request.getRawPath()
                    + " breaks the OpenAPI contract (" + DOCUMENT + "):\n  - " + String.join("\n  - ", violations)
                    + "\nResponse: " + response);
        }
    }

    /** The ways a response to {@code method rawPath} departs from the document; empty when it conforms. */
    public static List<String> violations(String method, String path, int status, Map<String, String> headers,
                                          String body) {
        // the router reads a path with a trailing slash as the path without it
        String rawPath = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        Map<String, String> header = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        header.putAll(headers);
        boolean hasBody = body != null && !body.isEmpty();
        String contentType = mediaType(header.get("content-type"));
        List<String> violations = new ArrayList<>();
        if (status == 204 && hasBody) {
            violations.add("204 must have no body");
        }
        if (hasBody && contentType == null) {
            violations.add("a body without a Content-Type");
        } else if (hasBody && status >= 400 && !PROBLEM_JSON.equals(contentType)) {
            violations.add("an error must be " + PROBLEM_JSON + ", not " + contentType);
        } else if (hasBody && status < 300 && !JSON.equals(contentType)
                && !documents(route(method, rawPath), status, contentType)) {
            // only a response the document gives another media type (Graph's validation echo, text/plain) may differ
            violations.add("a success body must be " + JSON + ", not " + contentType);
        }

        Optional<Route> route = route(method, rawPath);
        if (route.isEmpty()) {
            // No operation has this method and path, so only the router can have answered, and with a problem; or
            // the request was refused before routing: a malformed header or URI (400), a browser's foreign Origin on
            // a local server (403), a body over the limit (413).
            boolean knownPath = ROUTES.stream().anyMatch(r -> r.pattern().matcher(rawPath).matches());
            if (status != 404 && !(knownPath && status == 405) && !BEFORE_ROUTING.contains(status)) {
                violations.add("no operation is documented for " + method + " " + rawPath + ", yet it answered "
                        + status + " instead of " + (knownPath ? "404 or 405" : "404") + " (or " + BEFORE_ROUTING
                        + " before routing)");
            }
            if (!hasBody) {
                violations.add("an error must have a problem body");
            } else {
                describe(SCHEMAS.validate(body, API.getComponents().getSchemas().get("Problem"), "response.body"),
                        violations);
            }
            return violations;
        }

        SimpleResponse.Builder simple = new SimpleResponse.Builder(status);
        header.forEach(simple::withHeader);
        if (hasBody) {
            simple.withBody(body);
        }
        ApiOperation operation = new ApiOperation(new ApiPathImpl(route.get().path(), null),
                new NormalisedPathImpl(rawPath, null), PathItem.HttpMethod.valueOf(route.get().method()),
                route.get().operation());
        int before = violations.size();
        describe(RESPONSES.validateResponse(simple.build(), operation), violations);
        for (int i = before; i < violations.size(); i++) {
            violations.set(i, route.get().operationId() + ": " + violations.get(i));
        }
        return violations;
    }

    /** Whether the route's operation documents {@code mediaType} for the answer of {@code status}. */
    private static boolean documents(Optional<Route> route, int status, String mediaType) {
        if (route.isEmpty() || route.get().operation().getResponses() == null) {
            return false;
        }
        var response = route.get().operation().getResponses().get(Integer.toString(status));
        return response != null && response.getContent() != null && response.getContent().containsKey(mediaType);
    }

    /** The operation a router would pick: among templates matching the path with this method, the most literal. */
    public static Optional<Route> route(String method, String rawPath) {
        return ROUTES.stream()
                .filter(r -> r.method().equalsIgnoreCase(method) && r.pattern().matcher(rawPath).matches())
                .max(Comparator.comparingInt(Route::literalLength));
    }

    private static void describe(ValidationReport report, List<String> violations) {
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() != ValidationReport.Level.ERROR) {
                continue;
            }
            StringBuilder line = new StringBuilder(message.getMessage())
                    .append(" [").append(message.getKey()).append(']');
            // Nested messages say why a combined schema failed; additional info repeats them by schema pointer.
            List<String> details = message.getNestedMessages().isEmpty() ? message.getAdditionalInfo()
                    : message.getNestedMessages().stream().map(ValidationReport.Message::getMessage).toList();
            details.forEach(detail -> line.append("\n      ").append(detail));
            violations.add(line.toString());
        }
    }

    private static String mediaType(String contentType) {
        return contentType == null ? null : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    private static OpenAPI load() {
        String yaml;
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is not on the test classpath; compile the module first");
            }
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The options OpenApiInteractionValidator itself parses with.
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        options.setResolveCombinators(false);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(yaml, null, options);
        if (parsed.getOpenAPI() == null || parsed.getMessages() != null && !parsed.getMessages().isEmpty()) {
            throw new IllegalStateException(DOCUMENT + " does not parse: " + parsed.getMessages());
        }
        return parsed.getOpenAPI();
    }

    private static List<Route> routes(OpenAPI api) {
        List<Route> routes = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                routes.add(new Route(method.name(), path, operation.getOperationId(), operation, pattern(path)))));
        Set<String> ids = new TreeSet<>();
        Set<String> duplicated = routes.stream().map(Route::operationId).filter(id -> id == null || !ids.add(id))
                .map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
        if (!duplicated.isEmpty()) {
            throw new IllegalStateException(DOCUMENT + " lacks unique operationIds: " + duplicated);
        }
        return List.copyOf(routes);
    }

    private static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(template);
        int last = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(template.substring(last, parameter.start()))).append("[^/]+");
            last = parameter.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(template.substring(last))).toString());
    }
}
