package io.participants.api.providers;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The hosts images may come from: exact names, or {@code *.example.com} for any subdomain of example.com. */
public final class HostAllowlist {

    private final List<String> exact;
    private final List<String> suffixes;

    public HostAllowlist(Set<String> patterns) {
        this.exact = patterns.stream().filter(p -> !p.startsWith("*.")).map(HostAllowlist::normalise).toList();
        // Keep the leading dot so "*.example.com" matches "a.example.com" but not "evilexample.com".
        this.suffixes = patterns.stream().filter(p -> p.startsWith("*.")).map(p -> normalise(p.substring(1))).toList();
    }

    public boolean allows(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String name = normalise(host);
        return exact.contains(name) || suffixes.stream().anyMatch(name::endsWith);
    }

    private static String normalise(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
