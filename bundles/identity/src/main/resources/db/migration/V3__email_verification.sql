-- When the owner proved they read the account's address (a resident followed the link mailed to
-- it); NULL until then. Accounts from before this migration count as not verified.
ALTER TABLE identity.account ADD COLUMN email_verified_at TIMESTAMP WITH TIME ZONE;

-- Links that verify an address: only the SHA-256 of the random token is kept. A link works once
-- (its row is deleted when used, with every other link of the account) and until expires_at.
CREATE TABLE identity.email_verification (
    token_hash  VARCHAR(64) PRIMARY KEY,
    account_id  UUID NOT NULL REFERENCES identity.account (id) ON DELETE CASCADE,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX email_verification_account ON identity.email_verification (account_id);
CREATE INDEX email_verification_expires ON identity.email_verification (expires_at);
