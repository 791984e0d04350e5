-- What the agency is shown of how many owners a request reached: the registry's figure on whole coarse cells (about
-- 150 m) that the area touches, withheld below a minimum of distinct owners, never the exact number asked (owners_asked,
-- kept for the record), which would locate cameras as finely as the area's edges. Requests activated before this
-- migration show a withheld figure.
ALTER TABLE requests.footage_request ADD COLUMN owners_figure INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE requests.footage_request ADD COLUMN owners_figure_suppressed BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE requests.footage_request ADD COLUMN owners_figure_floor INTEGER DEFAULT 5 NOT NULL;
ALTER TABLE requests.footage_request ADD COLUMN owners_figure_cells INTEGER DEFAULT 0 NOT NULL;
