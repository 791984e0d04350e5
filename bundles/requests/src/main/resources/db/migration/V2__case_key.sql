-- Case numbers are counted by their folded key (TextFolding.caseKey), so that MAXC-1, maxc-1, fullwidth or
-- Unicode-hyphen spellings are one case for the per-case limit. Existing rows get the same key computed in SQL, which
-- matches TextFolding.caseKey for ASCII case numbers (every platform and agency format so far): letters and digits only,
-- lower case, 0 as o, 1 and i as l, m as rn.
ALTER TABLE requests.footage_request ADD COLUMN case_key VARCHAR(2000);
UPDATE requests.footage_request
   SET case_key = REPLACE(TRANSLATE(REGEXP_REPLACE(LOWER(case_number), '[^a-z0-9]', '', 'g'), '01i', 'oll'), 'm', 'rn');
ALTER TABLE requests.footage_request ALTER COLUMN case_key SET NOT NULL;
CREATE INDEX footage_request_case_key ON requests.footage_request (agency_code, case_key);
