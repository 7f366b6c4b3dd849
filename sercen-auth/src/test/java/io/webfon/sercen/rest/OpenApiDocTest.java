package io.webfon.sercen.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.sercen.auth.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/sercen-openapi.yaml and docs/sercen.md document every error code and every route the API serves. */
class OpenApiDocTest {
    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();
    private static final List<String> PATHS = List.of("/login:", "/login/verify:", "/token/renew:", "/logout:", "/me:",
            "/password:", "/policy:", "/health:", "/admin/users:", "/admin/users/{user}:", "/admin/users/{user}/password:",
            "/admin/users/{user}/totp:", "/admin/users/{user}/revoke:", "/admin/extensions:", "/admin/extensions/{ext}:",
            "/admin/pools:", "/admin/tokens:", "/admin/tokens/{id}:", "/admin/cleanup:");

    @Test
    void everyRouteAndErrorCodeIsDocumented() throws Exception {
        String openapi = Files.readString(REPO.resolve("docs/sercen-openapi.yaml"));
        String page = Files.readString(REPO.resolve("docs/sercen.md"));
        for (String p : PATHS) {
            assertThat(openapi).as("openapi documents %s", p).contains("\n  " + p + "\n");
        }
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(openapi).as("openapi lists %s", c.word()).containsPattern("[\\[ ]" + c.word() + "[,\\]]");
            assertThat(page).as("docs/sercen.md lists %s", c.word()).contains("`" + c.word() + "`");
        }
    }
}
