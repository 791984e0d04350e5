-- Templates and their immutable versions; the state machine lives on the template row.
CREATE TABLE press.template (
    id               UUID PRIMARY KEY,
    agency_code      VARCHAR(16)  NOT NULL,
    kind             VARCHAR(20)  NOT NULL,
    network          VARCHAR(32),
    locale           VARCHAR(35)  NOT NULL,
    state            VARCHAR(12)  NOT NULL,
    current_version  INT          NOT NULL,
    created_by       UUID         NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    reject_reason    VARCHAR(1000),
    -- What was approved, rendered at approval, so that the published text is exactly the approved one.
    approved_version INT,
    approved_role    VARCHAR(20),
    approved_at      TIMESTAMP WITH TIME ZONE,
    approved_title   VARCHAR(300),
    approved_text    VARCHAR(100000),
    approved_html    VARCHAR(200000),
    approved_checks  VARCHAR(2000)
);
CREATE INDEX press_template_agency ON press.template (agency_code, created_at);

CREATE TABLE press.template_version (
    template_id   UUID         NOT NULL REFERENCES press.template (id),
    version       INT          NOT NULL,
    title         VARCHAR(300) NOT NULL,
    body          VARCHAR(100000) NOT NULL,
    placeholders  VARCHAR(20000) NOT NULL,
    placeholder_values VARCHAR(100000) NOT NULL,
    author        UUID         NOT NULL,
    author_role   VARCHAR(20)  NOT NULL,
    vendor_name   VARCHAR(200),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (template_id, version)
);

-- Vendor accounts an agency lets write its templates (never approve or publish them).
CREATE TABLE press.vendor_grant (
    agency_code  VARCHAR(16)  NOT NULL,
    vendor       UUID         NOT NULL,
    vendor_name  VARCHAR(200) NOT NULL,
    granted_by   UUID         NOT NULL,
    granted_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (agency_code, vendor)
);

-- The public release log: what was published, as published.
CREATE TABLE press.release (
    id             UUID PRIMARY KEY,
    agency_code    VARCHAR(16)  NOT NULL,
    template_id    UUID         NOT NULL REFERENCES press.template (id),
    version        INT          NOT NULL,
    kind           VARCHAR(20)  NOT NULL,
    network        VARCHAR(32),
    locale         VARCHAR(35)  NOT NULL,
    title          VARCHAR(300) NOT NULL,
    text           VARCHAR(100000) NOT NULL,
    html           VARCHAR(200000) NOT NULL,
    author_role    VARCHAR(20)  NOT NULL,
    vendor_name    VARCHAR(200),
    contributors   VARCHAR(2000) NOT NULL,
    approved_role  VARCHAR(20)  NOT NULL,
    approved_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    published_role VARCHAR(20)  NOT NULL,
    published_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    checks         VARCHAR(2000) NOT NULL
);
CREATE INDEX press_release_agency ON press.release (agency_code, published_at);
