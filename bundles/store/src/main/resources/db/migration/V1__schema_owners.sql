-- Which bundle owns which schema, so that two bundles can never migrate the same schema.
CREATE TABLE store.schema_owner (
    schema_name          VARCHAR(63)  NOT NULL PRIMARY KEY,
    bundle_symbolic_name VARCHAR(255) NOT NULL,
    claimed_at           TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);
