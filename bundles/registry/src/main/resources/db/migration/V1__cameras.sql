-- One row per registration. Owned by a resident (owner_id) or, when imported, by a source
-- (source, external_key) until its owner claims it.
CREATE TABLE registry.camera (
    id                UUID PRIMARY KEY,
    owner_id          UUID,
    source            VARCHAR(64),
    external_key      VARCHAR(64),
    latitude          DOUBLE PRECISION NOT NULL,
    longitude         DOUBLE PRECISION NOT NULL,
    cell              BIGINT           NOT NULL,  -- grid cell of about 280 m, for area queries
    address           VARCHAR(300)     NOT NULL,
    kind              VARCHAR(16)      NOT NULL,
    camera_count      INTEGER          NOT NULL,
    bearing           INTEGER,
    view_angle        INTEGER,
    recording         BOOLEAN          NOT NULL,
    retention_days    INTEGER          NOT NULL,
    contact_ok        BOOLEAN          NOT NULL,
    exact_location_ok BOOLEAN          NOT NULL,  -- may an agency see the exact spot of shared footage
    paused            BOOLEAN          NOT NULL,
    withdrawn         BOOLEAN          NOT NULL,
    verified          BOOLEAN          NOT NULL,  -- an agency confirmed it, e.g. by a call
    confirmed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT camera_has_an_owner CHECK (owner_id IS NOT NULL OR source IS NOT NULL),
    CONSTRAINT camera_source_key UNIQUE (source, external_key)
);
CREATE INDEX camera_cell ON registry.camera (cell);
CREATE INDEX camera_owner ON registry.camera (owner_id);

-- The agencies that may send the owner footage requests for this camera.
CREATE TABLE registry.camera_agency (
    camera_id   UUID        NOT NULL REFERENCES registry.camera (id) ON DELETE CASCADE,
    agency_code VARCHAR(16) NOT NULL,
    PRIMARY KEY (camera_id, agency_code)
);
CREATE INDEX camera_agency_code ON registry.camera_agency (agency_code, camera_id);
