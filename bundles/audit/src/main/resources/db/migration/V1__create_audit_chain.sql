-- The audit chain. Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
-- Column sizes match the limits AuditChain enforces before it hashes, so an insert never fails
-- on length; the hash covers exactly what is stored.
CREATE TABLE audit.entry (
    sequence      BIGINT PRIMARY KEY,
    at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    actor         VARCHAR(200) NOT NULL,
    tenant        VARCHAR(64),
    action        VARCHAR(200) NOT NULL,
    target        VARCHAR(500) NOT NULL,
    outcome       VARCHAR(100) NOT NULL,
    request_id    VARCHAR(128),
    previous_hash CHAR(64) NOT NULL,
    hash          CHAR(64) NOT NULL
);

-- An agency administrator pages through their own agency's entries.
CREATE INDEX entry_tenant_sequence ON audit.entry (tenant, sequence);

-- The end of the chain, one row. Appenders lock it (SELECT ... FOR UPDATE), which serialises
-- appends across nodes; verification checks that it matches the last entry.
CREATE TABLE audit.chain_head (
    id            SMALLINT PRIMARY KEY CHECK (id = 1),
    last_sequence BIGINT NOT NULL,
    last_hash     CHAR(64) NOT NULL
);

INSERT INTO audit.chain_head (id, last_sequence, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
