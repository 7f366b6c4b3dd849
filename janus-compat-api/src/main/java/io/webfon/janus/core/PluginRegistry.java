package io.webfon.janus.core;

import io.webfon.janus.plugin.JanusPlugin;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The plugins of the node, by package name; fixed after start-up. */
public final class PluginRegistry {
    private final Map<String, JanusPlugin> plugins;

    public PluginRegistry(Collection<? extends JanusPlugin> all) {
        Map<String, JanusPlugin> map = new LinkedHashMap<>();
        for (JanusPlugin p : all) {
            String pkg = p.descriptor().packageName();
            if (map.putIfAbsent(pkg, p) != null) {
                throw new IllegalArgumentException("two plugins share the package name " + pkg);
            }
        }
        this.plugins = Collections.unmodifiableMap(map);
    }

    public JanusPlugin find(String packageName) {
        return packageName == null ? null : plugins.get(packageName);
    }

    public Collection<JanusPlugin> all() {
        return plugins.values();
    }
}
