package io.webfon.janus.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void matchesOnlyTheExactSecret() {
        assertThat(Secrets.matches("s3cret", "s3cret")).isTrue();
        assertThat(Secrets.matches("s3cre", "s3cret")).isFalse();
        assertThat(Secrets.matches("s3cret-and-more", "s3cret")).isFalse();
        assertThat(Secrets.matches(null, "s3cret")).isFalse();
        assertThat(Secrets.matches("", "")).isTrue();
    }

    @Test
    void storedTokensKeepTheirPluginsSorted() {
        StoredTokens tokens = new StoredTokens();
        tokens.add("b", List.of("p2", "p1"));
        tokens.add("a", List.of());
        assertThat(tokens.plugins("b")).containsExactly("p1", "p2");
        assertThat(tokens.list()).extracting(StoredTokens.TokenGrant::token).containsExactly("a", "b");
        assertThat(tokens.rejectReason("zzz", "1.2.3.4")).isEqualTo("token_invalid");
        assertThat(tokens.rejectReason("a", "1.2.3.4")).isNull();
        assertThat(tokens.canAccessPlugin("a", "p1")).isFalse();
        assertThat(tokens.allow("a", List.of("p1"), true)).isTrue();
        assertThat(tokens.canAccessPlugin("a", "p1")).isTrue();
        assertThat(tokens.remove("a")).isTrue();
        assertThat(tokens.remove("a")).isFalse();
    }

    @Test
    void authorizerReasonsNameWhatWasWrongWithoutTheValue() {
        RequestAuthorizer secretOnly = new RequestAuthorizer("s", null);
        assertThat(secretOnly.rejectReason(null, null, "ip")).isEqualTo("api_secret_missing");
        assertThat(secretOnly.rejectReason("x", null, "ip")).isEqualTo("api_secret_bad");
        StoredTokens tokens = new StoredTokens();
        RequestAuthorizer tokenOnly = new RequestAuthorizer("", tokens);
        assertThat(tokenOnly.rejectReason(null, null, "ip")).isEqualTo("token_missing");
        assertThat(tokenOnly.rejectReason(null, "t", "ip")).isEqualTo("token_invalid");
        RequestAuthorizer both = new RequestAuthorizer("s", tokens);
        assertThat(both.rejectReason(null, null, "ip")).isEqualTo("credentials_missing");
        assertThat(both.rejectReason("x", "y", "ip")).isEqualTo("credentials_bad");
        assertThat(new RequestAuthorizer(null, null).rejectReason(null, null, "ip")).isNull();
    }
}
