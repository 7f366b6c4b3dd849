package io.webfon.sercen.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.webfon.sercen.SercenService;
import io.webfon.sercen.auth.AdminService;
import io.webfon.sercen.auth.AuthException;
import io.webfon.sercen.auth.ErrorCode;
import io.webfon.sercen.auth.Reasons;
import io.webfon.sercen.crypto.Hashes;
import io.webfon.sercen.model.ExtensionRecord;
import io.webfon.sercen.model.TokenRecord;
import io.webfon.sercen.model.UserRecord;
import io.webfon.sercen.store.ExtensionStore;
import java.util.Base64;
import java.util.List;

/**
 * The admin endpoints under {@code /sercen/admin}, behind the {@code X-Admin-Secret} header (compared in constant
 * time; a wrong or missing secret writes a TRUCO_KO line and counts against the address), and only for clients in
 * {@code general.admin_networks} (others get 404 and a TRUCO_KO line): users, passwords, TOTP enrolment, extensions
 * and pools, tokens, the cleanup job. Off (404) when no admin secret is configured.
 */
final class AdminRoutes {
    private final RestServer rest;
    private final SercenService service;

    AdminRoutes(RestServer rest, SercenService service) {
        this.rest = rest;
        this.service = service;
    }

    void mount(Router router, String base) {
        router.route(base + "/*").handler(this::authorize);
        router.route(base).handler(this::authorize);
        router.get(base + "/users").handler(ctx -> rest.blocking(ctx, () -> service.admin().users(),
                users -> Replies.ok(ctx, array(users.stream().map(AdminRoutes::user).toList()))));
        router.get(base + "/users/:user").handler(ctx -> rest.blocking(ctx, () -> service.admin()
                .user(ctx.pathParam("user")).orElseThrow(() -> new AuthException(ErrorCode.NOT_FOUND)),
                u -> Replies.ok(ctx, user(u))));
        router.put(base + "/users/:user").handler(this::putUser);
        router.delete(base + "/users/:user").handler(ctx -> rest.blocking(ctx,
                () -> service.admin().deleteUser(ctx.pathParam("user")),
                ok -> Replies.ok(ctx, Replies.object().put("status", "deleted"))));
        router.post(base + "/users/:user/password").handler(this::setPassword);
        router.post(base + "/users/:user/totp").handler(this::resetTotp);
        router.post(base + "/users/:user/revoke").handler(ctx -> rest.blocking(ctx, () -> {
            UserRecord u = service.admin().user(ctx.pathParam("user"))
                    .orElseThrow(() -> new AuthException(ErrorCode.NOT_FOUND));
            int n = service.tokens().revokeAll(u.username());
            service.directory().releaseIfIdle(u.username());
            return n;
        }, n -> Replies.ok(ctx, Replies.object().put("revoked", n))));
        router.get(base + "/extensions").handler(ctx -> rest.blocking(ctx, () -> service.directory().list(),
                list -> Replies.ok(ctx, array(list.stream().map(AdminRoutes::extension).toList()))));
        router.get(base + "/extensions/:ext").handler(ctx -> rest.blocking(ctx, () -> service.directory()
                .find(ctx.pathParam("ext")).orElseThrow(() -> new AuthException(ErrorCode.NOT_FOUND)),
                e -> Replies.ok(ctx, extension(e))));
        router.put(base + "/extensions/:ext").handler(this::putExtension);
        router.delete(base + "/extensions/:ext").handler(ctx -> rest.blocking(ctx, () -> {
            if (!service.directory().delete(ctx.pathParam("ext"))) {
                throw new AuthException(ErrorCode.NOT_FOUND);
            }
            return true;
        }, ok -> Replies.ok(ctx, Replies.object().put("status", "deleted"))));
        router.get(base + "/pools").handler(ctx -> rest.blocking(ctx, () -> service.directory().pools(),
                list -> Replies.ok(ctx, array(list.stream().map(AdminRoutes::pool).toList()))));
        router.get(base + "/tokens").handler(this::tokens);
        router.delete(base + "/tokens/:id").handler(ctx -> rest.blocking(ctx, () -> service.tokens()
                .revoke(ctx.pathParam("id")).orElseThrow(() -> new AuthException(ErrorCode.NOT_FOUND)), t -> {
                    service.directory().releaseIfIdle(t.username());
                    service.log().info("ADM", "token revoked token_id=" + t.id() + " user=" + t.username());
                    Replies.ok(ctx, Replies.object().put("status", "revoked").put("token_id", t.id()));
                }));
        router.post(base + "/cleanup").handler(ctx -> rest.blocking(ctx, () -> service.cleanup().run("admin"),
                n -> Replies.ok(ctx, Replies.object().put("removed", n))));
    }

