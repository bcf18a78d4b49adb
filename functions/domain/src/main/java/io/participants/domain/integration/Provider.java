package io.participants.domain.integration;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/** A messaging provider a tenant can connect, with the address format of its channels. */
public enum Provider {
    /** A Slack member id (U…, W…) or conversation id (C…, G…, D…). */
    SLACK(Pattern.compile("[UWCGD][A-Z0-9]{2,31}"), true),
    EMAIL(Addresses.EMAIL, false),
    /** E.164: a plus sign and up to 15 digits, no leading zero. */
    SMS(Addresses.E164, false),
    WHATSAPP(Addresses.E164, false);

    private final Pattern addressFormat;
    private final boolean oauth;

    Provider(Pattern addressFormat, boolean oauth) {
        this.addressFormat = addressFormat;
        this.oauth = oauth;
    }

    /** Whether a config of this provider needs the operator's OAuth connection before its channels can be used. */
    public boolean usesOAuth() {
        return oauth;
    }

    public boolean isValidAddress(String address) {
        return address != null && addressFormat.matcher(address).matches();
    }

    public static Optional<Provider> parse(String name) {
        return Arrays.stream(values()).filter(p -> p.name().equals(name)).findFirst();
    }
}
