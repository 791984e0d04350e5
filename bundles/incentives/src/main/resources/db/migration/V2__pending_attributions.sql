-- An attribution is PENDING until its resident's e-mail address is verified, then COUNTED (with
-- counted_at); only counting advances a campaign's counts and earns units. Attributions from
-- before this migration were counted when made, and stay so.
ALTER TABLE incentives.attribution ADD COLUMN state VARCHAR(16) DEFAULT 'COUNTED' NOT NULL;
ALTER TABLE incentives.attribution ADD COLUMN counted_at TIMESTAMP WITH TIME ZONE;
UPDATE incentives.attribution SET counted_at = attributed_at;
ALTER TABLE incentives.attribution ALTER COLUMN state DROP DEFAULT;
ALTER TABLE incentives.attribution ADD CONSTRAINT attribution_state CHECK (
    (state = 'PENDING' AND counted_at IS NULL) OR (state = 'COUNTED' AND counted_at IS NOT NULL));
CREATE INDEX attribution_agency_state ON incentives.attribution (agency_code, state);
CREATE INDEX attribution_counted ON incentives.attribution (agency_code, counted_at);

-- Attributions of the campaign still pending; campaign.attributions counts the counted ones.
ALTER TABLE incentives.campaign ADD COLUMN pending BIGINT DEFAULT 0 NOT NULL;
