package io.participants.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The API reference local mode serves at {@code /docs}: Swagger UI over the OpenAPI document generated from the
 * controllers, both built with the API (the page comes from the api module's {@code docs} jar, its assets from
 * micronaut-openapi, none from a CDN). It stands in front of the gateway and needs no token: no route of the API
 * starts with {@code /docs}, and the deployed stack serves no such page.
 */
final class DocsPage {

    /** The page. */
    static final String PATH = "/docs";
    /** The OpenAPI document the page renders, the one the functions' tests validate every response against. */
    static final String DOCUMENT_PATH = PATH + "/openapi.yml";
    /** Swagger UI's scripts, styles and icons, as micronaut-openapi's {@code swagger-ui.js.url} names them. */
    static final String ASSETS_PATH = PATH + "/res/";

    /** Where the api module's build writes the document and the page (its compiler arguments in pom.xml). */
    static final String DOCUMENT = "META-INF/swagger/participants-api-1.yml";
    static final String PAGE = "META-INF/participants-docs/swagger-ui/index.html";
    private static final String ASSETS = "META-INF/participants-docs/swagger-ui/res/";

    /** One file name, no directory: a dot may not start it, so neither {@code ..} nor a hidden file is reachable. */
    private static final Pattern ASSET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*");
    /**
     * The page and its "try it" may reach this origin only: the page's script is inline (micronaut-openapi's
     * template), Swagger UI sets inline styles and draws icons as data URIs.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self' 'unsafe-inline';"
            + " style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self';"
            + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "yml", "application/yaml; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "png", "image/png");

    private DocsPage() {
    }

    /** Whether {@code path} (decoded, as the gateway sees it) is the page's, whatever its answer. */
    static boolean serves(String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    /** The answer to {@code method} on {@code path}, one that {@link #serves} accepted. */
    static GatewayResponse answer(String method, String path) {
        String resource = resource(path);
        byte[] bytes = resource == null ? null : read(resource);
        if (bytes == null) {
            return GatewayResponse.message(404, "Not Found");
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            GatewayResponse refused = GatewayResponse.message(405, "Method Not Allowed");
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(refused.headers());
            headers.put("Allow", List.of("GET, HEAD"));
            return new GatewayResponse(405, headers, refused.body());
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String extension = resource.substring(resource.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        headers.put("Content-Type", List.of(CONTENT_TYPES.getOrDefault(extension, "application/octet-stream")));
        // a rebuilt API shows at the next reload
        headers.put("Cache-Control", List.of("no-cache"));
        headers.put("X-Content-Type-Options", List.of("nosniff"));
        headers.put("Content-Security-Policy", List.of(CONTENT_SECURITY_POLICY));
        headers.put("Referrer-Policy", List.of("no-referrer"));
        return new GatewayResponse(200, headers, bytes);
    }

    /** The classpath resource behind {@code path}, or null when there is none. */
    private static String resource(String path) {
        if (path.equals(PATH) || path.equals(PATH + "/")) {
            return PAGE;
        }
        if (path.equals(DOCUMENT_PATH)) {
            return DOCUMENT;
        }
        if (path.startsWith(ASSETS_PATH) && ASSET_NAME.matcher(path.substring(ASSETS_PATH.length())).matches()) {
            return ASSETS + path.substring(ASSETS_PATH.length());
        }
        return null;
    }

    private static byte[] read(String resource) {
        try (InputStream in = DocsPage.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
