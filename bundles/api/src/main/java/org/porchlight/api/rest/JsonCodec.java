package org.porchlight.api.rest;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The REST core's JSON mapping as a service, for bundles that store a document (an area, a
 * policy) in a text column: what they store reads and writes exactly as the API does.
 */
@ProviderType
public interface JsonCodec {

    /** @throws IllegalArgumentException if {@code value} cannot be written */
    String write(Object value);

    /** @throws IllegalArgumentException if {@code json} is not a {@code type} */
    <T> T read(String json, Class<T> type);
}
