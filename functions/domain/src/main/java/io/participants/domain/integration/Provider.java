package io.participants.domain.integration;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** A messaging provider a tenant can connect, with the address format of its channels. */
public enum Provider {
    /** A Slack member id (U…, W…) or conversation id (C…, G…, D…). */
    SLACK(Pattern.compile("[UWCGD][A-Z0-9]{2,31}"), true, true),
    EMAIL(Addresses.EMAIL, false, false),
    /** E.164: a plus sign and up to 15 digits, no leading zero. */
    SMS(Addresses.E164, false, false),
    WHATSAPP(Addresses.E164, false, false),
    /**
     * A numeric chat id: a user's positive id, a group's or supergroup's negative one ({@code -100…}); never an
     * {@code @username}. Connected with a bot token, not OAuth.
     */
    TELEGRAM(Pattern.compile("-?[1-9][0-9]{0,18}"), false, true),
    /** A Microsoft Entra ID user object id: a GUID, stored lower-cased. */
    MICROSOFT_TEAMS(Addresses.GUID, true, true);

    /** The only characters a Slack id is written in, in either case; upper-casing nothing else can make one. */
    private static final Pattern ASCII_ALPHANUMERIC = Pattern.compile("[A-Za-z0-9]+");

    private final Pattern addressFormat;
    private final boolean oauth;
    private final boolean connection;

    Provider(Pattern addressFormat, boolean oauth, boolean connection) {
        this.addressFormat = addressFormat;
        this.oauth = oauth;
        this.connection = connection;
    }

    /** Whether a config of this provider is connected through the OAuth authorization-code flow. */
    public boolean usesOAuth() {
        return oauth;
    }

    /**
     * Whether a config of this provider needs the operator's connection (a stored token, from OAuth or given by the
     * operator) before its channels can be used.
     */
    public boolean needsConnection() {
        return connection;
    }

    public boolean isValidAddress(String address) {
        return address != null && addressFormat.matcher(address).matches();
    }

    /**
     * The one spelling a channel address of this provider is stored and found under, so that two spellings of one
     * address are one channel: an email address lower-cased, a phone number in E.164 without separators, a Slack id
     * upper-cased. An address that fits none of these stays as given (its channel's health says so).
     */
    public String normalise(String address) {
        String normalised = switch (this) {
            case SLACK -> address != null && ASCII_ALPHANUMERIC.matcher(address).matches()
                    && isValidAddress(address.toUpperCase(Locale.ROOT)) ? address.toUpperCase(Locale.ROOT) : null;
            case EMAIL -> Addresses.normalisedEmail(address);
            case SMS, WHATSAPP -> Addresses.normalisedPhone(address);
            case TELEGRAM -> address;
            case MICROSOFT_TEAMS -> isValidAddress(address) ? address.toLowerCase(Locale.ROOT) : null;
        };
        return normalised == null ? address : normalised;
    }

    /**
     * Every spelling a channel holding {@code address} can be stored under, whatever its provider: as each provider
     * normalises it, and as given (channels written before addresses were normalised keep their spelling).
     */
    public static Set<String> spellings(String address) {
        Set<String> spellings = new LinkedHashSet<>();
        Arrays.stream(values()).forEach(provider -> spellings.add(provider.normalise(address)));
        spellings.add(address);
        return spellings;
    }

    public static Optional<Provider> parse(String name) {
        return Arrays.stream(values()).filter(p -> p.name().equals(name)).findFirst();
    }
}
