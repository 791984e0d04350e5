-- Consent first: a file a sender uploads is prepared (shared_at NULL), held for its holder
-- (prepared_for, e.g. 'response:<id>') and invisible to the agency until the sender confirms the
-- share; then shared_at is set and a SHARED event joins its custody chain. Files received before
-- this migration were shared on receipt.
ALTER TABLE evidence.item ADD COLUMN shared_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE evidence.item ADD COLUMN prepared_for VARCHAR(200);
UPDATE evidence.item SET shared_at = received_at;
CREATE INDEX item_prepared_for ON evidence.item (agency_code, prepared_for);
-- The hourly purge of files never shared looks for them by age across agencies.
CREATE INDEX item_unshared ON evidence.item (shared_at, received_at);
