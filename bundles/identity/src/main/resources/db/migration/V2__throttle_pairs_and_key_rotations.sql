-- Sign-in throttling now counts three kinds of subject (account and client address together,
-- client address, account across all addresses); the old per-account counts meant something
-- else, so they start afresh. Counts not touched for a while are forgotten, found by this index.
DELETE FROM identity.login_throttle;
CREATE INDEX login_throttle_updated ON identity.login_throttle (updated_at);

-- The last rotation of the token signing keys, one row: rotating locks it, so that rotations on
-- several nodes take turns and the minimum interval between them holds for the whole cluster.
CREATE TABLE identity.key_rotation (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    kid        VARCHAR(64),
    rotated_at TIMESTAMP WITH TIME ZONE
);
INSERT INTO identity.key_rotation (id, kid, rotated_at) VALUES (1, NULL, NULL);
