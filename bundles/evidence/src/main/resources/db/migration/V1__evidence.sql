-- One row per evidence file, written once every byte is stored. The file itself is in an
-- evidence store (store_name, blob = id), encrypted with a key of its own; that key is kept here
-- only wrapped by a master key (key_id names which), never in the clear. A purge deletes the
-- wrapped key and the blob (crypto-shredding) and keeps the row as the custody record's tombstone.
CREATE TABLE evidence.item (
    id                 UUID          PRIMARY KEY,
    agency_code        VARCHAR(16)   NOT NULL,
    case_number        VARCHAR(64)   NOT NULL,
    request_id         UUID,
    response_id        UUID,
    submitted_by       VARCHAR(200)  NOT NULL,  -- a pseudonym label or a witness link's id
    file_name          VARCHAR(255),
    content_type       VARCHAR(255)  NOT NULL,
    size_bytes         BIGINT        NOT NULL,
    sha256             CHAR(64)      NOT NULL,
    received_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    store_name         VARCHAR(64)   NOT NULL,
    key_id             VARCHAR(32),
    wrapped_key        BYTEA,
    custody_sequence   INTEGER       NOT NULL,  -- head of the item's custody chain
    custody_hash       CHAR(64)      NOT NULL,
    purged_at          TIMESTAMP WITH TIME ZONE, -- wrapped key gone: the content is unreadable
    purge_completed_at TIMESTAMP WITH TIME ZONE, -- blob deleted and the purge audited
    CONSTRAINT item_key_until_purged CHECK ((purged_at IS NULL) = (wrapped_key IS NOT NULL))
);
CREATE INDEX item_case ON evidence.item (agency_code, case_number);
CREATE INDEX item_request ON evidence.item (agency_code, request_id);
CREATE INDEX item_received ON evidence.item (agency_code, received_at);

-- The chain of custody: every event on an item, each hashed over the one before (README, "Chain of custody").
CREATE TABLE evidence.custody_event (
    item_id       UUID          NOT NULL REFERENCES evidence.item (id),
    seq           INTEGER       NOT NULL,
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    kind          VARCHAR(32)   NOT NULL,
    actor         VARCHAR(200)  NOT NULL,
    detail        VARCHAR(500),
    request_id    VARCHAR(128),
    previous_hash CHAR(64)      NOT NULL,
    hash          CHAR(64)      NOT NULL,
    PRIMARY KEY (item_id, seq)
);

-- Uploads in progress: written before the first byte reaches the store and deleted with the
-- item's insert, so that a blob left by a process killed mid-upload is found and deleted.
CREATE TABLE evidence.upload (
    blob       VARCHAR(64)  PRIMARY KEY,
    store_name VARCHAR(64)  NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Jobs that run on one node at a time: the node holding the lease runs it.
CREATE TABLE evidence.job_lease (
    job         VARCHAR(32)  PRIMARY KEY,
    holder      VARCHAR(64),
    lease_until TIMESTAMP WITH TIME ZONE
);
INSERT INTO evidence.job_lease (job) VALUES ('retention');