    private void authorize(RoutingContext ctx) {
        if (!service.config().general().adminEnabled()) {
            Replies.error(ctx, ErrorCode.ADMIN_DISABLED);
            return;
        }
        String ip = rest.clientIp(ctx);
        if (service.config().general().adminNetworks().stream().noneMatch(c -> c.contains(ip))) {
            service.log().trucoKo("ADM", ip, Reasons.ADMIN_NETWORK);
            Replies.error(ctx, ErrorCode.NOT_FOUND);
            return;
        }
        String given = ctx.request().getHeader("X-Admin-Secret");
        if (service.ipLimit().blocked(ip)) {
            service.log().trucoKo("ADM", ip, Reasons.RATE_LIMITED);
            Replies.error(ctx, ErrorCode.RATE_LIMITED);
            return;
        }
        if (!Hashes.equalSecrets(given, service.config().general().adminSecret())) {
            service.ipLimit().fail(ip);
            service.log().trucoKo("ADM", ip, given == null ? Reasons.ADMIN_SECRET_MISSING : Reasons.ADMIN_SECRET_BAD);
            Replies.error(ctx, ErrorCode.ADMIN_SECRET_BAD);
            return;
        }
        ctx.next();
    }

    private void putUser(RoutingContext ctx) {
        rest.blocking(ctx, () -> {
            JsonNode b = Requests.body(ctx);
            return service.admin().saveUser(ctx.pathParam("user"), new AdminService.UserChanges(
                    Requests.text(b, "display_name"), Requests.text(b, "email"), Requests.text(b, "validation"),
                    Requests.text(b, "second_factor"), Requests.bool(b, "enabled"), Requests.bool(b, "multi_ip"),
                    Requests.text(b, "extension"), Requests.text(b, "pool"), Requests.text(b, "password"),
                    Requests.bool(b, "must_change")));
        }, u -> Replies.ok(ctx, user(u)));
    }

    private void setPassword(RoutingContext ctx) {
        rest.blocking(ctx, () -> {
            JsonNode b = Requests.body(ctx);
            Boolean must = Requests.bool(b, "must_change");
            service.admin().setPassword(ctx.pathParam("user"), Requests.required(b, "password"), must == null || must);
            return true;
        }, ok -> Replies.ok(ctx, Replies.object().put("status", "changed")));
    }

    private void resetTotp(RoutingContext ctx) {
        rest.blocking(ctx, () -> service.admin().resetTotp(ctx.pathParam("user")),
                e -> Replies.ok(ctx, Replies.object().put("secret", e.secretBase32()).put("otpauth_uri", e.uri())
                        .put("qr_png_base64", Base64.getEncoder().encodeToString(e.qrPng()))));
    }

