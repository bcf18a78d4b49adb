package io.participants.domain.participant;

import io.participants.domain.common.Ids;
import io.participants.domain.common.Violations;
import io.participants.domain.integration.Addresses;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/** The input rules of a participant, shared by create and update; every violation is reported with its field. */
final class ParticipantRules {

    static final int MAX_DISPLAY_NAME = 150;
    static final int MAX_EMAIL = 4000;
    static final int MAX_AGENT_ID = 128;
    static final int MAX_RELATED_AGENT_ID = 128;
    /** Channels and agents are bounded so that any change of them fits one 100-action store transaction. */
    static final int MAX_CHANNELS = 10;
    static final int MAX_AGENTS = 25;
    static final int MAX_ADDRESS = 256;
    /** Addresses are part of a store key, whose size is bounded in bytes. */
    static final int MAX_ADDRESS_BYTES = 900;
    static final int MAX_LABEL = 100;

    /** Agent ids appear in paths (bindings), so they keep to URL-safe characters. */
    private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_AGENT_ID + "}");

    private ParticipantRules() {
    }

    /** URL-safe characters, but not the dot segments {@code .} and {@code ..}, which clients resolve away. */
    static boolean isAgentId(String value) {
        return value != null && AGENT_ID.matcher(value).matches() && !value.equals(".") && !value.equals("..");
    }

    static void displayName(Violations v, String value) {
        if (v.check(value != null && !value.isBlank(), "displayName", "is required and must not be blank")) {
            v.check(value.codePointCount(0, value.length()) <= MAX_DISPLAY_NAME, "displayName",
                    "must be at most " + MAX_DISPLAY_NAME + " characters");
            v.check(!hasControlCharacters(value), "displayName", "must not contain control characters");
        }
    }

    static void email(Violations v, String value) {
        if (value == null) {
            return;
        }
        if (v.check(value.length() <= MAX_EMAIL, "email", "must be at most " + MAX_EMAIL + " characters")) {
            v.check(Addresses.isEmail(value), "email", "must be a valid email address");
        }
    }

    static void relatedAgentId(Violations v, String value) {
        if (value != null) {
            v.check(!value.isEmpty() && value.length() <= MAX_RELATED_AGENT_ID && !hasControlCharacters(value),
                    "relatedAgentId", "must be 1 to " + MAX_RELATED_AGENT_ID + " characters without control characters");
        }
    }

    /** Validates agent ids and returns them as a set; duplicates collapse. */
    static Set<String> agentIds(Violations v, List<String> values) {
        Set<String> result = new TreeSet<>();
        if (values == null) {
            return result;
        }
        v.check(values.size() <= MAX_AGENTS, "agentIds", "must have at most " + MAX_AGENTS + " entries");
        for (int i = 0; i < values.size(); i++) {
            String id = values.get(i);
            if (v.check(isAgentId(id), "agentIds[" + i + "]",
                    "must be 1 to " + MAX_AGENT_ID + " characters of letters, digits, '.', '_', ':' or '-'")) {
                result.add(id);
            }
        }
        return result;
    }

    /** A channel whose syntax is valid, waiting for its config's provider. */
    record ParsedChannel(UUID integrationConfigId, String address, int priority, String label, boolean disabled) {
    }

    static List<ParsedChannel> channels(Violations v, List<ChannelInput> values) {
        List<ParsedChannel> result = new ArrayList<>();
        if (values == null) {
            return result;
        }
        v.check(values.size() <= MAX_CHANNELS, "channels", "must have at most " + MAX_CHANNELS + " entries");
        for (int i = 0; i < values.size(); i++) {
            String at = "channels[" + i + "]";
            ChannelInput input = values.get(i);
            if (!v.check(input != null, at, "must be an object")) {
                continue;
            }
            UUID configId = Ids.parse(input.integrationConfigId()).orElse(null);
            boolean ok = v.check(configId != null, at + ".integrationConfigId", "must be a UUID");
            String address = input.address();
            if (v.check(address != null && !address.isEmpty(), at + ".address", "is required")) {
                ok &= v.check(fitsAddress(address), at + ".address", ADDRESS_RULE);
            } else {
                ok = false;
            }
            String label = input.label();
            ok &= v.check(label == null
                            || label.codePointCount(0, label.length()) <= MAX_LABEL && !hasControlCharacters(label),
                    at + ".label", "must be at most " + MAX_LABEL + " characters without control characters");
            // repeats are found once the configs' providers are known, which say which spellings are one address
            if (ok) {
                result.add(new ParsedChannel(configId, address, input.priority() == null ? 0 : input.priority(),
                        label, Boolean.TRUE.equals(input.disabled())));
            }
        }
        return result;
    }

    /**
     * The syntax of an auto-sync setting: {@code enabled} is required; a channel is named by both
     * {@code integrationConfigId} and {@code address}, or by neither (the highest-priority channel with an avatar
     * source). Whether the channel is the participant's is checked once its channels are known.
     */
    static AvatarAutoSync avatarAutoSync(Violations v, AvatarAutoSyncInput input) {
        if (input == null) {
            return null;
        }
        boolean ok = v.check(input.enabled() != null, "avatarAutoSync.enabled", "is required (true or false)");
        UUID configId = null;
        boolean hasConfig = input.integrationConfigId() != null;
        boolean hasAddress = input.address() != null;
        if (hasConfig) {
            configId = Ids.parse(input.integrationConfigId()).orElse(null);
            ok &= v.check(configId != null, "avatarAutoSync.integrationConfigId", "must be a UUID");
        }
        if (hasAddress) {
            ok &= v.check(!input.address().isEmpty() && fitsAddress(input.address()), "avatarAutoSync.address",
                    "must be 1 to " + MAX_ADDRESS + " characters without control characters");
        }
        ok &= v.check(hasConfig == hasAddress, "avatarAutoSync",
                "names a channel with both integrationConfigId and address, or neither (the highest-priority channel)");
        return ok ? new AvatarAutoSync(input.enabled(), configId, input.address()) : null;
    }

    static final String ADDRESS_RULE = "must be at most " + MAX_ADDRESS + " characters without control characters";
    static final String REPEATED_CHANNEL = "repeats the integrationConfigId and address of an earlier channel";

    /** Whether a non-empty address may be a channel's: it is part of a store key, so its size is bounded. */
    static boolean fitsAddress(String address) {
        return address.codePointCount(0, address.length()) <= MAX_ADDRESS
                && address.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_ADDRESS_BYTES
                && !hasControlCharacters(address);
    }

    /** The parameters of a lookup by channel: a config id and an address a channel could have. */
    static UUID lookupConfigId(Violations v, String integrationConfigId) {
        if (!v.check(integrationConfigId != null && !integrationConfigId.isBlank(), "integrationConfigId",
                "is required")) {
            return null;
        }
        UUID id = Ids.parse(integrationConfigId).orElse(null);
        v.check(id != null, "integrationConfigId", "must be a UUID");
        return id;
    }

    static void lookupAddress(Violations v, String address) {
        if (v.check(address != null && !address.isBlank(), "address", "is required and must not be blank")) {
            v.check(fitsAddress(address), "address", ADDRESS_RULE);
        }
    }

    private static boolean hasControlCharacters(String value) {
        return value.chars().anyMatch(c -> Character.isISOControl(c));
    }
}
