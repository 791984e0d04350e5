-- Account lifecycle (issue 19): profile, last sign-in, password changes and resets.
-- Profile: an optional phone number and the portal language the owner chose (NULL: the browser's).
ALTER TABLE identity.account ADD COLUMN phone VARCHAR(40);
ALTER TABLE identity.account ADD COLUMN language VARCHAR(8);
-- When the account last signed in with its password (staff lists show it to the agency's admins).
ALTER TABLE identity.account ADD COLUMN last_sign_in_at TIMESTAMP WITH TIME ZONE;
-- Access tokens issued before this second are refused: set when the password changes or is reset,
-- so that every sign-in made with the old password ends on its next request.
ALTER TABLE identity.account ADD COLUMN tokens_valid_after TIMESTAMP WITH TIME ZONE;

-- Links that set a new password: only the SHA-256 of the random token is kept. A link works once
-- (its row is deleted when used, with every other link of the account) and until expires_at.
CREATE TABLE identity.password_reset (
    token_hash  VARCHAR(64) PRIMARY KEY,
    account_id  UUID NOT NULL REFERENCES identity.account (id) ON DELETE CASCADE,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX password_reset_account ON identity.password_reset (account_id);
CREATE INDEX password_reset_expires ON identity.password_reset (expires_at);
