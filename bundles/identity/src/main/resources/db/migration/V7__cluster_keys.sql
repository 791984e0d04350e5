-- What the nodes of one installation must share, by a fingerprint that reveals nothing of the key:
-- 'pseudonym' (an HMAC of a fixed label under the pseudonym key) and 'signing' (the key id and
-- RFC 7638 thumbprint of the public half of the key that signs). The first node records them;
-- a node whose keys differ reports itself DOWN in /api/health (check "cluster-keys").
CREATE TABLE identity.cluster_key (
    name        VARCHAR(32) PRIMARY KEY,
    fingerprint VARCHAR(200) NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
