/**
 * Storage for bundles: a {@link org.porchlight.api.store.Database} service that hands each
 * bundle pooled connections, runs that bundle's own schema migrations and wraps work in
 * transactions.
 *
 * <p>A bundle that owns tables names its schema in the manifest header
 * {@value org.porchlight.api.store.Database#SCHEMA_HEADER} and ships Flyway-style SQL migrations
 * ({@code V1__create_cameras.sql}, ...) under {@value org.porchlight.api.store.Database#MIGRATIONS_FOLDER}.
 * They are applied, with their own history, before the bundle receives the service. Write SQL that
 * runs on both PostgreSQL and H2 (which runs in PostgreSQL mode) and qualify table names with the
 * schema.
 */
@Version("1.1.0")
@Export
package org.porchlight.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
