-- Agencies are the tenants; staff belong to exactly one.
CREATE TABLE identity.agency (
    id            UUID PRIMARY KEY,
    code          VARCHAR(16)  NOT NULL UNIQUE,   -- short code in URLs, e.g. KCPD; never changes
    name          VARCHAR(200) NOT NULL,
    jurisdiction  TEXT         NOT NULL,          -- an SDK Area as JSON
    time_zone     VARCHAR(64)  NOT NULL,
    contact_email VARCHAR(320) NOT NULL,
    contact_phone VARCHAR(40),
    policy        TEXT         NOT NULL,          -- the agency's policy settings, JSON object
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE identity.account (
    id                    UUID PRIMARY KEY,
    role                  VARCHAR(20)  NOT NULL,
    agency_id             UUID REFERENCES identity.agency (id),
    email                 VARCHAR(320) NOT NULL UNIQUE, -- lower case
    display_name          VARCHAR(200) NOT NULL,
    password_hash         VARCHAR(200),                 -- Argon2id, PHC string; null until activated
    status                VARCHAR(16)  NOT NULL,        -- PENDING, ACTIVE, DISABLED
    activation_hash       CHAR(64),                     -- SHA-256 of the one-time activation token
    activation_expires_at TIMESTAMP WITH TIME ZONE,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT staff_have_an_agency CHECK (
        (role IN ('OFFICER', 'SUPERVISOR', 'PIO', 'AGENCY_ADMIN')) = (agency_id IS NOT NULL))
);
CREATE INDEX account_agency ON identity.account (agency_id);

-- Refresh tokens rotate: each use replaces the token with a new one of the same family. A
-- token used twice means it was stolen, and the whole family is revoked.
CREATE TABLE identity.refresh_token (
    token_hash  CHAR(64) PRIMARY KEY,               -- SHA-256 of the token; the token is never stored
    family      UUID NOT NULL,
    account_id  UUID NOT NULL REFERENCES identity.account (id),
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE,
    revoked_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX refresh_token_family ON identity.refresh_token (family);

-- Failed sign-ins per account and per client address, both keyed by a SHA-256 so that neither
-- an e-mail address nor an IP address is stored.
CREATE TABLE identity.login_throttle (
    subject       CHAR(64) PRIMARY KEY,
    failures      INTEGER NOT NULL,
    blocked_until TIMESTAMP WITH TIME ZONE,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The one-time token that creates the first platform admin (one row at most).
CREATE TABLE identity.setup_token (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    token_hash CHAR(64) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Vendors' API keys: the secret is shown once and stored as a SHA-256 (it is 256 random bits,
-- so a fast hash is enough; passwords get Argon2id).
CREATE TABLE identity.api_key (
    id           VARCHAR(32)  PRIMARY KEY,
    account_id   UUID         NOT NULL REFERENCES identity.account (id),
    name         VARCHAR(100) NOT NULL,
    secret_hash  CHAR(64)     NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_key_account ON identity.api_key (account_id);
