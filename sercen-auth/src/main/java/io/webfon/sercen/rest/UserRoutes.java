package io.webfon.sercen.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.webfon.sercen.SercenService;
import io.webfon.sercen.auth.LoginService;
import io.webfon.sercen.model.TokenRecord;
import io.webfon.sercen.model.UserRecord;

/**
 * The user endpoints: login step 1 and step 2, renew, logout, who-am-I, password change, the password policy
 * and a health check. Tokens travel as {@code Authorization: Bearer <token>} (or a {@code token} field).
 */
final class UserRoutes {
    private final RestServer rest;
    private final SercenService service;

    UserRoutes(RestServer rest, SercenService service) {
        this.rest = rest;
        this.service = service;
    }

    void mount(Router router, String base) {
        router.post(base + "/login").handler(this::login);
        router.post(base + "/login/verify").handler(this::verify);
        router.post(base + "/token/renew").handler(this::renew);
        router.post(base + "/logout").handler(this::logout);
        router.get(base + "/me").handler(this::me);
        router.post(base + "/password").handler(this::password);
        router.get(base + "/policy").handler(this::policy);
        router.get(base + "/health").handler(ctx -> Replies.ok(ctx, Replies.object().put("status", "ok")));
    }

    private void login(RoutingContext ctx) {
        String ip = rest.clientIp(ctx);
        rest.blocking(ctx, () -> {
            JsonNode body = Requests.body(ctx);
            return service.logins().login(Requests.required(body, "user"), Requests.required(body, "password"), ip);
        }, outcome -> Replies.ok(ctx, outcome(outcome)));
    }

    private void verify(RoutingContext ctx) {
        String ip = rest.clientIp(ctx);
        rest.blocking(ctx, () -> {
            JsonNode body = Requests.body(ctx);
            return service.logins().answer(Requests.required(body, "challenge_id"), Requests.required(body, "code"),
                    ip);
        }, outcome -> Replies.ok(ctx, outcome(outcome)));
    }

    private ObjectNode outcome(LoginService.Outcome outcome) {
        ObjectNode o = Replies.object();
        if (outcome instanceof LoginService.Challenged c) {
            o.put("status", "challenge");
            ObjectNode ch = o.putObject("challenge").put("id", c.challenge().id()).put("type", c.challenge().kind())
                    .put("expires_in", c.challenge().expiresIn());
            if (c.challenge().sentTo() != null) {
                ch.put("sent_to", c.challenge().sentTo());
            }
            return o;
        }
        LoginService.Granted g = (LoginService.Granted) outcome;
        TokenRecord t = g.issued().record();
        o.put("status", "ok").put("token", g.issued().token()).put("token_id", t.id())
                .put("expires_in", (t.expiresAt() - service.clock().millis()) / 1000)
                .put("expires_at", Replies.iso(t.expiresAt())).put("user", g.user().username());
        putUser(o, g.user(), g.extension());
        return o;
    }

    private static void putUser(ObjectNode o, UserRecord u, String extension) {
        if (u.displayName() != null) {
            o.put("display_name", u.displayName());
        }
        if (extension != null) {
            o.put("extension", extension);
        }
    }

    private void renew(RoutingContext ctx) {
        String ip = rest.clientIp(ctx);
        rest.blocking(ctx, () -> service.logins().renew(Requests.bearer(ctx, Requests.body(ctx)), ip),
                t -> Replies.ok(ctx, Replies.object().put("status", "ok").put("token_id", t.id())
                        .put("expires_in", (t.expiresAt() - service.clock().millis()) / 1000)
                        .put("expires_at", Replies.iso(t.expiresAt()))));
    }

    private void logout(RoutingContext ctx) {
        String ip = rest.clientIp(ctx);
        rest.blocking(ctx, () -> service.logins().logout(Requests.bearer(ctx, Requests.body(ctx)), ip),
                t -> Replies.ok(ctx, Replies.object().put("status", "logged_out").put("token_id", t.id())));
    }

    private void me(RoutingContext ctx) {
        String ip = rest.clientIp(ctx);
        rest.blocking(ctx, () -> service.logins().whoami(Requests.bearer(ctx, null), ip), g -> {
            UserRecord u = g.user();
            TokenRecord t = g.issued().record();
            ObjectNode o = Replies.object().put("user", u.username());
            putUser(o, u, g.extension());
            if (u.email() != null) {
                o.put("email", u.email());
            }
            o.put("validation", u.validation().word()).put("second_factor", u.secondFactor().word());
            o.putObject("token").put("id", t.id()).put("ip", t.ip()).put("app", t.app())
                    .put("created_at", Replies.iso(t.createdAt())).put("expires_at", Replies.iso(t.expiresAt()));
            Replies.ok(ctx, o);
        });
    }

    private void password(RoutingContext ctx) {
        String ip = rest.clientIp(ctx);
        rest.blocking(ctx, () -> {
            JsonNode body = Requests.body(ctx);
            service.logins().changePassword(Requests.required(body, "user"), Requests.required(body, "old_password"),
                    Requests.required(body, "new_password"), ip);
            return Boolean.TRUE;
        }, ok -> Replies.ok(ctx, Replies.object().put("status", "changed")));
    }

    private void policy(RoutingContext ctx) {
        var p = service.config().passwords();
        Replies.ok(ctx, Replies.object().put("min_length", p.minLength()).put("require_digits", p.requireDigits())
                .put("require_upper", p.requireUpper()).put("require_lower", p.requireLower())
                .put("require_special", p.requireSpecial()).put("validity_days", p.validityDays())
                .put("history", p.history()).put("description", service.logins().policy().describe()));
    }
}
