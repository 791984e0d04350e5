-- Each agency's choice of catalogue plugins: enabled or not, and its settings (JSON, validated against the plugin's
-- metatype). Every node reads this table into memory and turns the enabled rows into configurations.
CREATE TABLE plugins.agency_plugins (
    agency      VARCHAR(32)              NOT NULL,
    plugin      VARCHAR(255)             NOT NULL,
    enabled     BOOLEAN                  NOT NULL,
    settings    VARCHAR(20000)           NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by  VARCHAR(100)             NOT NULL,
    version     BIGINT                   NOT NULL,
    PRIMARY KEY (agency, plugin)
);
