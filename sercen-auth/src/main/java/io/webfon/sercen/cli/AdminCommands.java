package io.webfon.sercen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * {@code sercen admin OP ...}: the admin REST API from the command line. Passwords are read from standard input
 * ({@code --password-stdin}), never from arguments that {@code ps} would show.
 */
public final class AdminCommands {
    private static final Set<String> USER_KEYS = Set.of("display_name", "email", "validation", "second_factor",
            "enabled", "multi_ip", "extension", "pool", "must_change");
    private static final Set<String> EXTENSION_KEYS = Set.of("sip_user", "sip_domain", "pool");

    private final AdminClient client;
    private final BufferedReader stdin;
    private final PrintStream out;

    public AdminCommands(AdminClient client, BufferedReader stdin, PrintStream out) {
        this.client = client;
        this.stdin = stdin;
        this.out = out;
    }

    /** Runs one operation; returns the exit code (0 ok, 4 refused by the server, 2 usage). */
    public int run(Args a) throws Args.UsageException, IOException, InterruptedException {
        String op = a.word(0);
        AdminClient.Answer r = switch (op) {
            case "users" -> client.call("GET", "/users", null);
            case "user" -> client.call("GET", "/users/" + enc(a.word(1)), null);
            case "user-set" -> client.call("PUT", "/users/" + enc(a.word(1)), fields(a, USER_KEYS, "password"));
            case "user-delete" -> client.call("DELETE", "/users/" + enc(a.word(1)), null);
            case "password" -> client.call("POST", "/users/" + enc(a.word(1)) + "/password", password(a));
            case "totp-reset" -> client.call("POST", "/users/" + enc(a.word(1)) + "/totp", null);
            case "revoke-user" -> client.call("POST", "/users/" + enc(a.word(1)) + "/revoke", null);
            case "extensions" -> client.call("GET", "/extensions", null);
            case "extension-set" -> client.call("PUT", "/extensions/" + enc(a.word(1)),
                    fields(a, EXTENSION_KEYS, "sip_password"));
            case "extension-delete" -> client.call("DELETE", "/extensions/" + enc(a.word(1)), null);
            case "pools" -> client.call("GET", "/pools", null);
            case "tokens" -> client.call("GET", "/tokens?active=" + !a.flag("all")
                    + (a.flags().containsKey("user") ? "&user=" + enc(a.flags().get("user")) : ""), null);
            case "revoke" -> client.call("DELETE", "/tokens/" + enc(a.word(1)), null);
            case "cleanup" -> client.call("POST", "/cleanup", null);
            default -> throw new Args.UsageException("unknown admin operation '" + op + "' (see --help)");
        };
        if (r.ok() && op.equals("totp-reset") && a.flags().containsKey("png")) {
            writePng(Path.of(a.flags().get("png")), r.body());
            ((ObjectNode) r.body()).remove("qr_png_base64");
        }
        out.println(AdminClient.pretty(r.body()));
        return r.ok() ? 0 : 4;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private ObjectNode fields(Args a, Set<String> allowed, String secretField) throws Args.UsageException,
            IOException {
        ObjectNode o = AdminClient.json().createObjectNode();
        List<String> words = a.words();
        for (String w : words.subList(Math.min(2, words.size()), words.size())) {
            int eq = w.indexOf('=');
            String key = eq < 0 ? w : w.substring(0, eq);
            if (eq < 0 || !allowed.contains(key)) {
                throw new Args.UsageException("expected key=value with key one of " + allowed + ", got '" + w + "'");
            }
            String v = w.substring(eq + 1);
            if (v.equals("true") || v.equals("false")) {
                o.put(key, Boolean.parseBoolean(v));
            } else {
                o.put(key, v);
            }
        }
        if (a.flag("password-stdin")) {
            o.put(secretField, readSecret());
        }
        return o;
    }

    private ObjectNode password(Args a) throws IOException, Args.UsageException {
        ObjectNode o = AdminClient.json().createObjectNode().put("password", readSecret());
        for (String w : a.words().subList(Math.min(2, a.words().size()), a.words().size())) {
            if (!w.startsWith("must_change=")) {
                throw new Args.UsageException("password takes must_change=true|false only");
            }
            o.put("must_change", Boolean.parseBoolean(w.substring("must_change=".length())));
        }
        return o;
    }

    private String readSecret() throws IOException {
        String line = stdin.readLine();
        if (line == null || line.isEmpty()) {
            throw new IOException("no password on standard input");
        }
        return line;
    }

    private void writePng(Path file, JsonNode body) throws IOException {
        byte[] png = Base64.getDecoder().decode(body.path("qr_png_base64").asText());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.write(file, png);
        out.println("QR code written to " + file + " (mode 0600; it holds the secret: hand it over, then delete it)");
    }
}
