-- A programme, e.g. a vendor's "free cameras for sign-ups" offer to an agency. rule names the
-- IncentiveRule that turns its attributions into units.
CREATE TABLE incentives.campaign (
    id          UUID PRIMARY KEY,
    agency_code VARCHAR(16)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    partner     VARCHAR(200) NOT NULL,   -- who gives the units, e.g. the camera vendor
    rule        VARCHAR(64)  NOT NULL,
    attributions BIGINT      NOT NULL DEFAULT 0,   -- running totals, kept with each attribution
    units       BIGINT       NOT NULL DEFAULT 0,
    created_by  UUID         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX campaign_agency ON incentives.campaign (agency_code);

-- The same totals per calendar year (UTC), for rules with yearly limits.
CREATE TABLE incentives.campaign_year (
    campaign_id  UUID    NOT NULL REFERENCES incentives.campaign (id),
    calendar_year INTEGER NOT NULL,
    attributions BIGINT  NOT NULL,
    units        BIGINT  NOT NULL,
    PRIMARY KEY (campaign_id, calendar_year)
);

-- Referral codes: valid from starts_at until ends_at, at most cap attributions (NULL: no cap).
CREATE TABLE incentives.referral_code (
    code        VARCHAR(16)  PRIMARY KEY,   -- normalised: upper case, no separators
    campaign_id UUID         NOT NULL REFERENCES incentives.campaign (id),
    agency_code VARCHAR(16)  NOT NULL,
    label       VARCHAR(200),               -- where it is handed out, e.g. "Block party flyer"
    starts_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    cap         INTEGER,
    used        INTEGER      NOT NULL DEFAULT 0,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX referral_code_campaign ON incentives.referral_code (campaign_id);

-- At most one attribution per resident, ever.
CREATE TABLE incentives.attribution (
    account_id  UUID         PRIMARY KEY,
    code        VARCHAR(16)  NOT NULL REFERENCES incentives.referral_code (code),
    campaign_id UUID         NOT NULL,
    agency_code VARCHAR(16)  NOT NULL,
    attributed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    at_sign_up  BOOLEAN      NOT NULL    -- with the sign-up, or entered later within the grace period
);
CREATE INDEX attribution_campaign ON incentives.attribution (campaign_id, attributed_at);
CREATE INDEX attribution_code ON incentives.attribution (code, attributed_at);

-- The agency's ledger, append-only: units earned (from a rule), redeemed (given away), adjusted
-- (by an agency admin, with a reason). The balance is the sum of units.
CREATE TABLE incentives.ledger_entry (
    id          UUID         PRIMARY KEY,
    agency_code VARCHAR(16)  NOT NULL,
    kind        VARCHAR(16)  NOT NULL,      -- EARNED, REDEEMED, ADJUSTED
    units       INTEGER      NOT NULL,      -- positive when earned, negative when redeemed
    campaign_id UUID,
    rule        VARCHAR(64),                -- the rule that earned it
    raffle_id   UUID,
    reason      VARCHAR(500),
    actor       VARCHAR(64)  NOT NULL,      -- an account id, or "system"
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ledger_entry_units CHECK ((kind = 'EARNED' AND units > 0) OR (kind = 'REDEEMED' AND units < 0)
        OR (kind = 'ADJUSTED' AND units <> 0 AND reason IS NOT NULL))
);
CREATE INDEX ledger_entry_agency ON incentives.ledger_entry (agency_code, created_at);
CREATE INDEX ledger_entry_campaign ON incentives.ledger_entry (campaign_id, created_at);

-- One row per agency: locked by every change of the balance, so that concurrent redemptions
-- cannot both spend the same units.
CREATE TABLE incentives.ledger_head (
    agency_code VARCHAR(16)  PRIMARY KEY,
    balance     INTEGER      NOT NULL
);

-- A raffle gives units away. The seed is secret until entry closes; its SHA-256 is public from
-- the start, so the draw cannot be chosen after the entrants are known.
CREATE TABLE incentives.raffle (
    id          UUID         PRIMARY KEY,
    agency_code VARCHAR(16)  NOT NULL,
    campaign_id UUID,
    title       VARCHAR(200) NOT NULL,
    units       INTEGER      NOT NULL CHECK (units > 0),
    state       VARCHAR(16)  NOT NULL,      -- OPEN, DRAWN
    seed        VARCHAR(64)  NOT NULL,      -- hex; shown only once DRAWN
    commitment  VARCHAR(64)  NOT NULL,      -- hex SHA-256 of the seed's bytes
    created_by  UUID         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    drawn_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX raffle_agency ON incentives.raffle (agency_code, created_at);

-- Entrants by a label the agency gives (a ticket number, a pseudonym); never names or addresses.
CREATE TABLE incentives.raffle_entrant (
    raffle_id   UUID         NOT NULL REFERENCES incentives.raffle (id),
    label       VARCHAR(64)  NOT NULL,
    winner_rank INTEGER,                    -- 1 for the first drawn, NULL if not drawn
    PRIMARY KEY (raffle_id, label)
);
