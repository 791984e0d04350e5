package org.porchlight.store;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Porchlight database",
        description = "Where Porchlight keeps its data. Leave the URL empty for the embedded H2 database "
                + "under the data folder; set a jdbc:postgresql: URL to scale out. The environment variables "
                + "PORCHLIGHT_DB_URL, PORCHLIGHT_DB_USER and PORCHLIGHT_DB_PASSWORD are used when these are empty.")
@interface StoreConfiguration {

    String PID = "org.porchlight.store";

    @AttributeDefinition(description = "JDBC URL: jdbc:postgresql://host:5432/db or jdbc:h2:file:/path. Empty: embedded H2.")
    String url() default "";

    @AttributeDefinition(description = "Database user.")
    String user() default "";

    /** Key {@code .password}: a private property, never copied to the DataSource's service properties. */
    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Database password.")
    String _password() default "";

    @AttributeDefinition(min = "1", description = "Most connections the pool opens.")
    int maxPoolSize() default 10;

    @AttributeDefinition(min = "1", description = "Seconds to wait for the database at start-up and for a free connection.")
    int connectTimeoutSeconds() default 10;
}
