package io.participants.domain.conversation;

import io.participants.domain.common.FieldError;
import io.participants.domain.common.Violations;
import io.participants.domain.common.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How identifiers are validated and normalised, so two spellings of one contact are one identifier. */
class IdentifierTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "emailaddress | john.doe@example.com  | john.doe@example.com",
            "emailaddress | John.Doe@Example.COM  | john.doe@example.com",
            "EmailAddress | JOHN.DOE@EXAMPLE.COM  | john.doe@example.com",
            "phonenumber  | +14155550100          | +14155550100",
            "phonenumber  | +1 (415) 555-0100     | +14155550100",
            "phonenumber  | +1.415.555.0100       | +14155550100",
            "PHONENUMBER  | '+1 415 555 0100'     | +14155550100"})
    void emailsAndPhoneNumbersAreNormalised(String key, String value, String normalised) {
        Identifier identifier = parse(key, value);

        assertThat(identifier).isEqualTo(new Identifier(key.toLowerCase(), normalised));
        assertThat(identifier.isAddress()).isTrue();
    }

    @Test
    void opaqueValuesAreKeptVerbatim() {
        assertThat(parse("slackid", "U0123 Mixed/Case+%")).isEqualTo(new Identifier("slackid", "U0123 Mixed/Case+%"));
        assertThat(parse("Slack.Id_2", "x").key()).isEqualTo("slack.id_2");
        assertThat(parse("slackid", "x").isAddress()).isFalse();
    }

    @Test
    void opaqueValuesMayHave256CharactersButNoMore() {
        assertThat(parse("slackid", "v".repeat(Identifier.MAX_VALUE)).value()).hasSize(256);

        assertThat(violations("slackid", "v".repeat(Identifier.MAX_VALUE + 1))).containsExactly("identifierValue");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-email", "john@", "@example.com", "john doe@example.com", "john@example"})
    void invalidEmailsAreRefused(String value) {
        assertThat(violations("emailaddress", value)).containsExactly("identifierValue");
    }

    @ParameterizedTest
    @ValueSource(strings = {"14155550100", "+0415555", "+1", "+1415555010012345", "+1 415 CALL NOW", "++14155550100",
            "%2B14155550100"})
    void invalidPhoneNumbersAreRefused(String value) {
        assertThat(violations("phonenumber", value)).containsExactly("identifierValue");
    }

    @Test
    void emptyValuesAndControlCharactersAreRefused() {
        assertThat(violations("slackid", "")).containsExactly("identifierValue");
        assertThat(violations("slackid", null)).containsExactly("identifierValue");
        assertThat(violations("slackid", "a\nb")).containsExactly("identifierValue");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-leading", "has space", "sl@ck",
            "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"})
    void keysAreShortWordsOfLettersDigitsAndPunctuation(String key) {
        assertThat(violations(key, "x")).containsExactly("identifierKey");
    }

    @Test
    void aMissingKeyIsReportedWithoutCheckingTheValue() {
        assertThat(violations(null, "")).containsExactly("identifierKey");
    }

    @Test
    void violationsAreNamedUnderThePrefixGiven() {
        Violations v = new Violations();

        assertThat(Identifier.parse("emailaddress", "nope", "contact.", v)).isNull();

        List<FieldError> errors = catchThrowableOfType(ValidationException.class, v::throwIfAny).errors();
        assertThat(errors).extracting(FieldError::field).containsExactly("contact.identifierValue");
        assertThat(errors.get(0).reason()).contains("email");
    }

    private static Identifier parse(String key, String value) {
        Violations v = new Violations();
        Identifier identifier = Identifier.parse(key, value, "", v);
        assertThat(v.isEmpty()).as("violations of %s %s", key, value).isTrue();
        return identifier;
    }

    private static List<String> violations(String key, String value) {
        Violations v = new Violations();
        assertThat(Identifier.parse(key, value, "", v)).isNull();
        return catchThrowableOfType(ValidationException.class, v::throwIfAny).errors().stream()
                .map(FieldError::field).toList();
    }
}