    private void putExtension(RoutingContext ctx) {
        rest.blocking(ctx, () -> {
            JsonNode b = Requests.body(ctx);
            String ext = ctx.pathParam("ext");
            if (!ext.matches("[0-9A-Za-z*#+_.-]{1,32}")) {
                throw new AuthException(ErrorCode.INVALID_REQUEST, List.of("extension: 1-32 of 0-9 A-Z a-z * # + _ . -"));
            }
            String pool = Requests.text(b, "pool");
            if (pool != null && !pool.isEmpty() && !pool.matches("[0-9A-Za-z_.-]{1,64}")) {
                throw new AuthException(ErrorCode.INVALID_REQUEST, List.of("pool: 1-64 of 0-9 A-Z a-z _ . -"));
            }
            String sipUser = Requests.text(b, "sip_user");
            ExtensionRecord e = service.directory().save(ext, sipUser == null ? ext : sipUser,
                    Requests.text(b, "sip_password"), Requests.text(b, "sip_domain"),
                    pool == null || pool.isEmpty() ? null : pool);
            service.log().info("ADM", "extension saved extension=" + ext + " pool=" + (e.pool() == null ? "-" : e.pool()));
            return e;
        }, e -> Replies.ok(ctx, extension(e)));
    }

    private void tokens(RoutingContext ctx) {
        String user = ctx.queryParams().get("user");
        boolean active = !"false".equals(ctx.queryParams().get("active"));
        int limit;
        try {
            limit = Math.max(1, Math.min(10_000, Integer.parseInt(ctx.queryParams().get("limit") == null ? "1000"
                    : ctx.queryParams().get("limit"))));
        } catch (NumberFormatException e) {
            Replies.error(ctx, ErrorCode.INVALID_REQUEST, List.of("limit must be a number"));
            return;
        }
        rest.blocking(ctx, () -> service.tokens().list(user == null ? null : user.toLowerCase(java.util.Locale.ROOT),
                active, limit), list -> Replies.ok(ctx, array(list.stream().map(AdminRoutes::token).toList())));
    }

    private static ArrayNode array(List<ObjectNode> items) {
        ArrayNode a = Replies.JSON.createArrayNode();
        items.forEach(a::add);
        return a;
    }

    static ObjectNode user(UserRecord u) {
        ObjectNode o = Replies.object().put("user", u.username()).put("display_name", u.displayName())
                .put("email", u.email()).put("validation", u.validation().word())
                .put("second_factor", u.secondFactor().word()).put("enabled", u.enabled())
                .put("multi_ip", u.multiIp()).put("extension", u.extension()).put("pool", u.pool())
                .put("password_set", u.hasLocalPassword()).put("must_change", u.mustChange())
                .put("totp_enrolled", u.totpEnrolled()).put("created_at", Replies.iso(u.createdAt()))
                .put("updated_at", Replies.iso(u.updatedAt()));
        if (u.passwordChangedAt() > 0) {
            o.put("password_changed_at", Replies.iso(u.passwordChangedAt()));
        }
        return o;
    }

    static ObjectNode extension(ExtensionRecord e) {
        ObjectNode o = Replies.object().put("extension", e.extension()).put("sip_user", e.sipUser())
                .put("sip_password_set", e.sipSecret() != null).put("sip_domain", e.sipDomain()).put("pool", e.pool())
                .put("leased_by", e.leasedBy());
        if (e.leasedBy() != null) {
            o.put("leased_at", Replies.iso(e.leasedAt()));
        }
        return o;
    }

    static ObjectNode pool(ExtensionStore.PoolUsage p) {
        return Replies.object().put("pool", p.pool()).put("size", p.size()).put("leased", p.leased())
                .put("free", p.size() - p.leased());
    }

    static ObjectNode token(TokenRecord t) {
        ObjectNode o = Replies.object().put("id", t.id()).put("user", t.username()).put("app", t.app())
                .put("ip", t.ip()).put("multi_ip", t.multiIp()).put("state", t.state())
                .put("created_at", Replies.iso(t.createdAt())).put("expires_at", Replies.iso(t.expiresAt()));
        if (t.endedAt() > 0) {
            o.put("ended_at", Replies.iso(t.endedAt()));
        }
        return o;
    }
}
