package io.participants.api.fuzz;

import io.participants.domain.common.Ids;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Hostile strings: path traversal and injection-looking identifiers, unicode edge cases, control characters,
 * overlong values and bad UUIDs. None contains a word that {@link ProblemOracle} treats as a leaked internal, so a
 * problem that quotes the input back is not mistaken for one that shows a stack trace.
 */
final class Hostile {

    /** Traversal, injection, template and protocol tricks, as identifiers or values. */
    static final List<String> INJECTIONS = List.of(
            "..", "../", "../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e", "%2e%2e%2f", "%252e%252e%252f",
            "..%2f..%2f", "..;/", ".%00.", "%c0%ae%c0%ae/", "/", "//", "./", "~", "~root", "?", "#", "%", "%zz",
            "%00", "&", "=", ";", "\\", "*", "+", " ", "", "' OR 1=1 --", "\" OR \"\"=\"", "' OR '1'='1",
            "1; DROP TABLE participants", "admin'--", "${jndi:ldap://127.0.0.1:1389/a}", "${env:AWS_SECRET_ACCESS_KEY}",
            "${sys:user.home}", "#{7*7}", "{{7*7}}", "<%= 7*7 %>", "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>", "javascript:alert(1)", "{\"$ne\":null}", "$where", "$gt", "[$ne]=1",
            "__proto__", "constructor", "prototype", "`id`", "$(id)", "|id", "; ls -la", "\r\nX-Injected: 1",
            "%0d%0aSet-Cookie:%20x=1", "file:///etc/passwd", "http://169.254.169.254/latest/meta-data/",
            "CON", "NUL", "AUX", "null", "undefined", "NaN", "Infinity", "-1", "0", "true", "[]", "{}", ":disable",
            ":enable", "a:b:c", "PK#acme", "TENANT#acme#PARTICIPANT#", "acme#", "#acme", "attribute_not_exists(pk)",
            ":v1", "%s%s%s%n", "{0}", "\\u0000", "\\x00");

    /** Unicode edge cases: lone and reversed surrogates, NUL, bidi overrides, BOM, emoji, combining marks. */
    static final List<String> UNICODE = List.of(
            "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uDC00\uD800", "x\uD800y", "\u0000", "a\u0000b", "\u202E",
            "abc\u202Edef", "\u202D", "\u2066\u2069", "\u200B", "\u200D", "\u200E\u200F", "\uFEFF", "\uFEFFacme",
            "\uFFFE", "\uFFFF", "\uFFFD", "\u2028", "\u2029", "\u0085", "\u00A0", "\u3000", "\uD83D\uDE00",
            "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66", "\uD83C\uDDFA\uD83C\uDDF3",
            "e\u0301", "\u0301", "Z\u0334\u0321\u0322\u0348\u031C\u0320\u0349\u0344\u030C\u0351",
            "\uDBFF\uDFFF", "\uD835\uDD4F", "\uFF21\uFF22\uFF23", "\u0661\u0662\u0663", "\u0131", "\u0130",
            "\u00DF", "\uFB03", "\u0430cme", "A\u030A", "\u00C5", "\u1E9E", "\u2126", "\uDB40\uDC01");

    /** Every C0 and C1 control character, and DEL. */
    static Arbitrary<Character> controlCharacter() {
        return Arbitraries.oneOf(Arbitraries.chars().range('\u0000', '\u001F'), Arbitraries.just('\u007F'),
                Arbitraries.chars().range('\u0080', '\u009F'));
    }

