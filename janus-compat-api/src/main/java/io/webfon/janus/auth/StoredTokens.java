package io.webfon.janus.auth;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens added through the admin API, each with the plugins it may use, as Janus's stored-token mode keeps
 * them. The map is keyed by the token's SHA-256 so that a lookup's timing does not depend on how much of a
 * guessed token is right; the token text is kept only because {@code list_tokens} must return it.
 */
public final class StoredTokens implements TokenValidator {
    private record Entry(String token, Set<String> plugins) {
    }

    private final ConcurrentHashMap<ByteBuffer, Entry> tokens = new ConcurrentHashMap<>();

    private static ByteBuffer key(String token) {
        return ByteBuffer.wrap(Secrets.sha256(token));
    }

    /** Adds a token (or keeps an existing one) and grants it the given plugins. */
    public void add(String token, Collection<String> plugins) {
        Entry entry = tokens.computeIfAbsent(key(token),
                k -> new Entry(token, ConcurrentHashMap.newKeySet()));
        entry.plugins().addAll(plugins);
    }

    public boolean remove(String token) {
        return tokens.remove(key(token)) != null;
    }

    public boolean contains(String token) {
        return token != null && tokens.containsKey(key(token));
    }

    /** Grants or revokes plugins; false if the token does not exist. */
    public boolean allow(String token, Collection<String> plugins, boolean allow) {
        Entry entry = tokens.get(key(token));
        if (entry == null) {
            return false;
        }
        if (allow) {
            entry.plugins().addAll(plugins);
        } else {
            entry.plugins().removeAll(plugins);
        }
        return true;
    }

    /** The plugins a token may use, sorted; empty for an unknown token. */
    public List<String> plugins(String token) {
        Entry entry = tokens.get(key(token));
        return entry == null ? List.of() : List.copyOf(new TreeSet<>(entry.plugins()));
    }

    /** Every token with its plugins, sorted by token text. */
    public List<TokenGrant> list() {
        List<TokenGrant> out = new ArrayList<>();
        for (Entry e : tokens.values()) {
            out.add(new TokenGrant(e.token(), List.copyOf(new TreeSet<>(e.plugins()))));
        }
        out.sort(Comparator.comparing(TokenGrant::token));
        return out;
    }

    public int size() {
        return tokens.size();
    }

    @Override
    public String rejectReason(String token, String clientIp) {
        return contains(token) ? null : "token_invalid";
    }

    @Override
    public boolean canAccessPlugin(String token, String pluginPackage) {
        Entry entry = tokens.get(key(token));
        return entry != null && entry.plugins().contains(pluginPackage);
    }

    /** A token and the plugins it may attach to. */
    public record TokenGrant(String token, List<String> plugins) {
    }
}
