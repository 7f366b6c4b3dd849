package io.webfon.it.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the tests ask of the machine before they start a real peer. */
public final class Commands {
    private Commands() {
    }

    /** Whether an executable of this name is on the PATH (tests skip, with the package to install, when not). */
    public static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
