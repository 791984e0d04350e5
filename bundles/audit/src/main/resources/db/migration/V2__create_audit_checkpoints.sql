-- Signed checkpoints of the chain, kept apart from the entries. One per signed entry: the primary
-- key means two nodes can never store conflicting checkpoints for the same sequence number (they
-- also take turns on the chain head's lock while signing). Anyone may copy them from
-- GET /api/audit/checkpoints; those copies, not this table, are what protects against someone who
-- can write to the database.
CREATE TABLE audit.checkpoint (
    sequence  BIGINT PRIMARY KEY,
    hash      CHAR(64) NOT NULL,
    at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    key_id    VARCHAR(64) NOT NULL,
    signature VARCHAR(200) NOT NULL
);

-- The public keys that sign checkpoints: one per node key (data/secrets/audit-checkpoint.key);
-- a rotated key stays here so that its checkpoints still verify.
CREATE TABLE audit.checkpoint_key (
    key_id     VARCHAR(64) PRIMARY KEY,
    algorithm  VARCHAR(32) NOT NULL,
    public_key VARCHAR(200) NOT NULL,
    created    TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
