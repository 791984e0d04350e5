-- A used refresh token keeps its successor, sealed under a key derived from the used token itself
-- (the database alone cannot open it). Presented again within the reuse window (a page's requests
-- that reach different nodes at once), it is answered with the same successor instead of revoking
-- the sign-in; later, or once the successor is used, a second use still revokes the family.
ALTER TABLE identity.refresh_token ADD COLUMN successor_sealed BYTEA;
