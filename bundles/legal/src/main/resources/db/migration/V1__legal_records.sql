-- Legal demands (warrants, subpoenas, court orders) an agency sent to a device vendor for footage
-- its owners did not share. A record of what happened outside Porchlight: nothing refers to a
-- camera, an owner or a piece of evidence, and nothing here grants access to any.
CREATE TABLE legal.legal_demand (
    id                 UUID PRIMARY KEY,
    agency_code        VARCHAR(16)   NOT NULL,
    kind               VARCHAR(16)   NOT NULL,
    status             VARCHAR(24)   NOT NULL,
    case_number        VARCHAR(64)   NOT NULL,
    document_reference VARCHAR(200)  NOT NULL,  -- e.g. the court's docket number; never published
    vendor             VARCHAR(120)  NOT NULL,
    scope              VARCHAR(2000) NOT NULL,  -- what the demand covers; never published
    footage_from       TIMESTAMP WITH TIME ZONE NOT NULL,
    footage_to         TIMESTAMP WITH TIME ZONE NOT NULL,
    issued_on          DATE,                    -- signed by the court (or issuer)
    served_on          DATE,                    -- served on the vendor; counts on the public page by this date
    status_on          DATE,                    -- when the current status took effect (null for a draft)
    created_by         UUID          NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT legal_demand_kind CHECK (kind IN ('WARRANT', 'SUBPOENA', 'COURT_ORDER')),
    CONSTRAINT legal_demand_status CHECK (status IN ('DRAFT', 'SERVED', 'PARTIALLY_FULFILLED', 'FULFILLED', 'REFUSED', 'WITHDRAWN')),
    CONSTRAINT legal_demand_footage CHECK (footage_from <= footage_to),
    CONSTRAINT legal_demand_served CHECK (status IN ('DRAFT', 'WITHDRAWN') OR (served_on IS NOT NULL AND issued_on IS NOT NULL))
);
CREATE INDEX legal_demand_agency ON legal.legal_demand (agency_code, created_at);
CREATE INDEX legal_demand_served ON legal.legal_demand (agency_code, served_on);

-- Each status a demand took, in order, with the date it happened and an optional note (e.g. the
-- vendor's reason for a refusal).
CREATE TABLE legal.legal_demand_change (
    demand_id   UUID        NOT NULL REFERENCES legal.legal_demand (id),
    seq         INTEGER     NOT NULL,
    status      VARCHAR(24) NOT NULL,
    happened_on DATE,
    note        VARCHAR(1000),
    changed_by  UUID        NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (demand_id, seq)
);

-- Emergency requests an agency made to a vendor without a legal demand, each with its written
-- justification; a supervisor other than the requester reviews it by review_due_at.
CREATE TABLE legal.emergency_request (
    id                  UUID PRIMARY KEY,
    agency_code         VARCHAR(16)   NOT NULL,
    vendor              VARCHAR(120)  NOT NULL,
    case_number         VARCHAR(64),
    scope               VARCHAR(2000) NOT NULL,
    justification       VARCHAR(4000) NOT NULL,
    footage_from        TIMESTAMP WITH TIME ZONE NOT NULL,
    footage_to          TIMESTAMP WITH TIME ZONE NOT NULL,
    requested_by        UUID          NOT NULL,
    requested_at        TIMESTAMP WITH TIME ZONE NOT NULL,  -- when the request was made to the vendor
    recorded_at         TIMESTAMP WITH TIME ZONE NOT NULL,  -- when it was recorded here
    review_due_at       TIMESTAMP WITH TIME ZONE NOT NULL,  -- requested_at + the review window at the time
    verdict             VARCHAR(16),                        -- JUSTIFIED, NOT_JUSTIFIED; null until reviewed
    review_note         VARCHAR(2000),
    reviewed_by         UUID,
    reviewed_at         TIMESTAMP WITH TIME ZONE,
    overdue_notified_at TIMESTAMP WITH TIME ZONE,           -- supervisors were told the review is overdue
    CONSTRAINT emergency_request_footage CHECK (footage_from <= footage_to),
    CONSTRAINT emergency_request_verdict CHECK (verdict IS NULL OR verdict IN ('JUSTIFIED', 'NOT_JUSTIFIED')),
    CONSTRAINT emergency_request_reviewed CHECK ((verdict IS NULL) = (reviewed_by IS NULL) AND (verdict IS NULL) = (reviewed_at IS NULL)),
    CONSTRAINT emergency_request_no_self_review CHECK (reviewed_by IS NULL OR reviewed_by <> requested_by)
);
CREATE INDEX emergency_request_agency ON legal.emergency_request (agency_code, requested_at);
CREATE INDEX emergency_request_due ON legal.emergency_request (verdict, review_due_at);
