package io.participants.domain.integration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The address format of each provider's channels, and provider names. */
class ProviderTest {

    @ParameterizedTest
    @ValueSource(strings = {"U0123ABCD", "W012A3CDE", "C024BE91L", "G0AB12CDE", "D024BFF1M", "U12",
            "U0123456789ABCDEF0123456789ABCDE"})
    void slackAcceptsMemberAndConversationIds(String address) {
        assertThat(Provider.SLACK.isValidAddress(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "U1", "u0123abcd", "X0123ABCD", "U0123-ABCD", "@ada", "#general", " U0123ABCD",
            "U0123456789ABCDEF0123456789ABCDEF"})
    void slackRefusesAnythingElse(String address) {
        assertThat(Provider.SLACK.isValidAddress(address)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada@example.com", "first.last+tag@mail.example.co.uk", "o'neil@x-y.example",
            "a@b.io"})
    void emailAcceptsDotAtomAddresses(String address) {
        assertThat(Provider.EMAIL.isValidAddress(address)).isTrue();
        assertThat(Addresses.isEmail(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada", "ada@localhost", "ada@@example.com", ".ada@example.com", "a..b@example.com",
            "ada@-example.com", "ada@example-.com", "\"quoted\"@example.com", "ada @example.com", "ada@example.com\n"})
    void emailRefusesOtherShapes(String address) {
        assertThat(Provider.EMAIL.isValidAddress(address)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+14155550100", "+491701234567", "+12", "+123456789012345"})
    void smsAndWhatsAppAcceptE164(String address) {
        assertThat(Provider.SMS.isValidAddress(address)).isTrue();
        assertThat(Provider.WHATSAPP.isValidAddress(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"14155550100", "+04155550100", "+1", "+1234567890123456", "+1 415 555 0100",
            "+1-415-555-0100", "tel:+14155550100"})
    void smsAndWhatsAppRefuseOtherNumbers(String address) {
        assertThat(Provider.SMS.isValidAddress(address)).isFalse();
        assertThat(Provider.WHATSAPP.isValidAddress(address)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SLACK    | u0123abcd              | U0123ABCD",
            "SLACK    | U0123abCD              | U0123ABCD",
            "SLACK    | U0123ABCD              | U0123ABCD",
            "EMAIL    | Ada.Lovelace@Example.COM | ada.lovelace@example.com",
            "EMAIL    | ada@example.com        | ada@example.com",
            "SMS      | +1 (415) 555-0100      | +14155550100",
            "SMS      | +1.415.555.0100        | +14155550100",
            "WHATSAPP | '+49 170 1234567'      | +491701234567",
            "WHATSAPP | +14155550100           | +14155550100"})
    void addressesAreNormalisedByTheirProvider(Provider provider, String address, String normalised) {
        assertThat(provider.normalise(address)).isEqualTo(normalised);
        assertThat(provider.isValidAddress(normalised)).isTrue();
        assertThat(provider.normalise(normalised)).as("normalising twice changes nothing").isEqualTo(normalised);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // fits no format of the provider: kept exactly, its health reports INVALID_FORMAT
            "SLACK    | ada@example.com",
            "SLACK    | u1",
            "SLACK    | x0123abcd",
            "SLACK    | 'u0123 abcd'",
            // upper-casing a non-ASCII letter could make ASCII ('ı' is I, 'ſ' is S): never a Slack id
            "SLACK    | u0123ı",
            "SLACK    | u0123ſ",
            "EMAIL    | Not An Email",
            "EMAIL    | U0123ABCD",
            "EMAIL    | '\"Quoted\"@Example.com'",
            "SMS      | 0170 1234567",
            "SMS      | +1 415 555 0100 ext 12",
            "WHATSAPP | ada@example.com"})
    void anAddressThatFitsNoFormatStaysAsGiven(Provider provider, String address) {
        assertThat(provider.normalise(address)).isEqualTo(address);
    }

    @Test
    void everySpellingAChannelCanBeStoredUnderIsListedOnce() {
        assertThat(Provider.spellings("u0123abcd")).containsExactlyInAnyOrder("U0123ABCD", "u0123abcd");
        assertThat(Provider.spellings("Ada@Example.com"))
                .containsExactlyInAnyOrder("Ada@Example.com", "ada@example.com");
        assertThat(Provider.spellings("+1 415 555 0100"))
                .containsExactlyInAnyOrder("+1 415 555 0100", "+14155550100");
        assertThat(Provider.spellings("ada@example.com")).containsExactly("ada@example.com");
    }

    @Test
    void nullIsNeverAnAddress() {
        for (Provider provider : Provider.values()) {
            assertThat(provider.isValidAddress(null)).isFalse();
        }
    }

    @Test
    void providerNamesAreExactAndUpperCase() {
        assertThat(Provider.parse("SLACK")).contains(Provider.SLACK);
        assertThat(Provider.parse("slack")).isEmpty();
        assertThat(Provider.parse("FAX")).isEmpty();
        assertThat(Provider.parse(null)).isEmpty();
    }
}
