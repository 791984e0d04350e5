-- Four eyes (issue 17): who approved the current version, and whether they were its author, which
-- only an agency policy allows and the public release log shows.
ALTER TABLE press.template ADD COLUMN approved_by UUID;
ALTER TABLE press.template ADD COLUMN self_approved BOOLEAN;
ALTER TABLE press.release ADD COLUMN self_approved BOOLEAN DEFAULT FALSE NOT NULL;
