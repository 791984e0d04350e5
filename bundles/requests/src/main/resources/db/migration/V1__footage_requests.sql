-- A footage request, from draft to its end. Case details stay here; the public log reads only
-- the columns marked public.
CREATE TABLE requests.footage_request (
    id                  UUID PRIMARY KEY,
    agency_code         VARCHAR(16)      NOT NULL,
    case_number         VARCHAR(64)      NOT NULL,
    incident_type       VARCHAR(32)      NOT NULL,  -- public
    incident_detail     VARCHAR(500),
    window_start        TIMESTAMP WITH TIME ZONE NOT NULL,
    window_end          TIMESTAMP WITH TIME ZONE NOT NULL,
    area                VARCHAR(20000)   NOT NULL,  -- the Area as JSON
    area_square_miles   DOUBLE PRECISION NOT NULL,
    public_latitude     DOUBLE PRECISION NOT NULL,  -- public: the area's middle, rounded to about 1 km
    public_longitude    DOUBLE PRECISION NOT NULL,
    message             VARCHAR(2000)    NOT NULL,
    expires_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    state               VARCHAR(20)      NOT NULL,  -- public
    created_by          UUID             NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,  -- public (date)
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    approval_reason     VARCHAR(500),   -- why the policy asks for a supervisor's approval
    reviewed_by         UUID,
    reviewed_at         TIMESTAMP WITH TIME ZONE,
    review_note         VARCHAR(1000),
    activated_at        TIMESTAMP WITH TIME ZONE,   -- public
    ended_at            TIMESTAMP WITH TIME ZONE,   -- public: closed, expired or withdrawn
    publish_after       TIMESTAMP WITH TIME ZONE,   -- a supervisor delayed the public log entry until then
    publication_note    VARCHAR(500),
    owners_asked        INTEGER          NOT NULL DEFAULT 0
);
CREATE INDEX footage_request_case ON requests.footage_request (agency_code, case_number);
CREATE INDEX footage_request_state ON requests.footage_request (state, expires_at);
CREATE INDEX footage_request_activated ON requests.footage_request (agency_code, activated_at);

-- One per owner asked. The owner's account id never leaves this bundle: agencies see the
-- per-agency pseudonym, unless the owner revealed name and address with their answer.
CREATE TABLE requests.delivery (
    id              UUID PRIMARY KEY,
    request_id      UUID        NOT NULL REFERENCES requests.footage_request (id) ON DELETE CASCADE,
    owner_id        UUID        NOT NULL,
    registrations   VARCHAR(4000) NOT NULL,  -- the owner's matched registrations, comma-separated ids
    status          VARCHAR(16) NOT NULL,  -- PENDING, SHARED, NOTHING, DECLINED, NO_ANSWER
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    responded_at    TIMESTAMP WITH TIME ZONE,
    decline_reason  VARCHAR(500),
    revealed_name   VARCHAR(200),
    revealed_email  VARCHAR(254),
    CONSTRAINT delivery_once_per_owner UNIQUE (request_id, owner_id)
);
CREATE INDEX delivery_owner ON requests.delivery (owner_id, created_at);

-- A link an agency hands to witnesses without a registered camera. Only the token's hash is kept.
CREATE TABLE requests.witness_link (
    id              UUID PRIMARY KEY,
    agency_code     VARCHAR(16)  NOT NULL,
    case_number     VARCHAR(64)  NOT NULL,
    token_hash      VARCHAR(64)  NOT NULL UNIQUE,
    created_by      UUID         NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    max_files       INTEGER      NOT NULL,
    max_file_bytes  BIGINT       NOT NULL,
    files_received  INTEGER      NOT NULL DEFAULT 0,
    revoked_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX witness_link_case ON requests.witness_link (agency_code, case_number);
