-- sercen-auth storage, version 1. Portable SQL for H2, MariaDB/MySQL and PostgreSQL: ids are made by the
-- application, times are epoch milliseconds (BIGINT), secrets are sealed base64 text (VARCHAR).

CREATE TABLE sercen_users (
    username            VARCHAR(128) NOT NULL PRIMARY KEY,
    display_name        VARCHAR(200),
    email               VARCHAR(254),
    validation          VARCHAR(8)   NOT NULL,
    second_factor       VARCHAR(8)   NOT NULL,
    enabled             BOOLEAN      NOT NULL,
    multi_ip            BOOLEAN      NOT NULL,
    password_hash       VARCHAR(200),
    password_changed_at BIGINT       NOT NULL,
    must_change         BOOLEAN      NOT NULL,
    totp_secret         VARCHAR(200),
    totp_last_step      BIGINT       NOT NULL,
    extension           VARCHAR(32),
    pool                VARCHAR(64),
    created_at          BIGINT       NOT NULL,
    updated_at          BIGINT       NOT NULL
);

CREATE TABLE sercen_password_history (
    id            VARCHAR(24)  NOT NULL PRIMARY KEY,
    username      VARCHAR(128) NOT NULL,
    changed_at    BIGINT       NOT NULL,
    password_hash VARCHAR(200) NOT NULL
);
CREATE INDEX sercen_password_history_user ON sercen_password_history (username);

CREATE TABLE sercen_tokens (
    id         VARCHAR(24)  NOT NULL PRIMARY KEY,
    token_hash VARCHAR(64)  NOT NULL,
    username   VARCHAR(128) NOT NULL,
    app        VARCHAR(32)  NOT NULL,
    ip         VARCHAR(45)  NOT NULL,
    multi_ip   BOOLEAN      NOT NULL,
    state      VARCHAR(16)  NOT NULL,
    created_at BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL,
    ended_at   BIGINT       NOT NULL
);
CREATE UNIQUE INDEX sercen_tokens_hash ON sercen_tokens (token_hash);
CREATE INDEX sercen_tokens_user ON sercen_tokens (username);
CREATE INDEX sercen_tokens_created ON sercen_tokens (created_at);
CREATE INDEX sercen_tokens_expires ON sercen_tokens (expires_at);

CREATE TABLE sercen_challenges (
    id         VARCHAR(32)  NOT NULL PRIMARY KEY,
    username   VARCHAR(128) NOT NULL,
    kind       VARCHAR(8)   NOT NULL,
    method     VARCHAR(8)   NOT NULL,
    ip         VARCHAR(45)  NOT NULL,
    code_hash  VARCHAR(64),
    attempts   INT          NOT NULL,
    created_at BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL
);
CREATE INDEX sercen_challenges_expires ON sercen_challenges (expires_at);

CREATE TABLE sercen_extensions (
    extension  VARCHAR(32)  NOT NULL PRIMARY KEY,
    sip_user   VARCHAR(128) NOT NULL,
    sip_secret VARCHAR(400),
    sip_domain VARCHAR(253),
    pool       VARCHAR(64),
    leased_by  VARCHAR(128),
    leased_at  BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL
);
CREATE INDEX sercen_extensions_pool ON sercen_extensions (pool);
CREATE INDEX sercen_extensions_leased ON sercen_extensions (leased_by);
