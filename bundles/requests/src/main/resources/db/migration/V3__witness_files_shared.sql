-- Consent first for witnesses too: an upload through a link is prepared, and only the files the
-- witness then confirms reach the agency. files_received counts the link's slots (prepared or
-- shared); files_shared, what the agency sees, counts the shared ones. Files received before
-- this migration were shared on receipt.
ALTER TABLE requests.witness_link ADD COLUMN files_shared INTEGER NOT NULL DEFAULT 0;
UPDATE requests.witness_link SET files_shared = files_received;
