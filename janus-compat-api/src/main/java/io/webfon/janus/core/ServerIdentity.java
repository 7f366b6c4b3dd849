package io.webfon.janus.core;

import java.util.Map;

/**
 * Who this server says it is in {@code info}: name and versions, and the libraries it runs on (in place of
 * Janus's glib, jansson, libnice ... list).
 */
public record ServerIdentity(String name, int version, String versionString, String author,
        String commitHash, String compileTime, Map<String, String> dependencies) {
}
