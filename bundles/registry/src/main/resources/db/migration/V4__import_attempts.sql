-- Every sync attempt is a run the source's agency sees, also one that handed nothing over: SKIPPED (the plugin said
-- why: folder empty, file too fresh, feed unchanged), FAILED before its first batch (e.g. a feed without its columns),
-- or INTERRUPTED before it. Such a run holds no checkpoint (nothing_handed), so the next sync resumes from the latest
-- run that does. Consecutive identical ones are one run whose attempts count up; the newest 100 per source are kept.
ALTER TABLE registry.import_run ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1;
ALTER TABLE registry.import_run ADD COLUMN nothing_handed BOOLEAN NOT NULL DEFAULT FALSE;
