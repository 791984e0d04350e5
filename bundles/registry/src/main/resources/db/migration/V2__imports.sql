-- Confirmation reminders, and registrations that external registries (CameraRegistryProvider) supply. source_updated_at is the
-- source's own time of the row, so that an older or repeated row changes nothing.
ALTER TABLE registry.camera ADD COLUMN business_name VARCHAR(200);
ALTER TABLE registry.camera ADD COLUMN contact_email VARCHAR(254);   -- lower case; only for claiming
ALTER TABLE registry.camera ADD COLUMN contact_phone VARCHAR(32);
ALTER TABLE registry.camera ADD COLUMN source_updated_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE registry.camera ADD COLUMN claimed_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX camera_contact_email ON registry.camera (contact_email);

-- When the owner was last reminded to confirm; one reminder per confirmation period.
ALTER TABLE registry.camera ADD COLUMN reminded_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX camera_confirmed_at ON registry.camera (confirmed_at);

-- One row per source: who runs it, where its last completed sync ended, and which node holds it.
CREATE TABLE registry.import_source (
    source          VARCHAR(64)  PRIMARY KEY,
    agency_code     VARCHAR(16)  NOT NULL,
    sync_cursor     VARCHAR(1000),
    full_requested  BOOLEAN      NOT NULL,
    last_checked_at TIMESTAMP WITH TIME ZONE,
    lease_holder    VARCHAR(64),
    lease_until     TIMESTAMP WITH TIME ZONE
);

-- One row per sync that handed anything over. A run that was interrupted is continued by a new
-- run that names it (resumed_from) and starts from its last checkpoint (position).
CREATE TABLE registry.import_run (
    id           UUID          PRIMARY KEY,
    source       VARCHAR(64)   NOT NULL REFERENCES registry.import_source (source),
    agency_code  VARCHAR(16)   NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    full_import  BOOLEAN       NOT NULL,
    resumed_from UUID,
    position     VARCHAR(200),
    received     BIGINT        NOT NULL,
    created      BIGINT        NOT NULL,
    updated      BIGINT        NOT NULL,
    unchanged    BIGINT        NOT NULL,
    withdrawn    BIGINT        NOT NULL,
    claimed      BIGINT        NOT NULL,
    rejected     BIGINT        NOT NULL,
    error        VARCHAR(1000),
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX import_run_source ON registry.import_run (source, started_at);

-- Rows a run could not read: where and why, never the value (it may be personal data).
CREATE TABLE registry.import_rejection (
    run_id      UUID         NOT NULL REFERENCES registry.import_run (id) ON DELETE CASCADE,
    line        BIGINT       NOT NULL,
    column_name VARCHAR(64),
    reason      VARCHAR(300) NOT NULL
);
CREATE INDEX import_rejection_run ON registry.import_rejection (run_id, line);
