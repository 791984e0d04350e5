-- Other names a campaign's partner goes by ("Acme" for "Acme Doorbells Inc."): a public text that uses any of them
-- carries the partnership disclosure (press). Stored as entered; press compares them in folded form.
CREATE TABLE incentives.campaign_partner_alias (
    campaign_id UUID         NOT NULL REFERENCES incentives.campaign (id),
    alias       VARCHAR(100) NOT NULL,
    PRIMARY KEY (campaign_id, alias)
);
