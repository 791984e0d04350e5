-- A refresh token family remembers the account's tokens_valid_after at the sign-in that started it.
-- A new password (or disabling) moves the account's value on, and rotating a token whose family saw
-- another value is refused: the family belongs to a sign-in from before the change, even if one of
-- its tokens escaped the revocation. Comparing the stored values, not two clocks, keeps this free of
-- clock skew between nodes. Families started before this migration have NULL here: they keep
-- rotating while their account's value is NULL too (no password change yet); the others sign in again once.
ALTER TABLE identity.refresh_token ADD COLUMN family_valid_after TIMESTAMP WITH TIME ZONE;
