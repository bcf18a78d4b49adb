package io.participants.domain.integration;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/** A messaging provider a tenant can connect, with the address format of its channels. */
public enum Provider {
    /** A Slack member id (U…, W…) or conversation id (C…, G…, D…). */
    SLACK(Pattern.compile("[UWCGD][A-Z0-9]{2,31}")),
    EMAIL(Addresses.EMAIL),
    /** E.164: a plus sign and up to 15 digits, no leading zero. */
    SMS(Addresses.E164),
    WHATSAPP(Addresses.E164);

    private final Pattern addressFormat;

    Provider(Pattern addressFormat) {
        this.addressFormat = addressFormat;
    }

    public boolean isValidAddress(String address) {
        return address != null && addressFormat.matcher(address).matches();
    }

    public static Optional<Provider> parse(String name) {
        return Arrays.stream(values()).filter(p -> p.name().equals(name)).findFirst();
    }
}
