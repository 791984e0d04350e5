CREATE TABLE noticeboard.notice (
    id            UUID PRIMARY KEY,
    agency        VARCHAR(16) NOT NULL,
    author        UUID NOT NULL,
    title         VARCHAR(120) NOT NULL,
    body          VARCHAR(4000) NOT NULL,
    -- the last day (in the agency's time zone) the public board shows it; NULL: until taken down
    until_day     DATE,
    posted_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    taken_down_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX notice_by_agency ON noticeboard.notice (agency, posted_at);