    /** A short string with at least one control character in it. */
    static Arbitrary<String> withControlCharacters() {
        return Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(8), controlCharacter(),
                        Arbitraries.strings().alpha().ofMaxLength(8))
                .as((before, c, after) -> before + c + after);
    }

    /** One unicode edge case, alone or inside ordinary text. */
    static Arbitrary<String> unicode() {
        return Combinators.combine(Arbitraries.of(UNICODE), Arbitraries.strings().alpha().ofMaxLength(6),
                        Arbitraries.strings().alpha().ofMaxLength(6), Arbitraries.integers().between(1, 3))
                .as((edge, before, after, times) -> before + edge.repeat(times) + after);
    }

    /** Unicode that is valid text (no lone surrogate, no control character): what a real name may hold. */
    static Arbitrary<String> validUnicodeText() {
        return unicode().filter(s -> !hasLoneSurrogate(s) && s.chars().noneMatch(Character::isISOControl)
                && !s.isBlank() && s.codePointCount(0, s.length()) <= 100);
    }

    /** Arbitrary strings over the whole BMP and beyond, surrogates and controls included. */
    static Arbitrary<String> anyText(int maxLength) {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(maxLength),
                Arbitraries.strings().withCharRange('\u0000', '\u00FF').ofMaxLength(maxLength),
                Arbitraries.strings().withChars("./\\%:;#?&=+ '\"<>{}[]$`|").ofMaxLength(maxLength));
    }

    /** A string of {@code min} to {@code max} characters made of one repeated unit, ASCII or not. */
    static Arbitrary<String> overlong(int min, int max) {
        return Combinators.combine(Arbitraries.of("a", "A1", "\u00E9", "\u20AC", "\uD83D\uDE00", "x ", "%2e"),
                        Arbitraries.integers().between(min, max))
                .as((unit, length) -> unit.repeat(Math.max(1, length / unit.length())));
    }

    /** A string of at least {@code min} code points, for fields with a length limit. */
    static Arbitrary<String> longerThan(int limit) {
        return Combinators.combine(Arbitraries.of("a", "\u00E9", "\uD83D\uDE00", "e\u0301", "\u20AC"),
                        Arbitraries.integers().between(limit + 1, limit * 2 + 10))
                .as((unit, codePoints) -> unit.repeat(codePoints));
    }

    /** Traversal and injection strings, with a random prefix or suffix and sometimes repeated. */
    static Arbitrary<String> injection() {
        return Combinators.combine(Arbitraries.of(INJECTIONS), Arbitraries.of("", "", "x", "acme", "1", "%2f"),
                        Arbitraries.of("", "", "x", "/x", "%00", ".json"), Arbitraries.integers().between(1, 3))
                .as((core, before, after, times) -> before + core.repeat(times) + after);
    }

    /** Strings that {@link Ids#parse} refuses: near-UUIDs of every wrong shape, and anything hostile. */
    static Arbitrary<String> badUuid() {
        Arbitrary<String> nearly = Combinators.combine(Arbitraries.create(UUID::randomUUID),
                        Arbitraries.integers().between(0, 11))
                .as((uuid, how) -> {
                    String s = uuid.toString();
                    return switch (how) {
                        case 0 -> s.replace("-", "");
                        case 1 -> "{" + s + "}";
                        case 2 -> "urn:uuid:" + s;
                        case 3 -> s.substring(1);
                        case 4 -> s + "0";
                        case 5 -> s.substring(0, 35) + "g";
                        case 6 -> s + "\n";
                        case 7 -> " " + s;
                        case 8 -> s.replace('-', '_');
                        case 9 -> s.substring(0, 8) + "-" + s.substring(9).replace("-", "") + "---";
                        case 10 -> s.replace('a', '\u0430').replace('0', '\u0660') + (s.contains("a") ? "" : "\u0660");
                        default -> "1-1-1-1-1";
                    };
                });
        return Arbitraries.oneOf(nearly, nearly, injection(), unicode(), withControlCharacters(),
                        overlong(37, 2000), Arbitraries.strings().numeric().ofMaxLength(40),
                        Arbitraries.of("00000000-0000-0000-0000-00000000000", "ffffffff-ffff-ffff-ffff-fffffffffffff",
                                "00000000-0000-0000-0000-000000000000 ", "-", "----", "0", "null"))
                .filter(s -> Ids.parse(s).isEmpty());
    }

    /** Any hostile identifier: traversal and injection, unicode, controls, overlong, bad UUIDs, random text. */
    static Arbitrary<String> identifier() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, injection()),
                Tuple.of(3, unicode()),
                Tuple.of(2, withControlCharacters()),
                Tuple.of(2, badUuid()),
                Tuple.of(1, overlong(129, 3000)),
                Tuple.of(2, anyText(40)));
    }

    /** A hostile value of any kind, for free-text fields, headers and query values. */
    static Arbitrary<String> value() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, identifier()),
                Tuple.of(1, overlong(1000, 9000)));
    }

    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    static boolean hasControlCharacters(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }

    /** Whether {@code s} cannot pass for {@code valid} however it is trimmed, cased or normalised. */
    static boolean differsFrom(String s, String... valid) {
        String plain = s.strip().toLowerCase(Locale.ROOT);
        for (String v : valid) {
            if (plain.equals(v.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /** The URL-safe agent ids the participants API accepts. */
    static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** An agent id the API accepts: URL-safe characters, but no dot segment. */
    static boolean isAgentId(String value) {
        return AGENT_ID.matcher(value).matches() && !value.equals(".") && !value.equals("..");
    }
    /** Matches the identifier keys the conversations API accepts (after lower-casing). */
    static final Pattern IDENTIFIER_KEY = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    private Hostile() {
    }
}
